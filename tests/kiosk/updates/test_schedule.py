"""The update schedule: due at its interval, never a restart under an open application."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from kiosk.updates.schedule import CHECK_INTERVAL, check_due, may_restart_into

NOW = datetime(2026, 12, 1, 22, 0, tzinfo=UTC)


def test_a_device_checks_first_and_then_once_an_interval() -> None:
    assert check_due(None, NOW)
    assert not check_due((NOW - timedelta(hours=1)).isoformat(), NOW)
    assert check_due((NOW - CHECK_INTERVAL).isoformat(), NOW)


def test_a_clock_set_back_or_a_garbled_time_does_not_stop_checks() -> None:
    assert check_due((NOW + timedelta(days=3)).isoformat(), NOW)
    assert check_due("yesterday-ish", NOW)


def test_a_pending_version_never_restarts_the_app_under_an_open_application() -> None:
    assert not may_restart_into("1.2.0", application_open=True)
    assert may_restart_into("1.2.0", application_open=False)
    assert not may_restart_into(None, application_open=False)
