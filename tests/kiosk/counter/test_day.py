"""The clerk's day is the office's (Europe/Athens), read by the core, with typed values."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from kiosk.counter import ItemAction, Waiting, office_day, read_day
from kiosk.status import QuarantineReason, Status
from kiosk.store import Store
from tests.kiosk.counter.conftest import draft_born_at, queued


def test_today_is_the_offices_day_not_the_utc_date(store: Store) -> None:
    after_athens_midnight = draft_born_at(store, datetime(2026, 12, 1, 22, 30, tzinfo=UTC))
    draft_born_at(store, datetime(2026, 12, 1, 21, 30, tzinfo=UTC))  # 23:30 on the 1st there
    day = read_day(store.drafts, store.outbox, datetime(2026, 12, 2, 6, 0, tzinfo=UTC))
    assert day.day.isoformat() == "2026-12-02"
    assert [i.submission_id for i in day.items] == [after_athens_midnight]
    assert day.items[0].local_time == "00:30"


def test_in_summer_the_office_day_starts_three_hours_before_utc(store: Store) -> None:
    early = draft_born_at(store, datetime(2026, 7, 1, 21, 30, tzinfo=UTC))  # 00:30 on 2 July
    draft_born_at(store, datetime(2026, 7, 2, 21, 0, tzinfo=UTC))  # already 3 July there
    day = read_day(store.drafts, store.outbox, datetime(2026, 7, 2, 12, 0, tzinfo=UTC))
    assert [i.submission_id for i in day.items] == [early]
    _, start, end = office_day(datetime(2026, 7, 2, 12, 0, tzinfo=UTC))
    assert start.astimezone(UTC).hour == 21 and end - start == timedelta(days=1)


def test_the_day_is_newest_first_with_what_each_item_allows(store: Store) -> None:
    draft = draft_born_at(store, datetime.now(UTC) - timedelta(minutes=2))
    sent = queued(store)
    day = read_day(store.drafts, store.outbox, datetime.now(UTC))
    assert [(i.submission_id, i.status, i.actions) for i in day.items] == [
        (sent, Status.QUEUED, (ItemAction.REPRINT,)),
        (draft, Status.DRAFT, (ItemAction.CONTINUE,)),
    ]


def test_a_refusal_comes_with_its_typed_reason(store: Store) -> None:
    sid = queued(store, afm="1")
    store.outbox.next_batch(1)
    store.outbox.mark_quarantined(sid, "invalid", {"phone": "short", "afm": "check digit"})
    day = read_day(store.drafts, store.outbox, datetime.now(UTC))
    (refused,) = day.refused
    assert refused.reason == QuarantineReason("invalid", ("afm", "phone"))
    assert day.items[0].actions == (ItemAction.CORRECT,)
    assert day.attention_count == 1


def test_what_waits_too_long_to_be_sent_is_counted_with_the_oldest_time(store: Store) -> None:
    sid = queued(store)
    queued(store)  # queued just now: not stuck
    two_hours_ago = datetime.now(UTC) - timedelta(hours=2)
    with store.db.conn:
        store.db.execute(
            "UPDATE drafts SET updated_at = ? WHERE submission_id = ?",
            (two_hours_ago.isoformat(), str(sid)),
        )
    day = read_day(store.drafts, store.outbox, datetime.now(UTC))
    local = two_hours_ago.astimezone(office_day(two_hours_ago)[1].tzinfo).strftime("%H:%M")
    assert day.waiting == Waiting(1, local)
    assert day.attention_count == 1
