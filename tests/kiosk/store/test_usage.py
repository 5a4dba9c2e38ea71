from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from kiosk.analytics.aggregate import DailyAggregate
from kiosk.analytics.events import UsageRecorder
from kiosk.store import Store, open_store
from kiosk.store.database import MIGRATIONS, open_database

TAXI = "taxi-driver-licence"
MONDAY, TUESDAY, WEDNESDAY = date(2026, 11, 23), date(2026, 11, 24), date(2026, 11, 25)


def _journeys(store: Store, day: date, count: int, *, leave_at: str | None = None) -> None:
    moment = datetime(day.year, day.month, day.day, 8, 30, tzinfo=UTC)
    recorder = UsageRecorder(store.usage, lambda: moment)
    for _ in range(count):
        recorder.procedure_started(TAXI, "kiosk")
        recorder.step_reached(TAXI, "applicant")
        if leave_at:
            recorder.step_reached(TAXI, leave_at)
            recorder.abandoned(TAXI, leave_at, "idle")
        else:
            recorder.submitted(TAXI)


def test_events_are_kept_as_counters_not_as_rows(store: Store) -> None:
    _journeys(store, MONDAY, 5)
    started = store.db.execute(
        "SELECT hour, count FROM usage_counts WHERE kind = 'started'"
    ).fetchall()
    assert started == [(10, 5)]  # one cell, counted five times; 08:30 UTC is 10:30 in Athens
    [aggregate] = store.usage.daily("office-1", "2", MONDAY, MONDAY)
    assert aggregate.procedures[0].started == 5 and aggregate.procedures[0].submitted == 5


def test_only_closed_days_are_queued_and_each_only_once(store: Store) -> None:
    _journeys(store, MONDAY, 3)
    assert store.usage.queue_changed_days("office-1", "2", today=MONDAY) == 0  # still open
    assert store.usage.queue_changed_days("office-1", "2", today=TUESDAY) == 1
    assert store.usage.queue_changed_days("office-1", "2", today=TUESDAY) == 0
    [pending] = store.usage.pending_aggregates(10)
    assert DailyAggregate.from_json_bytes(pending.body).day == MONDAY
    assert pending.body == DailyAggregate.from_json_bytes(pending.body).to_json_bytes()


def test_a_day_that_changes_after_sending_is_queued_again_as_a_new_revision(store: Store) -> None:
    _journeys(store, MONDAY, 3)
    store.usage.queue_changed_days("office-1", "2", today=TUESDAY)
    [first] = store.usage.pending_aggregates(10)
    store.usage.mark_aggregate_sent(first, server_revision=1)
    assert store.usage.pending_aggregates(10) == []
    _journeys(store, MONDAY, 1, leave_at="contact")  # a late count for Monday
    store.usage.queue_changed_days("office-1", "2", today=TUESDAY)
    [second] = store.usage.pending_aggregates(10)
    assert second.sha256 != first.sha256
    assert store.db.execute("SELECT revision FROM usage_outbox").fetchone()[0] == 2


def test_a_stale_acknowledgement_does_not_mark_a_newer_body_sent(store: Store) -> None:
    _journeys(store, MONDAY, 2)
    store.usage.queue_changed_days("office-1", "2", today=TUESDAY)
    [sent] = store.usage.pending_aggregates(10)
    _journeys(store, MONDAY, 1)  # while the first body was on its way
    store.usage.queue_changed_days("office-1", "2", today=TUESDAY)
    store.usage.mark_aggregate_sent(sent, server_revision=1)
    assert store.usage.aggregate_states() == {"2026-11-23": "pending"}


def test_a_rejected_aggregate_is_set_aside_with_its_reason(store: Store) -> None:
    _journeys(store, MONDAY, 2)
    queue = store.usage.queue("office-1", "2", today=lambda: TUESDAY)
    [item] = queue.pending_aggregates(10)
    queue.mark_aggregate_rejected(item, "422 invalid_aggregate")
    assert queue.pending_aggregates(10) == []
    assert store.usage.aggregate_states() == {"2026-11-23": "rejected"}


def test_aggregates_are_not_counted_as_pending_submissions(store: Store) -> None:
    _journeys(store, MONDAY, 2)
    store.usage.queue_changed_days("office-1", "2", today=TUESDAY)
    assert store.outbox.pending_count() == 0


@pytest.mark.parametrize("start", range(1, len(MIGRATIONS)))
def test_upgrading_from_every_earlier_schema_adds_the_usage_tables(
    tmp_path: Path, start: int
) -> None:
    open_store(tmp_path / "first.sqlite3").close()  # the device key exists already
    path = tmp_path / "old.sqlite3"
    open_database(path, target=start).conn.close()
    store = open_store(path)
    _journeys(store, MONDAY, 2)
    assert store.usage.days() == [MONDAY]
    store.close()


def test_only_the_start_of_a_journey_keeps_its_hour(store: Store) -> None:
    _journeys(store, MONDAY, 2, leave_at="contact")
    hours = dict(store.db.execute("SELECT kind, hour FROM usage_counts").fetchall())
    assert hours.pop("started") == 10
    assert set(hours.values()) == {-1}


def test_a_device_moved_to_another_office_sends_only_the_new_office_days(store: Store) -> None:
    _journeys(store, MONDAY, 1)
    store.usage.queue_changed_days("office-old", "2", today=TUESDAY)
    _journeys(store, TUESDAY, 1)
    queue = store.usage.queue("office-new", "2", today=lambda: WEDNESDAY)
    assert [(p.office_id, p.day) for p in queue.pending_aggregates(10)] == [("office-new", TUESDAY)]
