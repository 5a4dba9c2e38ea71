"""Validation of answers, per field and per step, with messages that say how to fix.

Answers are JSON values: text as str, number as int/float, money as a decimal string
("30.00"), date as an ISO string, yes/no and declarations as bool, multiple choice as a
list of values, an attachment as an AttachmentRef dict, a repeat group as a list of
dicts."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

import msgspec

from kiosk import regions
from kiosk.catalog.model import FormField, Procedure, RepeatGroup, Step
from kiosk.engine import identifiers
from kiosk.engine.context import cel_value, condition_holds
from kiosk.engine.messages import Message, message
from kiosk.engine.values import is_empty
from kiosk.engine.visibility import is_required, visible_fields, visible_groups

_IDENTIFIER_CHECKS: dict[str, Callable[[str], str]] = {
    "afm": identifiers.clean_afm,
    "iban": identifiers.clean_iban,
    "phone": identifiers.clean_phone,
    "email": identifiers.clean_email,
    "postcode": identifiers.clean_postcode,
}


class Issue(msgspec.Struct, frozen=True):
    path: str  # field id, or `group[index].field`
    rule: str
    message: Message


__all__ = ["Issue", "is_empty", "validate_field", "validate_group", "validate_step"]


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
        # An age limit makes it a birth date: one in the future is never right.
        in_future_refused = (
            field.not_in_future or field.min_age is not None or field.max_age is not None
        )
        if in_future_refused and day > today:
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
        return _check_attachment(field, value)
    if not isinstance(value, str):
        return [message("text")]
    text = value
    if field.min_length is not None and len(text.strip()) < field.min_length:
        return [message("min_length", limit=field.min_length)]
    if field.max_length is not None and len(text) > field.max_length:
        return [message("max_length", limit=field.max_length)]
    return []


def _check_attachment(field: FormField, value: Any) -> list[Message]:
    if not (isinstance(value, Mapping) and isinstance(value.get("sha256"), str)):
        return [message("attachment")]
    media_type = str(value.get("media_type", ""))
    if field.accept and not any(_media_matches(media_type, pattern) for pattern in field.accept):
        return [message("attachment_type", types=", ".join(field.accept))]
    size = value.get("size")
    if field.max_size_mb is not None and isinstance(size, int) and size > field.max_size_mb * 2**20:
        return [message("attachment_size", limit=field.max_size_mb)]
    return []


def _media_matches(media_type: str, pattern: str) -> bool:
    if pattern.endswith("/*"):
        return media_type.startswith(pattern[:-1])
    return media_type == pattern


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
            if not condition_holds(
                constraint.expression, {**variables, "value": cel_value(field, value)}
            ):
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
        issues += validate_group(group, answers.get(group.id), variables, today=today)
    return issues


def item_scope(
    group: RepeatGroup, item: Mapping[str, Any], variables: Mapping[str, Any]
) -> dict[str, Any]:
    """What a group field's conditions see: the form's variables, then the item's own
    fields (an item field shadows a form field of the same id)."""
    return {**variables, **{f.id: cel_value(f, item.get(f.id)) for f in group.fields}}


def validate_group(
    group: RepeatGroup,
    items: Any,
    variables: Mapping[str, Any],
    *,
    today: date | None = None,
) -> list[Issue]:
    """The item count, then each item's visible fields, with paths like `vehicles[1].plate`."""
    if items is None:
        items = []
    if not isinstance(items, list) or not all(isinstance(item, Mapping) for item in items):
        return [Issue(group.id, "repeat_items", message("repeat_items"))]
    issues: list[Issue] = []
    if len(items) < group.min_items:
        issues.append(Issue(group.id, "repeat_min", message("repeat_min", limit=group.min_items)))
    if len(items) > group.max_items:
        issues.append(Issue(group.id, "repeat_max", message("repeat_max", limit=group.max_items)))
    for index, item in enumerate(items[: group.max_items]):
        scope = item_scope(group, item, variables)
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
