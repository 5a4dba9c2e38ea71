"""What the counter's lists show, read from the device store (clear metadata columns
only: listing the day decrypts nothing)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from kiosk.catalog.loader import CatalogLoad
from kiosk.regions import ATHENS
from kiosk.store import DraftRecord, Store
from ui.counter.today import AttentionItem, TodayRow

DAY_LIMIT = 500


def _title(catalog: CatalogLoad, procedure_id: str, locale: str) -> str:
    procedure = catalog.procedures.get(procedure_id)
    return procedure.title.get(locale) if procedure else procedure_id


def _local_time(at: datetime) -> str:
    return at.astimezone(ATHENS).strftime("%H:%M")


def today_rows(store: Store, catalog: CatalogLoad, locale: str, now: datetime) -> list[TodayRow]:
    """Applications started today (Athens time), newest first."""
    local_day = now.astimezone(ATHENS).date()
    records: list[DraftRecord] = []
    for utc_day in {(now + timedelta(hours=h)).strftime("%Y-%m-%d") for h in (-24, 0, 24)}:
        records += store.drafts.list(day=utc_day, limit=DAY_LIMIT)
    mine = [r for r in records if r.created_at.astimezone(ATHENS).date() == local_day]
    mine.sort(key=lambda r: r.created_at, reverse=True)
    return [
        TodayRow(
            r.submission_id,
            _local_time(r.created_at),
            _title(catalog, r.procedure_id, locale),
            r.channel,
            r.status,
            r.protocol_number,
        )
        for r in mine
    ]


def waiting_too_long(
    store: Store, now: datetime, longer_than: timedelta = timedelta(hours=1)
) -> tuple[int, str | None]:
    """(how many finalised applications have waited to be sent longer than that, the
    local time the oldest was queued): what is stuck behind a dead link."""
    cutoff = now - longer_than
    waiting = [
        r
        for status in ("queued", "sending")
        for r in store.drafts.list(status=status, limit=DAY_LIMIT)
        if r.updated_at < cutoff
    ]
    if not waiting:
        return 0, None
    return len(waiting), _local_time(min(r.updated_at for r in waiting))


def attention_items(store: Store, catalog: CatalogLoad, locale: str) -> list[AttentionItem]:
    items = []
    for record in store.outbox.quarantined():
        try:
            fields = tuple(json.loads(record.quarantine_reason or "{}").get("fields", ()))
        except (json.JSONDecodeError, AttributeError):
            fields = ()
        items.append(
            AttentionItem(
                record.submission_id,
                _title(catalog, record.procedure_id, locale),
                _local_time(record.updated_at),
                fields,
            )
        )
    return items
