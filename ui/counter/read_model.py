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


def _labels(
    catalog: CatalogLoad, procedure_id: str, ids: tuple[str, ...], locale: str
) -> tuple[str, ...]:
    """The refused fields as the clerk sees them on the form («ΑΜΚΑ», not «amka»)."""
    procedure = catalog.procedures.get(procedure_id)
    labels: dict[str, str] = {}
    if procedure is not None:
        for step in procedure.steps:
            for field in [*step.fields, *(f for g in step.groups for f in g.fields)]:
                labels.setdefault(field.id, field.label.get(locale))
            for group in step.groups:
                labels.setdefault(group.id, group.label.get(locale))
    return tuple(_label_of(path, labels) for path in ids)


def _label_of(path: str, labels: dict[str, str]) -> str:
    """`vehicles[1].plate` is an item's field; an id the definition lacks stays as is."""
    group = path.split("[")[0]
    leaf = path.rsplit(".", 1)[-1] if "." in path else group
    return labels.get(leaf) or labels.get(group) or path


def attention_items(day: CounterDay, catalog: CatalogLoad, locale: str) -> list[AttentionItem]:
    return [
        AttentionItem(
            item.submission_id,
            _title(catalog, item.procedure_id, locale),
            item.local_time,
            _labels(catalog, item.procedure_id, tuple(item.reason.fields), locale),
        )
        for item in day.refused
    ]
