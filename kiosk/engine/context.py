"""The variables conditions and calculations see, and how conditions are applied.

Every field and repeat-group id of the procedure is bound (unanswered: null), so an
expression never fails on a missing name. A condition that still fails to evaluate
(say `age > 18` while age is null) counts as false: the definition checker reports
such expressions ahead of time; at the counter the person is never blocked by one."""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from kiosk.catalog.model import FormField, Procedure
from kiosk.expressions import (
    CelVariables,
    ExpressionError,
    evaluate,
    evaluate_condition,
    prepare,
    referenced_names,
)

log = logging.getLogger(__name__)


def cel_value(field: FormField | None, value: Any) -> Any:
    """Money is kept as a decimal string, and a number typed on a screen may arrive as
    one ("12,5"): conditions and fees compute with both as numbers (CEL doubles). Text
    that is not a number becomes null, as if unanswered (validation tells the person)."""
    if field is not None and field.type in ("money", "number") and isinstance(value, str):
        try:
            number = Decimal(value.strip().replace(",", "."))
        except InvalidOperation:
            return None
        return float(number) if number.is_finite() else None
    return value


def build_variables(procedure: Procedure, answers: Mapping[str, Any]) -> CelVariables:
    variables: dict[str, Any] = {}
    for step in procedure.steps:
        for field in step.fields:
            variables[field.id] = cel_value(field, answers.get(field.id))
        for group in step.groups:
            items = answers.get(group.id)
            by_id = {f.id: f for f in group.fields}
            # Beyond max_items the step refuses the answer anyway; conditions never
            # walk an oversized list from a damaged draft.
            variables[group.id] = [
                {key: cel_value(by_id.get(key), item.get(key)) for key in by_id}
                for item in (items if isinstance(items, list) else [])[: group.max_items]
                if isinstance(item, Mapping)
            ]
    prepared = prepare(variables)
    for field in calculation_order(procedure):
        prepared[field.id] = calculated_value(procedure, field, prepared)
    return prepared


_orders: dict[int, tuple[Procedure, list[FormField]]] = {}


def calculation_order(procedure: Procedure) -> list[FormField]:
    """Calculated fields, each after the calculated fields it reads.

    Cycles are refused before a session starts (kiosk.engine.definition); here a
    field caught in one simply comes last, so this never loops."""
    known = _orders.get(id(procedure))
    if known is not None and known[0] is procedure:
        return known[1]
    calculated = {f.id: f for f in procedure.all_fields() if f.calculate}
    reads = {
        i: referenced_names(f.calculate or "") & calculated.keys() - {i}
        for i, f in calculated.items()
    }
    # Kahn's order, computed once: linear in fields and references (a search for
    # ready fields per round was quadratic in a chain of calculations).
    waiting = {i: len(r) for i, r in reads.items()}
    readers: dict[str, list[str]] = {i: [] for i in calculated}
    for i, names in reads.items():
        for name in names:
            readers[name].append(i)
    ready = deque(i for i, n in waiting.items() if n == 0)
    order: list[FormField] = []
    placed: set[str] = set()
    while len(order) < len(calculated):
        if not ready:  # a cycle: its first unplaced field goes next
            ready.append(next(i for i in calculated if i not in placed))
        field_id = ready.popleft()
        if field_id in placed:
            continue
        placed.add(field_id)
        order.append(calculated[field_id])
        for reader in readers[field_id]:
            waiting[reader] -= 1
            if waiting[reader] == 0 and reader not in placed:
                ready.append(reader)
    if len(_orders) >= 64:
        _orders.clear()
    _orders[id(procedure)] = (procedure, order)
    return order


def calculated_value(procedure: Procedure, field: FormField, variables: Mapping[str, Any]) -> Any:
    assert field.calculate is not None
    try:
        return evaluate(field.calculate, variables)
    except ExpressionError:
        # Usually an input not given yet (null * 2.5). The reason is not logged: CEL's
        # messages can quote the values, and answers are personal data.
        log.debug("calculation of %s.%s gave no value", procedure.id, field.id)
        return None


def calculated_answer(field: FormField, value: Any) -> Any:
    """A calculated value as an answer: money as a two-decimal string, like typed money."""
    if field.type == "money" and isinstance(value, int | float) and not isinstance(value, bool):
        try:
            return str(Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))
        except InvalidOperation:
            return None
    return value


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
