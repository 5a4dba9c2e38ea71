from __future__ import annotations

import csv
from pathlib import Path

from kiosk.analytics.dashboard import build_dashboard
from kiosk.analytics.export import HEADER, export_csv
from kiosk.catalog.model import Procedure
from tests.kiosk.analytics.synthetic_office import (
    ERROR_FIELD,
    LEFT_STEP,
    START,
    TODAY,
    office_aggregates,
)


def test_the_read_model_holds_what_the_office_dashboard_shows(
    catalog: dict[str, Procedure],
) -> None:
    aggregates = office_aggregates(catalog)
    data = build_dashboard(aggregates, catalog, office_id="office-thessaloniki", today=TODAY)
    taxi = next(p for p in data.procedures if p.procedure_id == "taxi-driver-licence")
    assert taxi.started == sum(
        p.started for a in aggregates for p in a.procedures if p.procedure_id == taxi.procedure_id
    )
    assert taxi.completion_rate is not None and 0.45 < taxi.completion_rate < 0.75
    assert taxi.median_seconds is not None and taxi.median_seconds > 60
    assert data.abandon_steps[0].subject_id == LEFT_STEP
    assert data.error_fields[0].subject_id == ERROR_FIELD
    assert {r.subject_id for r in data.documents_to_bring} >= {"photos", "vehicle_approval"}
    assert data.first_day == START and len(data.days) == 56
    assert sum(data.demand_by_hour["taxi-driver-licence"][:8]) == 0  # offices open at 8
    assert data.forecasts["taxi-driver-licence"].days[0] == TODAY
    assert data.labels.subject("taxi-driver-licence", "step", LEFT_STEP, "en") != LEFT_STEP


def test_the_csv_export_reads_back_with_the_same_figures(
    catalog: dict[str, Procedure], tmp_path: Path
) -> None:
    data = build_dashboard(
        office_aggregates(catalog), catalog, office_id="office-thessaloniki", today=TODAY
    )
    path = tmp_path / "usb" / "dashboard.csv"
    written = export_csv(data, path, "el")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        table = list(csv.reader(handle))
    assert tuple(table[0]) == HEADER and len(table) == written + 1
    started = {r[1]: int(r[8]) for r in table if r[0] == "procedures" and r[7] == "started"}
    assert started == {p.procedure_id: p.started for p in data.procedures}
    abandonment = [r for r in table if r[0] == "abandonment" and r[7] == "abandoned"]
    assert abandonment[0][3] == LEFT_STEP and abandonment[0][4] == "Προϋποθέσεις"
    assert any(r[0] == "forecast_error" and r[7] == "naive_mae_daily" for r in table)
    assert not path.with_name("dashboard.csv.part").exists()


def test_today_still_moving_is_left_out_of_the_figures(catalog: dict[str, Procedure]) -> None:
    aggregates = office_aggregates(catalog)
    yesterday = aggregates[-1].day
    data = build_dashboard(aggregates, catalog, office_id="office-thessaloniki", today=yesterday)
    assert all(yesterday not in by_day for by_day in data.demand_by_day.values())
    assert data.last_day < yesterday


def test_the_days_of_several_devices_of_one_office_add_up(catalog: dict[str, Procedure]) -> None:
    kiosk = office_aggregates(catalog)
    one = build_dashboard(kiosk, catalog, office_id="office-thessaloniki", today=TODAY)
    two = build_dashboard(kiosk * 2, catalog, office_id="office-thessaloniki", today=TODAY)
    assert [p.started * 2 for p in one.procedures] == [p.started for p in two.procedures]
    assert [r.rate for r in one.abandon_steps] == [r.rate for r in two.abandon_steps]
