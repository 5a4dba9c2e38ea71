"""The clerk's day, read from the repositories (clear metadata only: listing the day
decrypts nothing). The day is the office's: Europe/Athens, midnight to midnight, with
its own summer time, not the UTC date the store files a draft under."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING
from uuid import UUID
from zoneinfo import ZoneInfo

import msgspec

from kiosk.counter.actions import ItemAction, actions_for
from kiosk.ports import DraftRecord, DraftsRepository, OutboxRepository
from kiosk.status import PENDING, QuarantineReason, Status

if TYPE_CHECKING:
    from kiosk.store.office_copy import OfficeCopy, OfficeRow

ATHENS = ZoneInfo("Europe/Athens")
DAY_LIMIT = 500  # more than a counter files in a day; the list scrolls


class DayItem(msgspec.Struct, frozen=True):
    submission_id: UUID
    procedure_id: str
    channel: str  # kiosk | counter
    status: Status
    protocol_number: str | None
    created_at: datetime
    local_time: str  # HH:MM in the office
    actions: tuple[ItemAction, ...]
    # "device": this device's own; "office": another device's, from the platform's copy
    # (only reprinted here: it is not in this device's store).
    source: str = "device"
    decision: str | None = None
    attention: tuple[str, ...] = ()  # the platform's reason codes, for an office item


class RefusedItem(msgspec.Struct, frozen=True):
    """Refused by the platform: waiting for a clerk to correct it."""

    submission_id: UUID
    procedure_id: str
    local_time: str  # when it was refused, HH:MM in the office
    reason: QuarantineReason
    # "device": refused here; "office": refused on another device (a kiosk) and reported
    # for a counter to correct: correcting takes it from the platform first.
    source: str = "device"


class Waiting(msgspec.Struct, frozen=True):
    """Finalised applications not sent for longer than they should: a dead link."""

    count: int = 0
    oldest: str | None = None  # HH:MM the oldest was queued


class OfficeAttention(msgspec.Struct, frozen=True):
    """An application of the office the platform says needs someone (reason codes,
    worded by kiosk.counter.texts `reason_…`)."""

    submission_id: UUID
    procedure_id: str
    channel: str
    local_time: str  # when the platform received it, HH:MM in the office
    reasons: tuple[str, ...]


class OfficeNews(msgspec.Struct, frozen=True):
    """What the platform's copy adds to the day, and as of when it is true."""

    as_of: datetime | None = None  # the last full fetch; None: never fetched
    attention: tuple[OfficeAttention, ...] = ()
    parked: tuple[str, ...] = ()  # HH:MM each waiting parked draft was stored
    refused: tuple[RefusedItem, ...] = ()  # refused on other devices, for a counter


class CounterDay(msgspec.Struct, frozen=True):
    day: date
    items: tuple[DayItem, ...]
    refused: tuple[RefusedItem, ...]
    waiting: Waiting
    office: OfficeNews | None = None  # None: no platform copy on this device

    @property
    def attention_count(self) -> int:
        office = len(self.office.attention) if self.office else 0
        return len(self.refused) + (1 if self.waiting.count else 0) + office


def local_time(at: datetime) -> str:
    return at.astimezone(ATHENS).strftime("%H:%M")


def office_day(now: datetime) -> tuple[date, datetime, datetime]:
    """The office's date at `now` and its first and last instant (the end is open)."""
    day = now.astimezone(ATHENS).date()
    start = datetime.combine(day, time(0), tzinfo=ATHENS)
    return day, start, datetime.combine(day + timedelta(days=1), time(0), tzinfo=ATHENS)


def _item(record: DraftRecord) -> DayItem:
    return DayItem(
        record.submission_id,
        record.procedure_id,
        record.channel,
        record.status,
        record.protocol_number,
        record.created_at,
        local_time(record.created_at),
        actions_for(record.status),
    )


def _office_item(row: OfficeRow) -> DayItem:
    status = Status.from_platform(row.status, row.decision) or Status.ACCEPTED
    return DayItem(
        row.submission_id,
        row.procedure_id,
        row.channel,
        status,
        row.protocol_number,
        row.received_at,
        local_time(row.received_at),
        (ItemAction.REPRINT,),
        source="office",
        decision=row.decision,
        attention=row.attention,
    )


def _with_office(
    own: list[DayItem],
    drafts: DraftsRepository,
    office: OfficeCopy,
    start: datetime,
    end: datetime,
) -> tuple[list[DayItem], OfficeNews]:
    """The day's items with the office's from the platform's copy, each once: an
    application this device holds is shown from its own store (it knows more)."""
    from kiosk.store.errors import UnknownDraftError

    def held_here(submission_id: UUID) -> bool:
        try:
            drafts.get(submission_id)
        except UnknownDraftError:
            return False
        return True

    seen = {item.submission_id for item in own}
    others = [
        _office_item(row)
        for row in office.received_between(start, end, DAY_LIMIT)
        if row.submission_id not in seen and not held_here(row.submission_id)
    ]
    merged = sorted(own + others, key=lambda item: item.created_at, reverse=True)
    attention = tuple(
        OfficeAttention(
            row.submission_id,
            row.procedure_id,
            row.channel,
            local_time(row.received_at),
            row.attention,
        )
        for row in office.needing_attention()
    )
    parked = tuple(local_time(p.stored_at) for p in office.parked())
    refused = tuple(
        RefusedItem(
            r.submission_id,
            r.procedure_id,
            local_time(r.reported_at),
            QuarantineReason(r.reason, r.fields),
            source="office",
        )
        for r in office.refused()
        if not held_here(r.submission_id)
    )
    return merged, OfficeNews(office.fetched_at(), attention, parked, refused)


def read_day(
    drafts: DraftsRepository,
    outbox: OutboxRepository,
    now: datetime,
    *,
    waiting_longer_than: timedelta = timedelta(hours=1),
    office: OfficeCopy | None = None,
) -> CounterDay:
    """Today's applications (started today in the office, newest first; with `office`,
    also those the platform received today from the office's other devices), what the
    platform refused (whenever), and what has waited too long to be sent."""
    day, start, end = office_day(now)
    records = drafts.list(created_from=start, created_before=end, limit=DAY_LIMIT)
    refused = tuple(
        RefusedItem(
            r.submission_id,
            r.procedure_id,
            local_time(r.updated_at),
            r.quarantine_reason or QuarantineReason(""),
        )
        for r in outbox.quarantined()
    )
    cutoff = now - waiting_longer_than
    stuck = [r for r in drafts.list(status=PENDING, limit=DAY_LIMIT) if r.updated_at < cutoff]
    waiting = (
        Waiting(len(stuck), local_time(min(r.updated_at for r in stuck))) if stuck else Waiting()
    )
    items = [_item(r) for r in records]
    if office is None:
        return CounterDay(day, tuple(items), refused, waiting)
    merged, news = _with_office(items, drafts, office, start, end)
    return CounterDay(day, tuple(merged), refused + news.refused, waiting, news)
