"""A workbook back into a procedure and its Region overrides, checked like every
definition (kiosk.catalog.check). Each problem names the sheet, the row, the column and
the cell, and says how to fix it, in Greek and in English."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from openpyxl.utils import range_boundaries
from pydantic import ValidationError

from kiosk.catalog.check import check_procedure
from kiosk.catalog.loader import location
from kiosk.catalog.model import FieldType, Procedure, RegionOverride
from kiosk.catalog.sheets.columns import (
    CHOICES,
    DOCUMENTS,
    FEES,
    GROUP_PATHS,
    LEGAL_BASIS,
    OFFICES,
    REGION_CONTACT,
    REGION_TEXTS,
    SETTINGS_CONTACT,
    SETTINGS_SCALARS,
    SETTINGS_STRING_LISTS,
    SETTINGS_TEXT_LISTS,
    SETTINGS_TEXTS,
    STEP_PATHS,
    SURVEY,
    Column,
    Kind,
    to_cel,
)
from kiosk.catalog.sheets.grid import Sheet, Workbook, cell_name

_STRUCTURE = ("begin group", "end group", "begin repeat", "end repeat")
FIELD_TYPES: tuple[str, ...] = FieldType.__args__  # type: ignore[attr-defined]


@dataclass(frozen=True)
class SheetProblem:
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


@dataclass
class _Origin:
    sheet: str
    row: int
    column: str
    cell: str


@dataclass
class _Reader:
    book: Workbook
    problems: list[SheetProblem] = field(default_factory=list)
    origins: dict[str, _Origin] = field(default_factory=dict)  # definition path -> cell
    merged: dict[str, set[tuple[int, int]]] = field(default_factory=dict)

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


def _read_survey(
    reader: _Reader, choice_lists: dict[str, list[dict[str, Any]]]
) -> list[dict[str, Any]]:
    steps: list[dict[str, Any]] = []
    step: dict[str, Any] | None = None
    group: dict[str, Any] | None = None
    for _, values in reader.rows("survey", SURVEY):
        raw_type, origin = values.get("type", (None, None))
        if raw_type is None:
            first = next(iter(values.values()))[1]
            reader.problem(
                _Origin("survey", first.row, "type", f"A{first.row}"),
                "survey",
                "this row has no type: write its type (e.g. text, select_one LIST, begin group)",
                "η γραμμή δεν έχει τύπο: γράψτε τον τύπο (π.χ. text, select_one ΛΙΣΤΑ, "
                "begin group)",
            )
            continue
        assert origin is not None
        words = str(raw_type).split()
        structure = " ".join(words).replace("_", " ").lower()
        verb = structure if structure in _STRUCTURE else words[0]
        if verb == "begin group":
            step = {"fields": [], "groups": []}
            base = f"steps[{len(steps)}]"
            reader.fill(step, values, SURVEY, base, STEP_PATHS)
            if "label" in step:
                step["title"] = step.pop("label")
                reader.origins[f"{base}.title"] = reader.origins.get(f"{base}.label.el", origin)
            reader.origins[base] = origin
            steps.append(step)
        elif verb == "end group":
            if group is not None:
                _nesting(reader, origin, "end repeat")
                group = None
            step = None
        elif verb == "begin repeat":
            if step is None:
                _nesting(reader, origin, "begin group")
                continue
            group = {"fields": []}
            base = f"steps[{len(steps) - 1}].groups[{len(step['groups'])}]"
            reader.fill(group, values, SURVEY, base, GROUP_PATHS)
            reader.origins[base] = origin
            step["groups"].append(group)
        elif verb == "end repeat":
            group = None
        else:
            if step is None:
                _nesting(reader, origin, "begin group")
                continue
            owner = group if group is not None else step
            if group is not None:
                base = (
                    f"steps[{len(steps) - 1}].groups[{len(step['groups']) - 1}]"
                    f".fields[{len(owner['fields'])}]"
                )
            else:
                base = f"steps[{len(steps) - 1}].fields[{len(owner['fields'])}]"
            item = _read_field(reader, values, words, origin, choice_lists, base)
            if item is not None:
                reader.origins[base] = origin
                owner["fields"].append(item)
    return steps


def _nesting(reader: _Reader, origin: _Origin, missing: str) -> None:
    reader.problem(
        origin,
        "survey",
        f"this row is outside its step: add a '{missing}' row before it",
        f"η γραμμή είναι εκτός βήματος: προσθέστε γραμμή '{missing}' πριν από αυτή",
    )


def _read_field(
    reader: _Reader,
    values: dict[str, tuple[Any, _Origin]],
    words: list[str],
    origin: _Origin,
    choice_lists: dict[str, list[dict[str, Any]]],
    base: str,
) -> dict[str, Any] | None:
    item: dict[str, Any] = {}
    kind = words[0]
    if kind in ("select_one", "select_multiple"):
        if len(words) < 2:
            reader.problem(
                origin,
                "survey",
                f"'{kind}' needs its choice list: write '{kind} LIST' with a list_name "
                "of the choices sheet",
                f"το '{kind}' χρειάζεται λίστα επιλογών: γράψτε '{kind} ΛΙΣΤΑ' με ένα "
                "list_name του φύλλου choices",
            )
            return None
        name = words[1]
        if name not in choice_lists:
            close = difflib.get_close_matches(name, sorted(choice_lists), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            hint_el = f" (μήπως '{close[0]}';)" if close else ""
            reader.problem(
                origin,
                "survey",
                f"the choice list '{name}' does not exist: add it to the choices sheet "
                f"or correct the name{hint}",
                f"η λίστα επιλογών '{name}' δεν υπάρχει: προσθέστε τη στο φύλλο choices "
                f"ή διορθώστε το όνομα{hint_el}",
            )
            return None
        item["type"] = "choice" if kind == "select_one" else "multi_choice"
        item["choices"] = choice_lists[name]
    elif kind in FIELD_TYPES:
        item["type"] = kind
    else:
        close = difflib.get_close_matches(kind, [*FIELD_TYPES, "select_one", "begin group"], n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        hint_el = f" (μήπως '{close[0]}';)" if close else ""
        reader.problem(
            origin,
            "survey",
            f"unknown type '{' '.join(words)}': use one of {', '.join(FIELD_TYPES)}, "
            f"select_one LIST, begin group, begin repeat{hint}",
            f"άγνωστος τύπος '{' '.join(words)}': χρησιμοποιήστε έναν από τους τύπους "
            f"του προτύπου (φύλλο instructions){hint_el}",
        )
        return None
    reader.fill(item, values, SURVEY, base, None)
    for key in ("item_label", "min_items", "max_items"):
        item.pop(key, None)  # group-only columns on a field row: ignored, not an error
    return item


def _read_regions(reader: _Reader, procedure_id: str) -> list[RegionOverride]:
    data: dict[str, dict[str, Any]] = {}
    origins: dict[str, _Origin] = {}
    columns: list[Column] = [
        ("region", "", "str"), ("setting", "", "str"), ("el", "", "str"), ("en", "", "str"),
    ]  # fmt: skip
    for _, values in reader.rows("regions", columns):
        if "region" not in values or "setting" not in values:
            continue
        code = reader.convert(values["region"][0], "str", values["region"][1])
        key, origin = values["setting"]
        entry = data.setdefault(code, {})
        origins.setdefault(code, origin)
        el = values.get("el", (None, origin))
        en = values.get("en", (None, origin))
        el_value = None if el[0] is None else reader.convert(el[0], "str", el[1])
        en_value = None if en[0] is None else reader.convert(en[0], "str", en[1])
        if key == "region":
            continue
        if key in REGION_TEXTS:
            text = {"el": el_value, "en": en_value} if en_value else {"el": el_value}
            _put(entry, REGION_TEXTS[key], text)
        elif key in REGION_CONTACT:
            _put(entry, REGION_CONTACT[key], el_value)
        elif key == "removed_document":
            entry.setdefault("removed_documents", []).append(el_value)
        else:
            reader.problem(
                origin,
                "regions",
                f"unknown Region setting '{key}': use authority, authority_unit, note or "
                "removed_document",
                f"άγνωστη ρύθμιση Περιφέρειας '{key}': χρησιμοποιήστε authority, "
                "authority_unit, note ή removed_document",
            )
    region_column: list[Column] = [("region", "", "str")]
    for sheet, columns, key in (
        ("region_fees", region_column + FEES, "fees"),
        ("region_documents", region_column + DOCUMENTS, "extra_documents"),
        ("region_offices", OFFICES, "offices"),
    ):
        for _, values in reader.rows(sheet, columns):
            if "region" not in values:
                continue
            code = reader.convert(values["region"][0], "str", values["region"][1])
            origins.setdefault(code, values["region"][1])
            item: dict[str, Any] = {}
            reader.fill(item, values, columns, "")
            data.setdefault(code, {}).setdefault(key, []).append(item)
    overrides = []
    for code, entry in data.items():
        entry["procedure_id"] = procedure_id
        entry["region_code"] = code
        override = _validate(reader, RegionOverride, entry, "regions", origins[code])
        if override is not None:
            overrides.append(override)
    return overrides


def _validate(
    reader: _Reader, model: Any, data: dict[str, Any], sheet: str, fallback: _Origin | None = None
) -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as error:
        for detail in error.errors():
            path = location(tuple(detail["loc"]))
            origin = _find(reader, path) or fallback
            message = detail["msg"].removeprefix("Value error, ")
            reader.problem(
                origin,
                origin.sheet if origin else sheet,
                f"{message} (at {path}): correct this cell",
                f"μη έγκυρη τιμή: {message} (στο {path}): διορθώστε αυτό το κελί",
            )
        return None


def _find(reader: _Reader, path: str) -> _Origin | None:
    while path:
        if path in reader.origins:
            return reader.origins[path]
        cut = max(path.rfind("."), path.rfind("["))
        path = path[:cut] if cut > 0 else ""
    return None


def _check_problem(reader: _Reader, path: str, message: str) -> None:
    origin = _find(reader, path)
    unknown = re.search(r"unknown field '([^']+)'", message)
    if unknown:
        fields = _field_names(reader)
        close = difflib.get_close_matches(unknown.group(1), fields, n=1)
        hint = f" did you mean ${{{close[0]}}}?" if close else ""
        hint_el = f" μήπως ${{{close[0]}}};" if close else ""
        reader.problem(
            origin,
            "survey",
            f"refers to the unknown field '{unknown.group(1)}': correct the name to a "
            f"field of the survey sheet.{hint}",
            f"αναφέρεται στο άγνωστο πεδίο '{unknown.group(1)}': διορθώστε το όνομα σε "
            f"πεδίο του φύλλου survey.{hint_el}",
        )
    elif "cycle" in message:
        chain = message.split(": ", 1)[-1]
        reader.problem(
            origin,
            "survey",
            f"conditions depend on each other in a circle ({chain}): remove one of "
            "these references",
            f"οι συνθήκες εξαρτώνται κυκλικά η μία από την άλλη ({chain}): αφαιρέστε "
            "μία από αυτές τις αναφορές",
        )
    else:
        reader.problem(
            origin,
            "survey",
            f"{message}: correct this cell",
            f"σφάλμα: {message}: διορθώστε αυτό το κελί",
        )


def _field_names(reader: _Reader) -> list[str]:
    sheet = reader.book.get("survey")
    if sheet is None or not sheet.rows:
        return []
    header = [str(c.value or "") for c in sheet.rows[0]]
    if "name" not in header:
        return []
    index = header.index("name")
    return [
        str(row[index].value)
        for row in sheet.rows[1:]
        if index < len(row) and isinstance(row[index].value, str)
    ]
