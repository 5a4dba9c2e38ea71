"""The clerk's day, read from the repositories (clear metadata only: listing the day
decrypts nothing). The day is the office's: Europe/Athens, midnight to midnight, with
its own summer time, not the UTC date the store files a draft under."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from uuid import UUID
from zoneinfo import ZoneInfo

from kiosk.counter.actions import ItemAction, actions_for
from kiosk.ports import DraftRecord, DraftsRepository, OutboxRepository
from kiosk.status import PENDING, QuarantineReason, Status

ATHENS = ZoneInfo("Europe/Athens")
DAY_LIMIT = 500  # more than a counter files in a day; the list scrolls


@dataclass(frozen=True)
class DayItem:
    submission_id: UUID
    procedure_id: str
    channel: str  # kiosk | counter
    status: Status
    protocol_number: str | None
    created_at: datetime
    local_time: str  # HH:MM in the office
    actions: tuple[ItemAction, ...]


@dataclass(frozen=True)
class RefusedItem:
    """Refused by the platform: waiting for a clerk to correct it."""

    submission_id: UUID
    procedure_id: str
    local_time: str  # when it was refused, HH:MM in the office
    reason: QuarantineReason


@dataclass(frozen=True)
class Waiting:
    """Finalised applications not sent for longer than they should: a dead link."""

    count: int = 0
    oldest: str | None = None  # HH:MM the oldest was queued


@dataclass(frozen=True)
class CounterDay:
    day: date
    items: tuple[DayItem, ...]
    refused: tuple[RefusedItem, ...]
    waiting: Waiting

    @property
    def attention_count(self) -> int:
        return len(self.refused) + (1 if self.waiting.count else 0)


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


def read_day(
    drafts: DraftsRepository,
    outbox: OutboxRepository,
    now: datetime,
    *,
    waiting_longer_than: timedelta = timedelta(hours=1),
) -> CounterDay:
    """Today's applications (started today in the office, newest first), what the
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
    return CounterDay(day, tuple(_item(r) for r in records), refused, waiting)
