"""The office dashboard's read model: plain data, computed once from daily aggregates.

data = build_dashboard(store.usage.daily(office, region, first, last), catalog,
                       office_id=office, today=today)
DashboardScreen(data, "el")           # ui/dashboard
export_csv(data, path, "el")          # kiosk/analytics/export.py
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from kiosk.analytics.aggregate import DailyAggregate
from kiosk.analytics.forecast import WeekForecast, forecast_week
from kiosk.analytics.hints import Hint, hints_for
from kiosk.analytics.labels import Labels
from kiosk.analytics.summary import ProcedureSummary, rate, summarise
from kiosk.catalog.model import Procedure


@dataclass(frozen=True)
class ProcedureRow:
    procedure_id: str
    started: int
    submitted: int
    completion_rate: float | None
    median_seconds: float | None


@dataclass(frozen=True)
class SubjectRow:
    """A step, field or document of one procedure with its count over its base."""

    procedure_id: str
    subject_id: str
    count: int  # left there / hit the error / had to bring it
    base: int  # reached it / reached its step / submitted
    rate: float
    detail: str = ""  # the most frequent rule, for fields


@dataclass(frozen=True)
class DashboardData:
    office_id: str
    first_day: date
    last_day: date
    labels: Labels
    procedures: list[ProcedureRow]
    demand_by_day: dict[str, dict[date, int]]
    demand_by_hour: dict[str, list[int]]
    abandon_steps: list[SubjectRow]  # kiosk only
    error_fields: list[SubjectRow]
    documents_to_bring: list[SubjectRow]
    hints: dict[str, list[Hint]] = field(default_factory=dict)
    forecasts: dict[str, WeekForecast] = field(default_factory=dict)

    @property
    def days(self) -> list[date]:
        span = (self.last_day - self.first_day).days + 1
        return [self.first_day + timedelta(days=i) for i in range(span)]


def _abandon_rows(summary: ProcedureSummary) -> list[SubjectRow]:
    return [
        SubjectRow(summary.procedure_id, step_id, left, reached, min(1.0, rate(left, reached)))
        for step_id, left in summary.kiosk_abandoned.items()
        if left and (reached := summary.kiosk_reached.get(step_id, 0))
    ]


def _error_rows(summary: ProcedureSummary) -> list[SubjectRow]:
    rows = []
    for (step_id, field_id), (hit, rule) in summary.field_errors().items():
        reached = summary.reached.get(step_id, 0)
        rows.append(
            SubjectRow(
                summary.procedure_id, field_id, hit, reached, min(1.0, rate(hit, reached)), rule
            )
        )
    return rows


def _document_rows(summary: ProcedureSummary) -> list[SubjectRow]:
    return [
        SubjectRow(
            summary.procedure_id,
            document_id,
            statuses["bring"],
            summary.submitted,
            min(1.0, rate(statuses["bring"], summary.submitted)),
        )
        for document_id, statuses in summary.documents.items()
        if statuses.get("bring")
    ]


def _ranked(rows: Iterable[SubjectRow], top: int) -> list[SubjectRow]:
    return sorted(rows, key=lambda r: (-r.count, -r.rate, r.procedure_id, r.subject_id))[:top]


def build_dashboard(
    aggregates: Iterable[DailyAggregate],
    catalog: Mapping[str, Procedure],
    *,
    office_id: str,
    today: date,
    first_day: date | None = None,
    top: int = 10,
) -> DashboardData:
    """Figures for the closed days given (`first_day`..yesterday: today's are still
    moving, and a half day would read as a drop), hints per procedure, and a forecast of
    the 7 days from `today` with its error on past weeks."""
    days = [a for a in aggregates if a.day < today and (first_day is None or a.day >= first_day)]
    summaries = summarise(days)
    first = first_day or min((a.day for a in days), default=today - timedelta(days=1))
    procedures = sorted(
        (
            ProcedureRow(
                s.procedure_id, s.started, s.submitted, s.completion_rate, s.median_seconds
            )
            for s in summaries.values()
        ),
        key=lambda row: (-row.started, row.procedure_id),
    )
    return DashboardData(
        office_id=office_id,
        first_day=first,
        last_day=max(first, today - timedelta(days=1)),
        labels=Labels.of(catalog),
        procedures=procedures,
        demand_by_day={pid: dict(s.started_by_day) for pid, s in summaries.items()},
        demand_by_hour={pid: list(s.started_by_hour) for pid, s in summaries.items()},
        abandon_steps=_ranked((r for s in summaries.values() for r in _abandon_rows(s)), top),
        error_fields=_ranked((r for s in summaries.values() for r in _error_rows(s)), top),
        documents_to_bring=_ranked((r for s in summaries.values() for r in _document_rows(s)), top),
        hints={
            pid: hints_for(summary, catalog.get(pid), catalog)
            for pid, summary in sorted(summaries.items())
        },
        forecasts={
            pid: forecast_week(summary.hourly_by_day, today)
            for pid, summary in sorted(summaries.items())
        },
    )
