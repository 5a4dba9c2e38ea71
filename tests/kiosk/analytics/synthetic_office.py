"""Eight weeks of a synthetic office with known answers, shared by the tests here and
the dashboard's tests: kiosk applicants leave the taxi licence's eligibility step a
third of the time, one in four gets the AFM wrong, and the animal transporters must
bring the approval of their vehicles (a registry holds it)."""

from __future__ import annotations

from datetime import date, timedelta

from kiosk.analytics.aggregate import CountRow, DailyAggregate, build_daily
from kiosk.analytics.events import MemorySink
from kiosk.analytics.synthetic import Scenario, simulate
from kiosk.catalog.model import Procedure

START = date(2026, 9, 7)  # a Monday
DAYS = 56
TODAY = START + timedelta(days=DAYS)
LEFT_STEP, ERROR_FIELD = "eligibility", "afm"


def office_aggregates(catalog: dict[str, Procedure]) -> list[DailyAggregate]:
    sink = MemorySink()
    simulate(
        sink,
        [
            (
                catalog["taxi-driver-licence"],
                Scenario(
                    leave={LEFT_STEP: 0.35, "contact": 0.03},
                    fail={ERROR_FIELD: ("afm", 0.25), "phone": ("phone", 0.08)},
                ),
            ),
            (
                catalog["animal-transporter-licence-type2"],
                Scenario(daily_mean=5, weekly_growth=0.04),
            ),
        ],
        START,
        DAYS,
        seed=11,
    )
    rows = [CountRow.of(event) for event in sink.events]
    return [
        build_daily("office-thessaloniki", "2", day, rows) for day in sorted({r.day for r in rows})
    ]
