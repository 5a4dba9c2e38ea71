"""The review summary: what will be submitted, in words, for the screen and the receipt.

Plain data in the session's locale: sections of (label, display value) rows per
visible step (repeat items as «Όχημα 1: Αριθμός κυκλοφορίας»), the documents
checklist, the fee lines and their total, and what still needs attention."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

import msgspec

from kiosk import regions
from kiosk.catalog.model import FormField
from kiosk.engine.checklist import ChecklistItem
from kiosk.engine.session import FillingSession
from kiosk.engine.validation import Issue
from kiosk.engine.visibility import visible_fields, visible_groups
from kiosk.submission import FeeLine, OnceOnlyCheck

_YES_NO = {"el": ("Ναι", "Όχι"), "en": ("Yes", "No")}
_DECLARED = {"el": "Δηλώθηκε", "en": "Declared"}


class ReviewSection(msgspec.Struct, frozen=True):
    step_id: str
    title: str
    rows: list[tuple[str, str]]


class ReviewSummary(msgspec.Struct, frozen=True):
    sections: list[ReviewSection]
    checklist: list[ChecklistItem]
    fees: list[FeeLine]
    issues: list[Issue] = msgspec.field(default_factory=list)  # empty: ready to submit
    once_only_checks: list[OnceOnlyCheck] = msgspec.field(default_factory=list)
    locale: str = "el"

    @property
    def total_fee(self) -> Decimal:
        return sum((line.amount for line in self.fees), Decimal("0.00"))

    @property
    def total_display(self) -> str:
        return format_money(self.total_fee, self.locale)

    @property
    def ready(self) -> bool:
        return not self.issues

    @property
    def documents_to_bring(self) -> list[ChecklistItem]:
        return [item for item in self.checklist if item.status == "bring"]


def format_money(amount: Decimal | str | float, locale: str = "el") -> str:
    """1.234,50 € in Greek, €1,234.50 in English."""
    value = Decimal(str(amount)).quantize(Decimal("0.01"))
    if locale == "en":
        return f"€{value:,.2f}"
    whole, cents = f"{value:,.2f}".split(".")
    return f"{whole.replace(',', '.')},{cents} €"


def format_number(value: Any, locale: str) -> str:
    try:
        number = Decimal(str(value).replace(",", "."))
    except ArithmeticError:
        return str(value)
    text = f"{number:,f}"
    if locale == "el":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def display_value(field: FormField, value: Any, locale: str) -> str:
    if value is None or value == "":
        return "—"
    if field.type == "yes_no":
        yes, no = _YES_NO["en" if locale == "en" else "el"]
        return yes if value else no
    if field.type == "declaration":
        return _DECLARED["en" if locale == "en" else "el"] if value else "—"
    if field.type in ("choice", "multi_choice"):
        labels = {c.value: c.label.get(locale) for c in field.choices}
        values = value if isinstance(value, list) else [value]
        return ", ".join(labels.get(v, str(v)) for v in values)
    if field.type == "date":
        try:
            return date.fromisoformat(str(value)).strftime("%d/%m/%Y")
        except ValueError:
            return str(value)
    if field.type == "money":
        try:
            return format_money(value, locale)
        except ArithmeticError:
            return str(value)
    if field.type == "number":
        return format_number(value, locale)
    if field.type == "regional_unit":
        unit = regions.regional_units().get(str(value))
        if unit is None:
            return str(value)
        return unit.name_latin if locale == "en" else unit.name_el
    if field.type == "attachment" and isinstance(value, Mapping):
        return str(value.get("file_name", ""))
    return str(value)


def review_summary(session: FillingSession) -> ReviewSummary:
    locale = session.locale
    answers, variables = session.submitted_answers(), session.variables
    sections = []
    for step in session.steps:
        rows = [
            (field.label.get(locale), display_value(field, answers.get(field.id), locale))
            for field in visible_fields(step, variables)
        ]
        for group in visible_groups(step, variables):
            for index, item in enumerate(answers.get(group.id) or []):
                for item_field in session.visible_item_fields(group.id, index):
                    label = f"{group.item_label.get(locale)} {index + 1}: "
                    label += item_field.label.get(locale)
                    value = display_value(item_field, item.get(item_field.id), locale)
                    rows.append((label, value))
        sections.append(ReviewSection(step.id, step.title.get(locale), rows))
    return ReviewSummary(
        sections,
        session.checklist(),
        session.fees(),
        issues=session.all_issues(),
        once_only_checks=session.once_only_checks(),
        locale=locale,
    )
