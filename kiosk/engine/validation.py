"""Validation of answers, per field and per step, with messages that say how to fix.

Answers are JSON values: text as str, number as int/float, money as a decimal string
("30.00"), date as an ISO string, yes/no and declarations as bool, multiple choice as a
list of values, an attachment as an AttachmentRef dict, a repeat group as a list of
dicts."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from kiosk import regions
from kiosk.catalog.model import FormField, Procedure, Step
from kiosk.engine import identifiers
from kiosk.engine.context import condition_holds
from kiosk.engine.messages import Message, message
from kiosk.engine.visibility import is_required, visible_fields, visible_groups

_IDENTIFIER_CHECKS: dict[str, Callable[[str], str]] = {
    "afm": identifiers.clean_afm,
    "iban": identifiers.clean_iban,
    "phone": identifiers.clean_phone,
    "email": identifiers.clean_email,
    "postcode": identifiers.clean_postcode,
}


@dataclass(frozen=True)
class Issue:
    path: str  # field id, or `group[index].field`
    rule: str
    message: Message


def is_empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def parse_date(value: Any) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _age_on(birth: date, today: date) -> int:
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


def _number(value: Any) -> Decimal | None:
    if isinstance(value, bool):
        return None
    try:
        return Decimal(str(value).replace(",", "."))
    except InvalidOperation:
        return None


def _check_type(
    field: FormField, value: Any, answers: Mapping[str, Any], today: date
) -> list[Message]:
    kind = field.type
    if kind in _IDENTIFIER_CHECKS:
        try:
            _IDENTIFIER_CHECKS[kind](str(value))
        except ValueError as error:
            return [message(str(error))]
        return []
    if kind == "amka":
        birth = parse_date(answers.get(field.birth_date_field)) if field.birth_date_field else None
        try:
            identifiers.clean_amka(str(value), birth)
        except ValueError as error:
            return [message(str(error))]
        return []
    if kind in ("number", "money"):
        number = _number(value)
        if number is None or not number.is_finite():
            return [message("money" if kind == "money" else "not_a_number")]
        if kind == "money" and (number < 0 or number.as_tuple().exponent < -2):  # type: ignore[operator]
            return [message("money")]
        if field.min_value is not None and number < field.min_value:
            return [message("min_value", limit=field.min_value)]
        if field.max_value is not None and number > field.max_value:
            return [message("max_value", limit=field.max_value)]
        return []
    if kind == "date":
        day = parse_date(value)
        if day is None:
            return [message("date")]
        if field.not_in_future and day > today:
            return [message("future_date")]
        if field.min_age is not None and _age_on(day, today) < field.min_age:
            return [message("min_age", limit=field.min_age)]
        if field.max_age is not None and _age_on(day, today) > field.max_age:
            return [message("max_age", limit=field.max_age)]
        return []
    if kind == "choice":
        return [] if value in {c.value for c in field.choices} else [message("choice")]
    if kind == "multi_choice":
        allowed = {c.value for c in field.choices}
        ok = isinstance(value, list) and all(v in allowed for v in value)
        return [] if ok else [message("choice")]
    if kind == "yes_no":
        return [] if isinstance(value, bool) else [message("yes_no")]
    if kind == "declaration":
        return [] if value is True else [message("declaration")]
    if kind == "regional_unit":
        return [] if value in regions.regional_units() else [message("regional_unit")]
    if kind == "attachment":
        ok = isinstance(value, Mapping) and isinstance(value.get("sha256"), str)
        return [] if ok else [message("attachment")]
    text = str(value)
    if field.min_length is not None and len(text.strip()) < field.min_length:
        return [message("min_length", limit=field.min_length)]
    if field.max_length is not None and len(text) > field.max_length:
        return [message("max_length", limit=field.max_length)]
    return []


def validate_field(
    field: FormField,
    value: Any,
    variables: Mapping[str, Any],
    answers: Mapping[str, Any],
    *,
    path: str | None = None,
    today: date | None = None,
) -> list[Issue]:
    where = path or field.id
    if is_empty(value) or (
        field.type == "declaration" and value is False and not is_required(field, variables)
    ):
        if is_required(field, variables):
            rule = "declaration" if field.type == "declaration" else "required"
            return [Issue(where, rule, message(rule))]
        return []
    problems = _check_type(field, value, answers, today or date.today())
    if not problems:
        for constraint in field.constraints:
            if not condition_holds(constraint.expression, {**variables, "value": value}):
                problems.append(
                    Message("constraint", constraint.message.el, constraint.message.get("en"))
                )
    return [Issue(where, m.key, m) for m in problems]


def validate_step(
    procedure: Procedure,
    step: Step,
    answers: Mapping[str, Any],
    variables: Mapping[str, Any],
    *,
    today: date | None = None,
) -> list[Issue]:
    """Every problem on the step's visible fields and repeat groups, in screen order."""
    issues: list[Issue] = []
    for field in visible_fields(step, variables):
        if field.calculate:
            continue
        issues += validate_field(field, answers.get(field.id), variables, answers, today=today)
    for group in visible_groups(step, variables):
        items = answers.get(group.id) or []
        if len(items) < group.min_items:
            issues.append(
                Issue(group.id, "repeat_min", message("repeat_min", limit=group.min_items))
            )
        if len(items) > group.max_items:
            issues.append(
                Issue(group.id, "repeat_max", message("repeat_max", limit=group.max_items))
            )
        for index, item in enumerate(items[: group.max_items]):
            scope = {**variables, **item}
            for field in group.fields:
                if not condition_holds(field.show_if, scope):
                    continue
                issues += validate_field(
                    field,
                    item.get(field.id),
                    scope,
                    item,
                    path=f"{group.id}[{index}].{field.id}",
                    today=today,
                )
    return issues
