"""The sample procedures written as workbooks (resources/catalog/sheets/) are the source
of their definitions: each workbook converts, through the spreadsheet path, to exactly
the definition and Region overrides the sample catalog ships."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from kiosk.catalog.loader import CatalogLoad, load_catalog, sample_catalog_dir
from kiosk.catalog.regional import resolve_for_region
from kiosk.catalog.sheets import read_sheet

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
