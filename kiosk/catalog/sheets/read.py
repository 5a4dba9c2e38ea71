"""A workbook back into a procedure and its Region overrides, checked like every
definition (kiosk.catalog.check). Each problem names the sheet, the row, the column and
the cell, and says how to fix it, in Greek and in English."""

from __future__ import annotations

import difflib
from typing import Any

from kiosk.catalog.check import check_procedure
from kiosk.catalog.model import Procedure, RegionOverride
from kiosk.catalog.sheets.cells import SheetError, _join, _put, _Reader
from kiosk.catalog.sheets.columns import (
    CHOICES,
    DOCUMENTS,
    FEES,
    LEGAL_BASIS,
    SETTINGS_CONTACT,
    SETTINGS_SCALARS,
    SETTINGS_STRING_LISTS,
    SETTINGS_TEXT_LISTS,
    SETTINGS_TEXTS,
    Column,
)
from kiosk.catalog.sheets.grid import Workbook
from kiosk.catalog.sheets.problems import _check_problem, _validate
from kiosk.catalog.sheets.regions import _read_regions
from kiosk.catalog.sheets.survey import _read_survey


def book_to_procedure(book: Workbook) -> tuple[Procedure, list[RegionOverride]]:
    """Raises SheetError with every problem found; returns only a checked definition."""
    reader = _Reader(book)
    for required in ("settings", "survey"):
        if required not in book:
            reader.problem(
                None,
                required,
                f"the workbook has no '{required}' sheet: start from the template workbook",
                f"το βιβλίο δεν έχει φύλλο '{required}': ξεκινήστε από το πρότυπο βιβλίο",
            )
    if reader.problems:
        raise SheetError(reader.problems)
    data: dict[str, Any] = {}
    _read_settings(reader, data)
    choice_lists = _read_choices(reader)
    data["steps"] = _read_survey(reader, choice_lists)
    for sheet, columns, key in (
        ("legal_basis", LEGAL_BASIS, "legal_basis"),
        ("documents", DOCUMENTS, "documents"),
        ("fees", FEES, "fees"),
    ):
        items: list[dict[str, Any]] = []
        for _, values in reader.rows(sheet, columns):
            item: dict[str, Any] = {}
            reader.fill(item, values, columns, f"{key}[{len(items)}]")
            items.append(item)
        data[key] = items
    if reader.problems:
        raise SheetError(reader.problems)
    procedure = _validate(reader, Procedure, data, "settings")
    if procedure is not None:
        for found in check_procedure(procedure):
            _check_problem(reader, found.path, found.message)
    overrides = _read_regions(reader, procedure.id if procedure else "")
    if reader.problems or procedure is None:
        raise SheetError(reader.problems)
    return procedure, overrides


def _read_settings(reader: _Reader, data: dict[str, Any]) -> None:
    columns: list[Column] = [("setting", "", "str"), ("el", "", "str"), ("en", "", "str")]
    for _, values in reader.rows("settings", columns):
        if "setting" not in values:
            continue
        key, origin = values["setting"]
        el = values.get("el", (None, origin))
        en = values.get("en", (None, origin))
        el_value = None if el[0] is None else reader.convert(el[0], "str", el[1])
        en_value = None if en[0] is None else reader.convert(en[0], "str", en[1])
        if key in SETTINGS_SCALARS:
            path = SETTINGS_SCALARS[key]
            value: Any = el_value
            if key == "draft":
                value = reader.convert(el[0], "bool", el[1]) if el[0] is not None else None
            elif key == "duration_days" and el[0] is not None:
                value = reader.convert(el[0], "int", el[1])
            if value is not None:
                _put(data, path, value)
                reader.origins[_join("", path)] = el[1]
        elif key in SETTINGS_TEXTS or key in SETTINGS_CONTACT:
            path = SETTINGS_TEXTS.get(key) or SETTINGS_CONTACT[key]
            if key in SETTINGS_CONTACT:
                _put(data, path, el_value)
            else:
                _put(data, path, {"el": el_value, "en": en_value} if en_value else {"el": el_value})
            reader.origins[_join("", path)] = el[1]
        elif key in SETTINGS_STRING_LISTS:
            data.setdefault(SETTINGS_STRING_LISTS[key], []).append(el_value)
        elif key in SETTINGS_TEXT_LISTS:
            items = data.setdefault(SETTINGS_TEXT_LISTS[key], [])
            reader.origins[f"{SETTINGS_TEXT_LISTS[key]}[{len(items)}]"] = el[1]
            items.append({"el": el_value, "en": en_value} if en_value else {"el": el_value})
        else:
            known = [*SETTINGS_SCALARS, *SETTINGS_TEXTS, *SETTINGS_CONTACT,
                     *SETTINGS_STRING_LISTS, *SETTINGS_TEXT_LISTS]  # fmt: skip
            close = difflib.get_close_matches(str(key), known, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            hint_el = f" (μήπως '{close[0]}';)" if close else ""
            reader.problem(
                origin,
                "settings",
                f"unknown setting '{key}': use one of the template's settings{hint}",
                f"άγνωστη ρύθμιση '{key}': χρησιμοποιήστε ρύθμιση του προτύπου{hint_el}",
            )


def _read_choices(reader: _Reader) -> dict[str, list[dict[str, Any]]]:
    lists: dict[str, list[dict[str, Any]]] = {}
    for _, values in reader.rows("choices", CHOICES):
        if "list_name" not in values:
            continue
        name = str(values["list_name"][0])
        choice: dict[str, Any] = {}
        reader.fill(choice, values, CHOICES, "")
        lists.setdefault(name, []).append(choice)
    return lists
