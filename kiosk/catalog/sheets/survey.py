"""The `survey` sheet: steps (`begin group`), repeat groups (`begin repeat`) and
fields, their nesting and their types, XLSForm's `select_one LIST` included."""

from __future__ import annotations

import difflib
from typing import Any

from kiosk.catalog.model import FieldType
from kiosk.catalog.sheets.cells import _Origin, _Reader
from kiosk.catalog.sheets.columns import (
    GROUP_PATHS,
    STEP_PATHS,
    SURVEY,
)

_STRUCTURE = ("begin group", "end group", "begin repeat", "end repeat")
FIELD_TYPES: tuple[str, ...] = FieldType.__args__  # type: ignore[attr-defined]


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
