"""A spreadsheet with a mistake gets a message naming the sheet, the cell and the fix, in
Greek and English, and nothing is written to the output folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from kiosk.catalog.loader import load_catalog, sample_catalog_dir
from kiosk.catalog.sheets import SheetError, SheetProblem, read_sheet, sheets_to_catalog
from kiosk.catalog.sheets.grid import read_workbook, write_workbook
from kiosk.catalog.sheets.write import procedure_to_book

TAXI = load_catalog(sample_catalog_dir()).procedures["taxi-driver-licence"]


def _workbook(tmp_path: Path) -> Path:
    path = tmp_path / "taxi.xlsx"
    write_workbook(procedure_to_book(TAXI), path)
    return path


def _cell(path: Path, sheet: str, column: str, row_of: str) -> tuple[object, str]:
    """The workbook's sheet and the coordinate of `column` on the row named `row_of`."""
    book = load_workbook(path)
    ws = book[sheet]
    header = [cell.value for cell in ws[1]]
    names = [cell.value for cell in ws[get_letter(header.index("name"))]]
    row = names.index(row_of) + 1
    return book, f"{get_letter(header.index(column))}{row}"


def get_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def _problems(path: Path) -> list[SheetProblem]:
    with pytest.raises(SheetError) as caught:
        read_sheet(path)
    return caught.value.problems


def _edit(path: Path, sheet: str, column: str, row_of: str, value: object) -> str:
    book, where = _cell(path, sheet, column, row_of)
    book[sheet][where] = value  # type: ignore[index]
    book.save(path)  # type: ignore[attr-defined]
    return where


def test_a_typo_in_a_field_reference_names_the_cell_and_the_right_name(tmp_path: Path) -> None:
    path = _workbook(tmp_path)
    where = _edit(path, "documents", "required_if", "identity_card", '${nationalty} == "greek"')

    [problem] = _problems(path)

    assert (problem.sheet, problem.cell, problem.column) == ("documents", where, "required_if")
    assert "nationalty" in problem.en and "${nationality}" in problem.en
    assert "άγνωστο πεδίο" in problem.el and "${nationality}" in problem.el


def test_a_formula_where_a_value_belongs_is_refused_at_its_cell(tmp_path: Path) -> None:
    path = _workbook(tmp_path)
    where = _edit(path, "survey", "label::el", "nationality", '=CONCAT("Υπη", "κοότητα")')

    problems = _problems(path)

    assert [(p.sheet, p.cell) for p in problems] == [("survey", where)]
    assert "type the value itself" in problems[0].en
    assert "γράψτε την ίδια την τιμή" in problems[0].el


def test_merged_cells_are_refused_with_how_to_unmerge(tmp_path: Path) -> None:
    path = _workbook(tmp_path)
    book, where = _cell(path, "survey", "label::el", "nationality")
    row = where[1:]
    book["survey"].merge_cells(f"C{row}:D{row}")  # type: ignore[index]
    book.save(path)  # type: ignore[attr-defined]

    problems = _problems(path)

    assert {p.cell for p in problems} >= {f"D{row}"}
    assert all("unmerge" in p.en and "συγχώνευση" in p.el for p in problems)


def test_an_unknown_type_is_named_with_the_closest_known_one(tmp_path: Path) -> None:
    path = _workbook(tmp_path)
    where = _edit(path, "survey", "type", "surname", "txt")

    [problem] = _problems(path)

    assert (problem.sheet, problem.cell) == ("survey", where)
    assert "unknown type 'txt'" in problem.en and "'text'" in problem.en
    assert "άγνωστος τύπος" in problem.el


def test_a_choice_list_that_does_not_exist_is_named(tmp_path: Path) -> None:
    path = _workbook(tmp_path)
    where = _edit(path, "survey", "type", "nationality", "select_one nationalities")

    [problem] = _problems(path)

    assert (problem.sheet, problem.cell) == ("survey", where)
    assert "'nationalities' does not exist" in problem.en and "'nationality'" in problem.en
    assert "δεν υπάρχει" in problem.el


def test_a_circular_condition_is_reported_at_a_cell_of_the_circle(tmp_path: Path) -> None:
    path = _workbook(tmp_path)
    first = _edit(path, "survey", "relevant", "first_name", '${surname} != ""')
    second = _edit(path, "survey", "relevant", "surname", '${first_name} != ""')

    problems = _problems(path)

    assert len(problems) == 1
    assert problems[0].sheet == "survey" and problems[0].cell.startswith("A")
    assert problems[0].row in (int(first[1:]), int(second[1:]))
    assert "circle" in problems[0].en and "κυκλικά" in problems[0].el


def test_a_sheet_saved_by_another_office_suite_is_read_and_its_problem_located(
    tmp_path: Path,
) -> None:
    # odfpy writes OpenDocument the way LibreOffice does (cells with office:value-type)
    book = procedure_to_book(TAXI)
    header = book["survey"][0]
    row = next(r for r in book["survey"] if r[1] == "surname")
    row[header.index("type")] = "strng"
    path = tmp_path / "taxi.ods"
    write_workbook(book, path)

    [problem] = _problems(path)

    assert problem.sheet == "survey" and problem.cell == f"A{book['survey'].index(row) + 1}"
    assert read_workbook(path)["settings"].rows[1][1].value == "taxi-driver-licence"


def test_nothing_is_written_when_one_workbook_of_several_is_wrong(tmp_path: Path) -> None:
    good = _workbook(tmp_path)
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(good.read_bytes())
    _edit(bad, "survey", "type", "surname", "txt")
    out = tmp_path / "catalog"

    written, failures = sheets_to_catalog([good, bad], out)

    assert list(failures) == [bad]
    assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".catalog")]  # no staging left
    assert written  # the good one converted, yet was not written alone


def test_a_file_that_is_not_a_spreadsheet_says_so(tmp_path: Path) -> None:
    from kiosk.catalog.sheets import GridError

    path = tmp_path / "broken.xlsx"
    path.write_text("not a zip", encoding="utf-8")
    with pytest.raises(GridError, match="cannot be read as a spreadsheet"):
        read_sheet(path)
