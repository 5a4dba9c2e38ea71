"""When a device looks for updates: at an interval, and quietly.

Checking and downloading may run any time on the network lane (they touch nothing the
app uses); only switching versions waits, and that happens at the next start."""

from __future__ import annotations

from datetime import datetime, timedelta

CHECK_INTERVAL = timedelta(hours=6)


def check_due(last_check: str | None, now: datetime, interval: timedelta = CHECK_INTERVAL) -> bool:
    if not last_check:
        return True
    try:
        previous = datetime.fromisoformat(last_check)
    except ValueError:
        return True  # an unreadable time is no reason never to check again
    return now - previous >= interval or previous > now  # a clock set back checks too


def may_restart_into(pending: str | None, application_open: bool) -> bool:
    """Whether the app may restart now to start a pending version: never mid-application."""
    return pending is not None and not application_open
