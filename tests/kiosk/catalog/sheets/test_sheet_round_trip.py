"""Every sample procedure and its Region overrides go to a spreadsheet and back unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.catalog.loader import load_catalog, sample_catalog_dir
from kiosk.catalog.sheets import read_sheet, sheets_to_catalog, write_sheet

SAMPLE = load_catalog(sample_catalog_dir())


def test_the_sample_catalog_loads_whole_before_the_round_trip() -> None:
    assert SAMPLE.problems == []
    assert len(SAMPLE.procedures) >= 44


@pytest.mark.parametrize("suffix", [".xlsx", ".ods"])
@pytest.mark.parametrize("procedure_id", sorted(SAMPLE.procedures))
def test_json_to_sheet_to_json_gives_the_same_definition(
    procedure_id: str, suffix: str, tmp_path: Path
) -> None:
    procedure = SAMPLE.procedures[procedure_id]
    overrides = [o for o in SAMPLE.overrides if o.procedure_id == procedure_id]
    workbook = tmp_path / f"{procedure_id}{suffix}"

    write_sheet(procedure, overrides, workbook)
    again, regional = read_sheet(workbook)

    assert again == procedure
    assert sorted(regional, key=lambda o: o.region_code) == sorted(
        overrides, key=lambda o: o.region_code
    )


def test_field_references_are_written_the_xlsform_way(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    procedure = SAMPLE.procedures["taxi-driver-licence"]
    write_sheet(procedure, [], tmp_path / "taxi.xlsx")
    documents = load_workbook(tmp_path / "taxi.xlsx")["documents"]
    header = [cell.value for cell in documents[1]]
    conditions = [row[header.index("required_if")] for row in documents.iter_rows(values_only=True)]
    assert '${nationality} == "greek"' in conditions


def test_a_folder_of_sheets_becomes_a_catalog_that_loads_without_problems(
    tmp_path: Path,
) -> None:
    for procedure in SAMPLE.procedures.values():
        overrides = [o for o in SAMPLE.overrides if o.procedure_id == procedure.id]
        write_sheet(procedure, overrides, tmp_path / f"{procedure.id}.xlsx")

    written, failures = sheets_to_catalog(sorted(tmp_path.glob("*.xlsx")), tmp_path / "out")

    assert failures == {}
    load = load_catalog(tmp_path / "out")
    assert load.problems == []
    assert load.procedures == SAMPLE.procedures
    assert len(load.overrides) == len(SAMPLE.overrides)
    assert len(written) == len(SAMPLE.procedures)


@pytest.mark.parametrize("name", ["procedure-template.xlsx", "procedure-template.ods"])
def test_the_template_workbook_explains_itself_and_converts_as_it_ships(name: str) -> None:
    from kiosk.catalog.sheets.grid import read_workbook
    from kiosk.paths import resources_dir

    path = resources_dir() / "authoring" / name
    book = read_workbook(path)
    assert next(iter(book)) == "instructions"
    assert any("${" in str(cell.value) for row in book["instructions"].rows for cell in row)

    procedure, overrides = read_sheet(path)

    assert procedure == SAMPLE.procedures["taxi-driver-licence"]
    assert [o.region_code for o in overrides] == ["9"]


def test_every_mitos_draft_becomes_a_first_sheet_and_comes_back_unchanged(tmp_path: Path) -> None:
    # The author's starting point for item 5 of issue 23: import-mitos, then to-sheet.
    from kiosk.catalog.mitos_import import import_entries, read_export
    from kiosk.paths import resources_dir

    export = resources_dir() / "data" / "mitos" / "mitos_cpsvap_100_procedures.json"
    drafts = [item.procedure for item in import_entries(read_export(export)).imported]
    assert len(drafts) == 100

    for draft in drafts:
        write_sheet(draft, [], tmp_path / f"{draft.id}.xlsx")
        again, _ = read_sheet(tmp_path / f"{draft.id}.xlsx")
        assert again == draft
