"""A definition's own errors (its records' validation, kiosk.catalog.check's checks)
brought back to the cell they came from, with a fix in Greek and in English."""

from __future__ import annotations

import difflib
import re
from typing import Any

from kiosk.catalog.sheets.cells import _Origin, _Reader
from kiosk.catalog.validation import DefinitionError, convert


def _validate(
    reader: _Reader, model: Any, data: dict[str, Any], sheet: str, fallback: _Origin | None = None
) -> Any:
    try:
        return convert(data, model)
    except DefinitionError as error:
        for path, message in error.problems:
            origin = _find(reader, path) or fallback
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
