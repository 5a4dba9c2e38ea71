"""The review summary: what will be submitted, in words, for the screen and the receipt."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from kiosk import regions
from kiosk.catalog.model import FormField
from kiosk.engine.checklist import ChecklistItem
from kiosk.engine.session import FillingSession
from kiosk.engine.visibility import visible_fields, visible_groups
from kiosk.submission import FeeLine

_YES_NO = {"el": ("Ναι", "Όχι"), "en": ("Yes", "No")}
_DECLARED = {"el": "Δηλώθηκε", "en": "Declared"}


@dataclass(frozen=True)
class ReviewSection:
    step_id: str
    title: str
    rows: list[tuple[str, str]]


@dataclass(frozen=True)
class ReviewSummary:
    sections: list[ReviewSection]
    checklist: list[ChecklistItem]
    fees: list[FeeLine]

    @property
    def total_fee(self) -> Decimal:
        return sum((line.amount for line in self.fees), Decimal("0.00"))

    @property
    def documents_to_bring(self) -> list[ChecklistItem]:
        return [item for item in self.checklist if item.status == "bring"]


def format_money(amount: Decimal | str | float) -> str:
    value = Decimal(str(amount)).quantize(Decimal("0.01"))
    whole, cents = f"{value:,.2f}".split(".")
    return f"{whole.replace(',', '.')},{cents} €"


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
        return format_money(value)
    if field.type == "regional_unit":
        unit = regions.regional_units().get(str(value))
        return unit.name_el if unit else str(value)
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
            for index, item in enumerate(answers.get(group.id) or [], start=1):
                for field in group.fields:
                    label = f"{group.item_label.get(locale)} {index}: {field.label.get(locale)}"
                    rows.append((label, display_value(field, item.get(field.id), locale)))
        sections.append(ReviewSection(step.id, step.title.get(locale), rows))
    return ReviewSummary(sections, session.checklist(), session.fees())
