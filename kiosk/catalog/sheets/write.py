"""A procedure (and its Region overrides) as a workbook of plain rows."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from kiosk.catalog.model import Procedure, RegionOverride
from kiosk.catalog.sheets.columns import (
    CHOICES,
    DOCUMENTS,
    FEES,
    LEGAL_BASIS,
    OFFICES,
    REGION_CONTACT,
    REGION_TEXTS,
    SETTINGS_CONTACT,
    SETTINGS_SCALARS,
    SETTINGS_STRING_LISTS,
    SETTINGS_TEXT_LISTS,
    SETTINGS_TEXTS,
    SURVEY,
    Column,
    from_cel,
)

Rows = list[list[Any]]


class NotRepresentableError(ValueError):
    """Something of the definition the sheet format has no place for."""


def get(obj: Any, path: str) -> Any:
    for part in path.split("."):
        if obj is None:
            return None
        if part.isdigit():
            index = int(part)
            obj = obj[index] if index < len(obj) else None
        else:
            obj = getattr(obj, part, None)
    return obj


def _cell(value: Any, kind: str, names: set[str]) -> Any:
    if value is None:
        return None
    if kind == "bool":
        return "yes" if value else None
    if kind == "list":
        return ", ".join(value) or None
    if kind == "expr":
        return from_cel(value, names)
    if kind == "dec" and isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _row(columns: list[Column], obj: Any, names: set[str], **given: Any) -> list[Any]:
    row = []
    for header, path, kind in columns:
        if header in given:
            row.append(given[header])
        elif not path:
            row.append(None)
        else:
            row.append(_cell(get(obj, path), kind, names))
    return row


def _header(columns: list[Column]) -> list[Any]:
    return [header for header, _, _ in columns]


def procedure_to_book(
    procedure: Procedure, overrides: list[RegionOverride] | None = None
) -> dict[str, Rows]:
    names = {f.id for step in procedure.steps for f in step.fields} | {
        g.id for step in procedure.steps for g in step.groups
    }
    survey: Rows = [_header(SURVEY)]
    choices: Rows = [_header(CHOICES)]
    for step in procedure.steps:
        survey.append(_row(SURVEY, _Step(step), names, type="begin group"))
        for field in step.fields:
            survey.append(_field_row(field, names, choices))
        for group in step.groups:
            survey.append(_row(SURVEY, group, names, type="begin repeat"))
            inner = names | {f.id for f in group.fields}
            for field in group.fields:
                survey.append(_field_row(field, inner, choices))
            survey.append(["end repeat", group.id])
        survey.append(["end group", step.id])
    book: dict[str, Rows] = {
        "survey": survey,
        "choices": choices,
        "settings": _settings(procedure),
        "legal_basis": [_header(LEGAL_BASIS)]
        + [_row(LEGAL_BASIS, item, names) for item in procedure.legal_basis],
        "documents": [_header(DOCUMENTS)]
        + [_row(DOCUMENTS, item, names) for item in procedure.documents],
        "fees": [_header(FEES)] + [_row(FEES, item, names) for item in procedure.fees],
    }
    book.update(_regions(overrides or [], names))
    return book


class _Step:
    """A step read through the survey's columns (title is the row's label)."""

    def __init__(self, step: Any) -> None:
        self.id = step.id
        self.label = step.title
        self.help = step.help
        self.show_if = step.show_if

    def __getattr__(self, name: str) -> Any:
        return None


def _field_row(field: Any, names: set[str], choices: Rows) -> list[Any]:
    if len(field.constraints) > 1:
        raise NotRepresentableError(f"field '{field.id}' has more than one constraint")
    kind = field.type
    if kind in ("choice", "multi_choice"):
        verb = "select_one" if kind == "choice" else "select_multiple"
        kind = f"{verb} {field.id}"
        for choice in field.choices:
            choices.append(_row(CHOICES, choice, names, list_name=field.id))
    return _row(SURVEY, field, names, type=kind)


def _settings(procedure: Procedure) -> Rows:
    rows: Rows = [["setting", "el", "en"]]
    for key, path in SETTINGS_SCALARS.items():
        value = get(procedure, path)
        if key == "draft":
            value = "yes" if value else None
        if value is not None:
            rows.append([key, value, None])
    for key, path in SETTINGS_TEXTS.items():
        text = get(procedure, path)
        if text is not None:
            rows.append([key, text.el, text.en])
    for key, path in SETTINGS_CONTACT.items():
        value = get(procedure, path)
        if value is not None:
            rows.append([key, value, None])
    for key, path in SETTINGS_STRING_LISTS.items():
        rows.extend([key, item, None] for item in get(procedure, path))
    for key, path in SETTINGS_TEXT_LISTS.items():
        rows.extend([key, item.el, item.en] for item in get(procedure, path))
    return rows


def _regions(overrides: list[RegionOverride], names: set[str]) -> dict[str, Rows]:
    regions: Rows = [["region", "setting", "el", "en"]]
    fees: Rows = [["region", *_header(FEES)]]
    documents: Rows = [["region", *_header(DOCUMENTS)]]
    offices: Rows = [_header(OFFICES)]
    for override in overrides:
        code = override.region_code
        regions.append([code, "region", code, None])  # a Region with nothing else still shows
        for key, path in REGION_TEXTS.items():
            text = get(override, path)
            if text is not None:
                regions.append([code, key, text.el, text.en])
        for key, path in REGION_CONTACT.items():
            value = get(override, path)
            if value is not None:
                regions.append([code, key, value, None])
        regions.extend(
            [code, "removed_document", item, None] for item in override.removed_documents
        )
        fees.extend([code, *_row(FEES, fee, names)] for fee in override.fees)
        documents.extend(
            [code, *_row(DOCUMENTS, document, names)] for document in override.extra_documents
        )
        offices.extend(_row(OFFICES, office, names, region=code) for office in override.offices)
    return {
        "regions": regions,
        "region_fees": fees,
        "region_documents": documents,
        "region_offices": offices,
    }
