"""The sample procedures written as workbooks (resources/catalog/sheets/) are the source
of their definitions: each workbook converts, through the spreadsheet path, to exactly
the definition and Region overrides the sample catalog ships."""

from __future__ import annotations

import json
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest

from kiosk.catalog.loader import CatalogLoad, load_catalog, sample_catalog_dir
from kiosk.catalog.regional import resolve_for_region
from kiosk.catalog.sheets import read_sheet
from kiosk.expressions import evaluate_condition

SHEETS = sample_catalog_dir() / "sheets"


@cache
def catalog() -> CatalogLoad:
    return load_catalog(sample_catalog_dir())


def _workbooks() -> list[Path]:
    return sorted(SHEETS.glob("*.xlsx"))


def test_the_authored_workbooks_are_there() -> None:
    assert len(_workbooks()) >= 30


@pytest.mark.parametrize("workbook", _workbooks(), ids=lambda p: p.stem)
def test_each_workbook_converts_to_the_definition_the_catalog_ships(workbook: Path) -> None:
    procedure, overrides = read_sheet(workbook)

    assert workbook.stem == procedure.id
    assert not procedure.draft and procedure.mitos_id
    assert catalog().procedures[procedure.id] == procedure
    shipped = [o for o in catalog().overrides if o.procedure_id == procedure.id]
    assert sorted(shipped, key=lambda o: o.region_code) == sorted(
        overrides, key=lambda o: o.region_code
    )


@pytest.mark.parametrize(
    "procedure_id", ["animal-by-products-unit-registration", "animal-by-products-use-approval"]
)
def test_attica_alone_says_that_the_application_can_also_be_made_on_gov_gr(
    procedure_id: str,
) -> None:
    # ΜΙΤΟΣ 854144 and 991597: digital submission "only for businesses in Attica".
    common = catalog().procedures[procedure_id]
    attica = resolve_for_region(common, catalog().overrides, "9")
    assert attica.note is not None and "gov.gr" in attica.note.el
    assert attica.procedure.authority != common.authority
    assert resolve_for_region(common, catalog().overrides, "3").note is None


def _registry_costs() -> dict[str, list[dict[str, str]]]:
    path = (
        Path(__file__).resolve().parents[3]
        / "resources/data/mitos/mitos_cpsvap_100_procedures.json"
    )
    return {e["mitos_id"]: e["costs"] for e in json.loads(path.read_text("utf-8"))}


@pytest.mark.parametrize("workbook", _workbooks(), ids=lambda p: p.stem)
def test_fees_are_the_amount_the_registry_states_or_none(workbook: Path) -> None:
    procedure = catalog().procedures[workbook.stem]
    costs = {c["kind"]: Decimal(c["value"]) for c in _registry_costs()[procedure.mitos_id or ""]}
    fees = procedure.fees
    assert all(f.amount is not None and f.applies_if is None for f in fees)
    if costs and costs["Min Cost"] == costs["Max Cost"]:
        assert sum((f.amount or Decimal(0) for f in fees), Decimal(0)) == costs["Max Cost"]
    else:  # no cost in the entry, or a range: no fixed fee is invented
        assert fees == []


def test_a_change_in_hives_is_declared_only_from_five_hives_and_ten_percent() -> None:
    # ΜΙΤΟΣ 289214: "≥ 10% of the hives held and ≥ 5 hives".
    procedure = catalog().procedures["beekeeper-hive-declaration"]
    hives_after = next(f for f in procedure.all_fields() if f.id == "hives_after")
    rule = hives_after.constraints[0].expression
    assert evaluate_condition(rule, {"value": 106.0, "hives_before": 100.0}) is False
    assert evaluate_condition(rule, {"value": 110.0, "hives_before": 100.0}) is True
    assert evaluate_condition(rule, {"value": 14.0, "hives_before": 10.0}) is False
    assert evaluate_condition(rule, {"value": 5.0, "hives_before": 10.0}) is True
