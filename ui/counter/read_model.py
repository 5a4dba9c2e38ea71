"""The counter's day (kiosk.counter.read_day) as the Today screen's rows: titles in the
clerk's language. Everything else (which day, which actions) is the core's."""

from __future__ import annotations

from kiosk.catalog.loader import CatalogLoad
from kiosk.counter import CounterDay
from ui.counter.today import AttentionItem, TodayRow


def _title(catalog: CatalogLoad, procedure_id: str, locale: str) -> str:
    procedure = catalog.procedures.get(procedure_id)
    return procedure.title.get(locale) if procedure else procedure_id


def today_rows(day: CounterDay, catalog: CatalogLoad, locale: str) -> list[TodayRow]:
    return [
        TodayRow(
            item.submission_id,
            item.local_time,
            _title(catalog, item.procedure_id, locale),
            item.channel,
            item.status,
            item.protocol_number,
        )
        for item in day.items
    ]


def attention_items(day: CounterDay, catalog: CatalogLoad, locale: str) -> list[AttentionItem]:
    return [
        AttentionItem(
            item.submission_id,
            _title(catalog, item.procedure_id, locale),
            item.local_time,
            item.reason.fields,
        )
        for item in day.refused
    ]
