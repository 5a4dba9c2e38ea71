"""The Region-wide view across offices, from the daily aggregates the platform holds:
per office and per procedure, the demand, the completion rate, the median time, and
where applicants leave or stumble most. Plain JSON-ready dicts (the reference server
serves them at GET /v1/regions/{code}/usage)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from kiosk.analytics.aggregate import DailyAggregate
from kiosk.analytics.summary import ProcedureSummary, rate, summarise


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _worst_step(summary: ProcedureSummary) -> dict[str, Any] | None:
    rows = [
        (left / reached, step_id, left, reached)
        for step_id, left in summary.kiosk_abandoned.items()
        if (reached := summary.kiosk_reached.get(step_id, 0))
    ]
    if not rows:
        return None
    share, step_id, left, reached = max(rows)
    return {"step_id": step_id, "abandoned": left, "reached": reached, "rate": _rounded(share)}


def _worst_field(summary: ProcedureSummary) -> dict[str, Any] | None:
    rows = [
        (rate(hit, summary.reached.get(step_id, 0)), field_id, hit, rule)
        for (step_id, field_id), (hit, rule) in summary.field_errors().items()
    ]
    if not rows:
        return None
    share, field_id, hit, rule = max(rows)
    return {"field_id": field_id, "errors": hit, "top_rule": rule, "rate": _rounded(share)}


def region_view(
    region_code: str, first: date, last: date, aggregates: Iterable[tuple[str, DailyAggregate]]
) -> dict[str, Any]:
    """`aggregates`: (office_id, that office's aggregate for one day)."""
    by_office: dict[str, list[DailyAggregate]] = {}
    for office_id, aggregate in aggregates:
        by_office.setdefault(office_id, []).append(aggregate)
    offices = []
    started = submitted = 0
    for office_id, days in sorted(by_office.items()):
        office_started = sum(p.started for a in days for p in a.procedures)
        office_submitted = sum(p.submitted for a in days for p in a.procedures)
        started, submitted = started + office_started, submitted + office_submitted
        offices.append({
            "office_id": office_id, "days": len({a.day for a in days}),
            "started": office_started, "submitted": office_submitted,
            "completion_rate": _rounded(rate(office_submitted, office_started)),
        })  # fmt: skip
    everything = [a for days in by_office.values() for a in days]
    procedures = []
    for procedure_id, summary in sorted(summarise(everything).items()):
        procedures.append({
            "procedure_id": procedure_id,
            "offices": sum(
                any(p.procedure_id == procedure_id for a in days for p in a.procedures)
                for days in by_office.values()
            ),
            "started": summary.started, "submitted": summary.submitted,
            "completion_rate": _rounded(summary.completion_rate),
            "median_seconds": summary.median_seconds,
            "most_abandoned_step": _worst_step(summary),
            "most_errors_field": _worst_field(summary),
            "started_by_day": {d.isoformat(): n for d, n in sorted(summary.started_by_day.items())},
        })  # fmt: skip
    return {
        "region_code": region_code,
        "from": first.isoformat(),
        "to": last.isoformat(),
        "totals": {
            "offices": len(offices),
            "started": started,
            "submitted": submitted,
            "completion_rate": _rounded(rate(submitted, started)),
        },
        "offices": offices,
        "procedures": procedures,
    }
