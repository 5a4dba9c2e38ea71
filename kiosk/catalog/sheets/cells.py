"""Reading a sheet's cells: each data row with the origin of every value (sheet, row,
column, cell), the conversion of a cell to what its column holds, and the problems
found, each with its place and its fix in Greek and in English.

Separate from the sheets' meaning (kiosk/catalog/sheets/read.py and its siblings),
which only asks this reader for rows and values."""

from __future__ import annotations

import difflib
import re
from decimal import Decimal, InvalidOperation
from typing import Any

import msgspec
from openpyxl.utils import range_boundaries

from kiosk.catalog.sheets.columns import (
    Column,
    Kind,
    to_cel,
)
from kiosk.catalog.sheets.grid import Sheet, Workbook, cell_name


class SheetProblem(msgspec.Struct, frozen=True):
    sheet: str
    row: int  # 1-based, as the spreadsheet shows it; 0 when the whole sheet is meant
    column: str  # the header, e.g. "relevant"
    cell: str  # e.g. "H7"
    en: str
    el: str

    def __str__(self) -> str:
        where = f"{self.sheet}!{self.cell}" if self.cell else self.sheet
        column = f" ({self.column})" if self.column else ""
        return f"{where}{column}: {self.el} / {self.en}"


class SheetError(Exception):
    def __init__(self, problems: list[SheetProblem]) -> None:
        super().__init__(f"{len(problems)} problems")
        self.problems = problems


class _Origin(msgspec.Struct):
    sheet: str
    row: int
    column: str
    cell: str


class _Reader(msgspec.Struct):
    book: Workbook
    problems: list[SheetProblem] = msgspec.field(default=[])
    origins: dict[str, _Origin] = msgspec.field(default={})  # definition path -> cell
    merged: dict[str, set[tuple[int, int]]] = msgspec.field(default={})

    def problem(self, where: _Origin | None, sheet: str, en: str, el: str) -> None:
        if where is None:
            where = _Origin(sheet, 0, "", "")
        self.problems.append(SheetProblem(where.sheet, where.row, where.column, where.cell, en, el))

    def rows(
        self, name: str, columns: list[Column], prefix: list[Column] | None = None
    ) -> list[tuple[int, dict[str, tuple[Any, _Origin]]]]:
        """(row number, {header: (value, origin)}) for each non-empty data row."""
        sheet = self.book.get(name)
        if sheet is None or not sheet.rows:
            return []
        merged = self._merged_cells(sheet)
        header = [str(c.value).strip() if c.value is not None else "" for c in sheet.rows[0]]
        known = {h for h, _, _ in columns}
        for index, title in enumerate(header):
            if title and title not in known:
                close = difflib.get_close_matches(title, sorted(known), n=1)
                hint = f" did you mean '{close[0]}'?" if close else ""
                hint_el = f" μήπως εννοείτε '{close[0]}';" if close else ""
                self.problem(
                    _Origin(name, 1, title, cell_name(index, 1)),
                    name,
                    f"unknown column '{title}': rename it to one of the template's columns.{hint}",
                    f"άγνωστη στήλη '{title}': μετονομάστε τη σε στήλη του προτύπου.{hint_el}",
                )
        result = []
        for number, row in enumerate(sheet.rows[1:], start=2):
            values: dict[str, tuple[Any, _Origin]] = {}
            for index, cell in enumerate(row):
                title = header[index] if index < len(header) else ""
                origin = _Origin(name, number, title, cell_name(index, number))
                if (index, number) in merged:
                    self.problem(
                        origin,
                        name,
                        "merged cells: unmerge them and write the value in each cell",
                        "συγχωνευμένα κελιά: καταργήστε τη συγχώνευση και γράψτε την τιμή "
                        "σε κάθε κελί",
                    )
                    continue
                if cell.formula is not None:
                    self.problem(
                        origin,
                        name,
                        f"a formula ({cell.formula}) where a value belongs: type the value itself",
                        f"τύπος ({cell.formula}) εκεί που χρειάζεται τιμή: γράψτε την ίδια την τιμή",
                    )
                    continue
                value = cell.value
                if isinstance(value, str):
                    value = value.strip() or None
                if value is not None and title in known:
                    values[title] = (value, origin)
            if values:
                result.append((number, values))
        return result

    def _merged_cells(self, sheet: Sheet) -> set[tuple[int, int]]:
        cells: set[tuple[int, int]] = set()
        for ranged in sheet.merged:
            first_col, first_row, last_col, last_row = range_boundaries(ranged)
            for column in range(first_col or 1, (last_col or 1) + 1):
                for row in range(first_row or 1, (last_row or 1) + 1):
                    cells.add((column - 1, row))
        return cells

    def fill(
        self,
        target: dict[str, Any],
        values: dict[str, tuple[Any, _Origin]],
        columns: list[Column],
        base: str,
        only: set[str] | None = None,
    ) -> None:
        for header, path, kind in columns:
            if not path or header not in values or (only is not None and path not in only):
                continue
            value, origin = values[header]
            converted = self.convert(value, kind, origin)
            if converted is None:
                continue
            _put(target, path, converted)
            self.origins[_join(base, path)] = origin

    def convert(self, value: Any, kind: Kind, origin: _Origin) -> Any:
        if kind == "bool":
            text = str(value).strip().lower()
            if value is True or text in ("yes", "true", "1", "ναι", "true()"):
                return True
            if value is False or text in ("no", "false", "0", "όχι", "false()"):
                return False
            self.problem(
                origin,
                origin.sheet,
                f"'{value}' is not yes or no: write yes, or leave the cell empty",
                f"'{value}' δεν είναι ναι ή όχι: γράψτε yes (ναι) ή αφήστε το κελί κενό",
            )
            return None
        if kind in ("int", "dec"):
            try:
                number = Decimal(str(value))
            except InvalidOperation:
                number = None
            if number is None or (kind == "int" and number != number.to_integral_value()):
                want_en = "a whole number" if kind == "int" else "a number"
                want_el = "ακέραιο αριθμό" if kind == "int" else "αριθμό"
                self.problem(
                    origin,
                    origin.sheet,
                    f"'{value}' is not {want_en}: write {want_en}, e.g. 12",
                    f"'{value}' δεν είναι {want_el}: γράψτε {want_el}, π.χ. 12",
                )
                return None
            return int(number) if kind == "int" else number
        if kind == "list":
            return [item.strip() for item in re.split(r"[,;]", str(value)) if item.strip()]
        if kind == "expr":
            expression, bad = to_cel(str(value))
            for name in bad:
                self.problem(
                    origin,
                    origin.sheet,
                    f"'${{{name}}}' is not a field name: use the name column's value, "
                    "e.g. ${age}",
                    f"'${{{name}}}' δεν είναι όνομα πεδίου: γράψτε την τιμή της στήλης "
                    "name, π.χ. ${age}",
                )
            return expression
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return str(value)


def _join(base: str, path: str) -> str:
    text = base
    for part in path.split("."):
        text += f"[{part}]" if part.isdigit() else (f".{part}" if text else part)
    return text


def _put(target: dict[str, Any], path: str, value: Any) -> None:
    parts = path.split(".")
    node: Any = target
    for index, part in enumerate(parts):
        last = index == len(parts) - 1
        following = None if last else parts[index + 1]
        empty: Any = [] if following is not None and following.isdigit() else {}
        if isinstance(node, list):
            position = int(part)
            while len(node) <= position:
                node.append({} if not isinstance(empty, list) else [])
            if last:
                node[position] = value
            else:
                if not node[position]:
                    node[position] = empty
                node = node[position]
        else:
            if last:
                node[part] = value
            else:
                node = node.setdefault(part, empty)
