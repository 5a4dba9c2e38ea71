"""A period's figures per procedure: daily aggregates added up, with the rates the
dashboard and the hints read (completion, abandonment per step, errors per field).

Rates are per applicant: a step's abandonment rate is the applicants who left there
over those who reached it; a field's error rate is the applicants who hit that error
over those who reached its step (the recorder counts each once per applicant)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from kiosk.analytics.aggregate import DailyAggregate, ProcedureDay, histogram_median


def _add(table: dict[str, int], other: dict[str, int]) -> None:
    for key, count in other.items():
        table[key] = table.get(key, 0) + count


@dataclass
class ProcedureSummary:
    procedure_id: str
    started: int = 0
    submitted: int = 0
    started_by_day: dict[date, int] = field(default_factory=dict)
    hourly_by_day: dict[date, list[int]] = field(default_factory=dict)  # for the forecast
    started_by_hour: list[int] = field(default_factory=lambda: [0] * 24)
    reached: dict[str, int] = field(default_factory=dict)  # all channels
    kiosk_reached: dict[str, int] = field(default_factory=dict)
    kiosk_abandoned: dict[str, int] = field(default_factory=dict)
    errors: dict[tuple[str, str, str], int] = field(default_factory=dict)  # step, field, rule
    documents: dict[str, dict[str, int]] = field(default_factory=dict)
    completion_seconds: dict[int, int] = field(default_factory=dict)
    step_seconds: dict[str, dict[int, int]] = field(default_factory=dict)

    def add(self, day: date, figures: ProcedureDay) -> None:
        self.started += figures.started
        self.submitted += figures.submitted
        self.started_by_day[day] = self.started_by_day.get(day, 0) + figures.started
        hours = self.hourly_by_day.setdefault(day, [0] * 24)
        for hour, count in enumerate(figures.started_by_hour):
            hours[hour] += count
            self.started_by_hour[hour] += count
        _add(self.reached, figures.reached)
        if figures.channel == "kiosk":
            _add(self.kiosk_reached, figures.reached)
            _add(self.kiosk_abandoned, figures.abandoned)
        for error in figures.errors:
            key = (error.step_id, error.field_id, error.rule)
            self.errors[key] = self.errors.get(key, 0) + error.count
        for document_id, statuses in figures.documents.items():
            _add(self.documents.setdefault(document_id, {}), statuses)
        for seconds, count in figures.completion_seconds.items():
            self.completion_seconds[seconds] = self.completion_seconds.get(seconds, 0) + count
        for step_id, histogram in figures.step_seconds.items():
            merged = self.step_seconds.setdefault(step_id, {})
            for seconds, count in histogram.items():
                merged[seconds] = merged.get(seconds, 0) + count

    @property
    def completion_rate(self) -> float | None:
        return self.submitted / self.started if self.started else None

    @property
    def median_seconds(self) -> float | None:
        return histogram_median(self.completion_seconds)

    def step_median_seconds(self, step_id: str) -> float | None:
        return histogram_median(self.step_seconds.get(step_id, {}))

    def field_errors(self) -> dict[tuple[str, str], tuple[int, str]]:
        """(step, field) -> (applicants with any error there, the most frequent rule).
        A field's rules are added up: an applicant rarely hits two rules of one field."""
        totals: dict[tuple[str, str], dict[str, int]] = {}
        for (step_id, field_id, rule), count in self.errors.items():
            rules = totals.setdefault((step_id, field_id), {})
            rules[rule] = rules.get(rule, 0) + count
        return {
            key: (sum(rules.values()), max(sorted(rules), key=lambda r: rules[r]))
            for key, rules in totals.items()
        }


def summarise(aggregates: Iterable[DailyAggregate]) -> dict[str, ProcedureSummary]:
    summaries: dict[str, ProcedureSummary] = {}
    for aggregate in aggregates:
        for figures in aggregate.procedures:
            summary = summaries.setdefault(
                figures.procedure_id, ProcedureSummary(figures.procedure_id)
            )
            summary.add(aggregate.day, figures)
    return summaries


def rate(part: int, whole: int) -> float:
    return part / whole if whole else 0.0
