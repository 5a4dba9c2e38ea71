"""Spreadsheet files as plain grids: read XLSX (openpyxl) and ODS (odfpy) into the same
shape, and write either. A cell remembers whether it held a formula and which cells are
merged, so the converter can refuse both with the cell's name instead of guessing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import msgspec
from openpyxl.utils import get_column_letter


class Cell(msgspec.Struct, frozen=True):
    value: Any  # str, int, float, bool or None
    formula: str | None = None


class Sheet(msgspec.Struct):
    name: str
    rows: list[list[Cell]] = msgspec.field(default=[])
    merged: list[str] = msgspec.field(default=[])  # "B3:C3"


Workbook = dict[str, Sheet]


class GridError(Exception):
    """The file cannot be read as a spreadsheet at all."""


def cell_name(column: int, row: int) -> str:
    """0-based column and 1-based row -> "C7"."""
    return f"{get_column_letter(column + 1)}{row}"


def read_workbook(path: Path) -> Workbook:
    suffix = path.suffix.lower()
    try:
        if suffix == ".xlsx":
            return _read_xlsx(path)
        if suffix == ".ods":
            return _read_ods(path)
    except GridError:
        raise
    except Exception as error:  # a corrupt zip or XML: the library's own types vary
        raise GridError(f"{path.name}: cannot be read as a spreadsheet ({error})") from None
    raise GridError(f"{path.name}: not an .xlsx or .ods file")


def _read_xlsx(path: Path) -> Workbook:
    from openpyxl import load_workbook

    book = load_workbook(path, data_only=False)
    result: Workbook = {}
    for sheet in book.worksheets:
        rows: list[list[Cell]] = []
        for row in sheet.iter_rows():
            cells = []
            for cell in row:
                value = cell.value
                if cell.data_type == "f":
                    cells.append(Cell(None, str(value)))
                else:
                    cells.append(Cell(value))
            rows.append(cells)
        merged = [str(ranged) for ranged in sheet.merged_cells.ranges]
        result[sheet.title] = Sheet(sheet.title, rows, merged)
    return result


def _read_ods(path: Path) -> Workbook:
    from odf import opendocument, table, text
    from odf.namespaces import OFFICENS, TABLENS

    document = opendocument.load(str(path))
    result: Workbook = {}
    for element in document.spreadsheet.getElementsByType(table.Table):
        name = element.getAttrNS(TABLENS, "name")
        rows: list[list[Cell]] = []
        merged: list[str] = []
        for row in element.getElementsByType(table.TableRow):
            row_repeat = int(row.getAttrNS(TABLENS, "number-rows-repeated") or 1)
            cells: list[Cell] = []
            for cell in row.childNodes:
                if cell.qname[1] not in ("table-cell", "covered-table-cell"):
                    continue
                repeat = int(cell.getAttrNS(TABLENS, "number-columns-repeated") or 1)
                span = int(cell.getAttrNS(TABLENS, "number-columns-spanned") or 1)
                rspan = int(cell.getAttrNS(TABLENS, "number-rows-spanned") or 1)
                if span > 1 or rspan > 1:
                    first = cell_name(len(cells), len(rows) + 1)
                    last = cell_name(len(cells) + span - 1, len(rows) + rspan)
                    merged.append(f"{first}:{last}")
                formula = cell.getAttrNS(TABLENS, "formula")
                kind = cell.getAttrNS(OFFICENS, "value-type")
                value: Any
                if kind in ("float", "percentage", "currency"):
                    raw = cell.getAttrNS(OFFICENS, "value")
                    number = float(raw)
                    value = int(number) if number.is_integer() and "." not in raw else number
                elif kind == "boolean":
                    value = cell.getAttrNS(OFFICENS, "boolean-value") == "true"
                else:
                    paragraphs = cell.getElementsByType(text.P)
                    value = "\n".join(str(p) for p in paragraphs) or None
                item = Cell(None, formula) if formula else Cell(value)
                cells.extend([item] * min(repeat, 1024))  # trailing empty runs are huge
            rows.extend([cells] * (1 if row_repeat > 1000 else row_repeat))
        result[name] = Sheet(name, rows, merged)
    return result


def write_workbook(book: dict[str, list[list[Any]]], path: Path) -> None:
    """Write sheets of plain values (header row first); .xlsx or .ods by the suffix."""
    if path.suffix.lower() == ".ods":
        _write_ods(book, path)
        return
    from openpyxl import Workbook as XlsxBook
    from openpyxl.styles import Font

    xlsx = XlsxBook()
    xlsx.remove(xlsx.active)
    for name, rows in book.items():
        sheet = xlsx.create_sheet(name)
        for row in rows:
            sheet.append(list(row))
        for cell in sheet[1] if rows else ():
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
        for index in range(len(rows[0]) if rows else 0):
            sheet.column_dimensions[get_column_letter(index + 1)].width = 18
    xlsx.save(path)


def _write_ods(book: dict[str, list[list[Any]]], path: Path) -> None:
    from odf import opendocument, table, text

    document = opendocument.OpenDocumentSpreadsheet()
    for name, rows in book.items():
        sheet = table.Table(name=name)
        for row in rows:
            element = table.TableRow()
            for value in row:
                if value is None or value == "":
                    cell = table.TableCell()
                elif isinstance(value, bool):
                    cell = table.TableCell(valuetype="boolean", booleanvalue=str(value).lower())
                    cell.addElement(text.P(text=str(value).upper()))
                elif isinstance(value, int | float):
                    cell = table.TableCell(valuetype="float", value=value)
                    cell.addElement(text.P(text=str(value)))
                else:
                    cell = table.TableCell(valuetype="string")
                    cell.addElement(text.P(text=str(value)))
                element.addElement(cell)
            sheet.addElement(element)
        document.spreadsheet.addElement(sheet)
    document.save(str(path))
