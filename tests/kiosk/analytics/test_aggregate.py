from __future__ import annotations

from datetime import date

from kiosk.analytics.aggregate import (
    CountRow,
    DailyAggregate,
    build_daily,
    duration_bucket,
    histogram_median,
)

DAY = date(2026, 11, 23)
TAXI = "taxi-driver-licence"


def _rows() -> list[CountRow]:
    return [
        CountRow(DAY, 9, TAXI, "kiosk", "started", count=4),
        CountRow(DAY, 11, TAXI, "kiosk", "started", count=2),
        CountRow(DAY, 9, TAXI, "kiosk", "step_reached", step_id="applicant", count=6),
        CountRow(DAY, 9, TAXI, "kiosk", "abandoned", step_id="applicant", detail="idle", count=2),
        CountRow(
            DAY,
            9,
            TAXI,
            "kiosk",
            "validation_failed",
            step_id="applicant",
            field_id="afm",
            detail="afm",
            count=3,
        ),
        CountRow(DAY, 9, TAXI, "kiosk", "submitted", count=4),
        CountRow(DAY, 9, TAXI, "kiosk", "document", document_id="photos", detail="bring", count=4),
        CountRow(DAY, 9, TAXI, "kiosk", "completion_time", seconds=300, count=3),
        CountRow(DAY, 9, TAXI, "kiosk", "completion_time", seconds=600, count=1),
        CountRow(date(2026, 11, 24), 9, TAXI, "kiosk", "started", count=99),  # another day
    ]


def test_the_day_aggregate_adds_up_the_counters_of_that_day_only() -> None:
    aggregate = build_daily("office-1", "2", DAY, _rows())
    [taxi] = aggregate.procedures
    assert taxi.started == 6 and taxi.started_by_hour[9] == 4 and taxi.started_by_hour[11] == 2
    assert taxi.submitted == 4
    assert taxi.abandoned == {"applicant": 2} and taxi.abandon_reasons == {"idle": 2}
    assert [(e.field_id, e.rule, e.count) for e in taxi.errors] == [("afm", "afm", 3)]
    assert taxi.documents == {"photos": {"bring": 4}}
    assert histogram_median(taxi.completion_seconds) == 300


def test_the_same_figures_are_always_the_same_bytes() -> None:
    first = build_daily("office-1", "2", DAY, _rows())
    again = build_daily("office-1", "2", DAY, list(reversed(_rows())))
    assert first.to_json_bytes() == again.to_json_bytes()
    assert DailyAggregate.from_json_bytes(first.to_json_bytes()) == first
    assert b'"schema":"periferia.usage/1"' in first.to_json_bytes()


def test_durations_are_counted_in_coarse_buckets() -> None:
    assert [duration_bucket(s) for s in (3, 47, 119, 130, 599, 601, 3725)] == [
        0, 45, 115, 120, 585, 600, 3720,
    ]  # fmt: skip
