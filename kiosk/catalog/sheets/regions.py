"""The Region sheets of a workbook (`regions`, `region_fees`, `region_documents`,
`region_offices`) into one checked RegionOverride per Region."""

from __future__ import annotations

from typing import Any

from kiosk.catalog.model import RegionOverride
from kiosk.catalog.sheets.cells import _Origin, _put, _Reader
from kiosk.catalog.sheets.columns import (
    DOCUMENTS,
    FEES,
    OFFICES,
    REGION_CONTACT,
    REGION_TEXTS,
    Column,
)
from kiosk.catalog.sheets.problems import _validate


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
