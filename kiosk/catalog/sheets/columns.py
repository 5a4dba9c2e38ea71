"""The columns of each sheet and what each holds in the definition.

A column maps to a dotted path in the model ("label.el", "prefill.registry",
"constraints.0.expression") and a kind that says how a cell's value is read: the
spreadsheet holds what a person types, the definition what the schema wants."""

from __future__ import annotations

import re
from typing import Literal

from kiosk.expressions import referenced_names

# For writing `${field}` back into a sheet: a plain CEL string literal and a bare name
# (kiosk.cel_syntax reads every literal form; a sheet's cells only ever hold these).
_STRING_LITERAL = re.compile(r"'(?:\\.|[^'\\])*'|\"(?:\\.|[^\"\\])*\"")
_IDENTIFIER = re.compile(r"(?<![\w.])([A-Za-z_][A-Za-z0-9_]*)")

Kind = Literal["str", "bool", "int", "dec", "list", "expr"]
Column = tuple[str, str, Kind]  # header, model path, kind


def _text(header: str, path: str) -> list[Column]:
    return [(f"{header}::el", f"{path}.el", "str"), (f"{header}::en", f"{path}.en", "str")]


SURVEY: list[Column] = [
    ("type", "", "str"),  # handled by the converter (begin group, select_one list, ...)
    ("name", "id", "str"),
    *_text("label", "label"),
    *_text("hint", "help"),
    ("required", "required", "bool"),
    ("required_if", "required_if", "expr"),
    ("relevant", "show_if", "expr"),
    ("constraint", "constraints.0.expression", "expr"),
    *_text("constraint_message", "constraints.0.message"),
    ("calculation", "calculate", "expr"),
    ("min_value", "min_value", "dec"),
    ("max_value", "max_value", "dec"),
    ("min_length", "min_length", "int"),
    ("max_length", "max_length", "int"),
    ("min_age", "min_age", "int"),
    ("max_age", "max_age", "int"),
    ("not_in_future", "not_in_future", "bool"),
    ("prefill_registry", "prefill.registry", "str"),
    ("prefill_key", "prefill.key_field", "str"),
    ("prefill_attribute", "prefill.attribute", "str"),
    *_text("declaration", "declaration_text"),
    ("accept", "accept", "list"),
    ("max_size_mb", "max_size_mb", "int"),
    ("birth_date_field", "birth_date_field", "str"),
    *_text("item_label", "item_label"),
    ("repeat_min", "min_items", "int"),
    ("repeat_max", "max_items", "int"),
]
# Which survey columns a begin group (step) and a begin repeat (group) row may use.
STEP_PATHS = {"id", "label.el", "label.en", "help.el", "help.en", "show_if"}
GROUP_PATHS = STEP_PATHS | {"item_label.el", "item_label.en", "min_items", "max_items"}

CHOICES: list[Column] = [
    ("list_name", "", "str"),
    ("name", "value", "str"),
    *_text("label", "label"),
]

DOCUMENTS: list[Column] = [
    ("name", "id", "str"),
    *_text("label", "title"),
    *_text("description", "description"),
    ("required_if", "required_if", "expr"),
    *_text("condition", "condition_text"),
    ("accepted_forms", "accepted_forms", "list"),
    ("registry", "once_only.registry", "str"),
    *_text("registry_service", "once_only.service"),
    ("registry_key", "once_only.identifier_field", "str"),
    ("mitos_evidence_id", "mitos_evidence_id", "str"),
]

FEES: list[Column] = [
    ("name", "id", "str"),
    *_text("label", "label"),
    ("amount", "amount", "dec"),
    ("calculation", "amount_expression", "expr"),
    ("relevant", "applies_if", "expr"),
    ("e_paravolo_code", "e_paravolo_code", "str"),
    *_text("payment_info", "payment_info"),
]

LEGAL_BASIS: list[Column] = [
    *_text("title", "title"),
    ("reference", "reference", "str"),
    ("fek", "fek", "str"),
    ("ada", "ada", "str"),
    ("url", "url", "str"),
]

OFFICES: list[Column] = [
    ("region", "", "str"),
    ("name", "id", "str"),
    *_text("label", "name"),
    ("regional_unit_code", "regional_unit_code", "str"),
    ("phone", "contact.phone", "str"),
    ("email", "contact.email", "str"),
    *_text("address", "contact.address"),
    *_text("hours", "contact.hours"),
]

# settings sheet: one row per setting, value in `el` (and `en` for texts); list settings
# repeat their row, one item each.
SETTINGS_SCALARS = {
    "form_id": "id",
    "version": "version",
    "mitos_id": "mitos_id",
    "audience": "audience",
    "duration_days": "duration_days",
    "draft": "draft",
}
SETTINGS_TEXTS = {
    "form_title": "title",
    "summary": "summary",
    "help": "help",
    "category": "category",
    "authority": "authority.name",
    "authority_unit": "authority.unit",
    "authority_address": "authority.contact.address",
    "authority_hours": "authority.contact.hours",
}
SETTINGS_CONTACT = {
    "authority_phone": "authority.contact.phone",
    "authority_email": "authority.contact.email",
}
SETTINGS_STRING_LISTS = {
    "alt_title": "alt_titles",
    "keyword": "keywords",
    "life_event": "life_events",
}
SETTINGS_TEXT_LISTS = {"eligibility": "eligibility", "output": "outputs"}

# regions sheet: per Region, the override's single values and removed documents.
REGION_TEXTS = {
    "authority": "authority.name",
    "authority_unit": "authority.unit",
    "authority_address": "authority.contact.address",
    "authority_hours": "authority.contact.hours",
    "note": "note",
}
REGION_CONTACT = {
    "authority_phone": "authority.contact.phone",
    "authority_email": "authority.contact.email",
}

_REFERENCE = re.compile(r"\$\{\s*([^}]*?)\s*\}")
REFERENCE_NAME = re.compile(r"^[a-z][a-z0-9_]{0,63}$")


def to_cel(expression: str) -> tuple[str, list[str]]:
    """`${age} >= 18` -> `age >= 18`; also returns references that are not names."""
    bad: list[str] = []

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if not REFERENCE_NAME.match(name):
            bad.append(name)
        return name

    return _REFERENCE.sub(replace, expression), bad


def from_cel(expression: str, names: set[str]) -> str:
    """`age >= 18` -> `${age} >= 18` for the names that are fields of the procedure.

    Strings are left alone (a literal 'age' stays a literal)."""
    wanted = referenced_names(expression) & names
    if not wanted:
        return expression
    pieces: list[str] = []
    last = 0
    for literal in _STRING_LITERAL.finditer(expression):
        pieces.append(_wrap(expression[last : literal.start()], wanted))
        pieces.append(literal.group(0))
        last = literal.end()
    pieces.append(_wrap(expression[last:], wanted))
    return "".join(pieces)


def _wrap(code: str, wanted: set[str]) -> str:
    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        following = code[match.end() :].lstrip()
        if name in wanted and not following.startswith("("):
            return "${" + name + "}"
        return name

    return _IDENTIFIER.sub(replace, code)
