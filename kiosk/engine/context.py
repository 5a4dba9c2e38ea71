"""The variables conditions and calculations see, and how conditions are applied.

Every field and repeat-group id of the procedure is bound (unanswered: null), so an
expression never fails on a missing name. A condition that still fails to evaluate
(say `age > 18` while age is null) counts as false: the definition checker reports
such expressions ahead of time; at the counter the person is never blocked by one."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from kiosk.catalog.model import FormField, Procedure
from kiosk.expressions import CelVariables, ExpressionError, evaluate, evaluate_condition, prepare

log = logging.getLogger(__name__)


def _cel_value(field: FormField | None, value: Any) -> Any:
    if field is not None and field.type == "money" and isinstance(value, str):
        try:
            return float(Decimal(value.replace(",", ".")))
        except InvalidOperation:
            return None
    return value


def build_variables(procedure: Procedure, answers: Mapping[str, Any]) -> CelVariables:
    variables: dict[str, Any] = {}
    for step in procedure.steps:
        for field in step.fields:
            variables[field.id] = _cel_value(field, answers.get(field.id))
        for group in step.groups:
            items = answers.get(group.id) or []
            by_id = {f.id: f for f in group.fields}
            variables[group.id] = [
                {key: _cel_value(by_id.get(key), value) for key, value in item.items()}
                for item in items
                if isinstance(item, Mapping)
            ]
    prepared = prepare(variables)
    for step in procedure.steps:
        for field in step.fields:
            if field.calculate:
                prepared[field.id] = calculated_value(procedure, field, prepared)
    return prepared


def calculated_value(procedure: Procedure, field: FormField, variables: Mapping[str, Any]) -> Any:
    assert field.calculate is not None
    try:
        return evaluate(field.calculate, variables)
    except ExpressionError as error:
        log.warning("calculation of %s.%s failed: %s", procedure.id, field.id, error.reason)
        return None


def condition_holds(
    expression: str | None, variables: Mapping[str, Any], *, default: bool = True
) -> bool:
    """`None` (no condition) gives `default`; an expression that cannot run gives False."""
    if expression is None:
        return default
    try:
        return evaluate_condition(expression, variables)
    except ExpressionError:
        return False
