"""The counter's day (kiosk.counter.read_day) as the Today screen's rows: titles in the
clerk's language. Everything else (which day, which actions) is the core's."""

from __future__ import annotations

from datetime import datetime

from kiosk.catalog.loader import CatalogLoad
from kiosk.counter import TEXTS, CounterDay, DayItem
from kiosk.counter.day import local_time
from ui.counter.texts import text
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
            item.source,
            _details(item, locale),
        )
        for item in day.items
    ]


def _details(item: DayItem, locale: str) -> str:
    """What opening an application of another device shows (it is not on this device:
    its status, decision and the platform's reasons, and that its receipt reprints)."""
    if item.source != "office":
        return ""
    status = text(f"status_{item.status}", locale)
    if item.decision:
        status += f" ({item.decision})"
    reasons = [
        TEXTS[f"reason_{r}"].message(locale) for r in item.attention if f"reason_{r}" in TEXTS
    ]
    if reasons:
        status += " — " + ", ".join(reasons)
    return TEXTS["office_details"].message(
        locale, number=item.protocol_number or "—", status=status
    )


def as_of_line(as_of: datetime | None, locale: str, online: bool | None) -> str:
    """As of when the office's list is true: "offline" while the link is down now."""
    if as_of is None:
        return TEXTS["office_never"].message(locale)
    key = "office_offline" if online is False else "office_as_of"
    return TEXTS[key].message(locale, time=local_time(as_of))


def office_lines(
    day: CounterDay, catalog: CatalogLoad, locale: str, online: bool | None
) -> list[str]:
    """What the platform's copy says beside the day: as of when (truthfully: "offline"
    when the link is down now), the office's applications that need someone, and the
    parked drafts waiting for their citizen. Empty without a platform copy."""
    news = day.office
    if news is None:
        return []
    lines = [as_of_line(news.as_of, locale, online)]
    for item in news.attention:
        reasons = ", ".join(
            TEXTS[f"reason_{r}"].message(locale) for r in item.reasons if f"reason_{r}" in TEXTS
        )
        lines.append(
            TEXTS["office_attention"].message(
                locale,
                procedure=_title(catalog, item.procedure_id, locale),
                time=item.local_time,
                channel=text(f"channel_{item.channel}", locale),
                reasons=reasons or "—",
            )
        )
    if news.parked:
        lines.append(
            TEXTS["office_parked"].message(
                locale, count=len(news.parked), times=", ".join(news.parked)
            )
        )
    return lines


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
