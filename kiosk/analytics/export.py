"""The dashboard's figures as one CSV file, in long form (one figure per row), so that a
spreadsheet can filter and pivot it: section, procedure, subject, day, hour, measure,
value. Written as UTF-8 with a byte-order mark: Excel then shows Greek correctly."""

from __future__ import annotations

import csv
import os
from collections.abc import Iterator
from pathlib import Path

from kiosk.analytics.dashboard import DashboardData, SubjectRow

HEADER = (
    "section", "procedure_id", "procedure", "subject_id", "subject", "day", "hour",
    "measure", "value",
)  # fmt: skip
Row = tuple[str, ...]


def _number(value: float | int | None) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4f}".rstrip("0").rstrip(".") or "0"
    return str(value)


def _subject_rows(
    data: DashboardData, section: str, kind: str, rows: list[SubjectRow], locale: str
) -> Iterator[Row]:
    names = {"abandonment": ("abandoned", "reached"), "errors": ("errors", "reached"),
             "documents": ("bring", "submitted")}[section]  # fmt: skip
    for row in rows:
        head = (
            section, row.procedure_id, data.labels.procedure(row.procedure_id, locale),
            row.subject_id, data.labels.subject(row.procedure_id, kind, row.subject_id, locale),
            "", "",
        )  # fmt: skip
        yield (*head, names[0], str(row.count))
        yield (*head, names[1], str(row.base))
        yield (*head, "rate", _number(row.rate))
        if row.detail:
            yield (*head, "top_rule", row.detail)


def rows(data: DashboardData, locale: str = "el") -> Iterator[Row]:
    title = data.labels.procedure
    for p in data.procedures:
        head = ("procedures", p.procedure_id, title(p.procedure_id, locale), "", "", "", "")
        yield (*head, "started", str(p.started))
        yield (*head, "submitted", str(p.submitted))
        yield (*head, "completion_rate", _number(p.completion_rate))
        yield (*head, "median_seconds", _number(p.median_seconds))
    for pid, by_day in sorted(data.demand_by_day.items()):
        for day, count in sorted(by_day.items()):
            yield ("demand_day", pid, title(pid, locale), "", "", day.isoformat(), "", "started", str(count))  # fmt: skip
    for pid, by_hour in sorted(data.demand_by_hour.items()):
        for hour, count in enumerate(by_hour):
            if count:
                yield ("demand_hour", pid, title(pid, locale), "", "", "", str(hour), "started", str(count))  # fmt: skip
    yield from _subject_rows(data, "abandonment", "step", data.abandon_steps, locale)
    yield from _subject_rows(data, "errors", "field", data.error_fields, locale)
    yield from _subject_rows(data, "documents", "document", data.documents_to_bring, locale)
    for pid, hints in data.hints.items():
        for rank, hint in enumerate(hints, 1):
            kind = {"abandonment": "step", "errors": "field", "once_only": "document"}[hint.kind]
            subject = data.labels.subject(pid, kind, hint.subject_id, locale)
            head = (f"hint_{hint.kind}", pid, title(pid, locale), hint.subject_id, subject, "", "")
            yield (*head, "rank", str(rank))
            yield (*head, "score", _number(hint.score))
            for name, value in sorted(hint.figures.items()):
                yield (*head, name, value if isinstance(value, str) else _number(value))
    for pid, forecast in data.forecasts.items():
        for day, expected in zip(forecast.days, forecast.daily, strict=True):
            yield ("forecast", pid, title(pid, locale), "", "", day.isoformat(), "", "expected", _number(expected))  # fmt: skip
        head = ("forecast_error", pid, title(pid, locale), "", "", "", "")
        yield (*head, "weeks_tried", str(forecast.backtest.weeks))
        yield (*head, "mae_daily", _number(forecast.backtest.mae_daily))
        yield (*head, "naive_mae_daily", _number(forecast.backtest.naive_mae_daily))


def export_csv(data: DashboardData, path: Path, locale: str = "el") -> int:
    """Write the CSV to `path` (the caller chooses it: no dialog at a kiosk); returns the
    number of figures. Written to a temporary name first, so a full USB stick never
    leaves half a file under the real name."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".part")
    count = 0
    with partial.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for row in rows(data, locale):
            writer.writerow(row)
            count += 1
        handle.flush()
        os.fsync(handle.fileno())
    partial.replace(path)
    return count
