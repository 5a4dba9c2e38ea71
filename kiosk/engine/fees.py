"""Fees for the answers given: fixed amounts and amounts calculated by the definition."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from kiosk.catalog.model import Procedure
from kiosk.engine.context import build_variables, condition_holds
from kiosk.expressions import ExpressionError, evaluate
from kiosk.submission import FeeLine

CENT = Decimal("0.01")


def compute_fees(
    procedure: Procedure, variables: Mapping[str, Any], locale: str = "el"
) -> list[FeeLine]:
    lines = []
    for fee in procedure.fees:
        if not condition_holds(fee.applies_if, variables):
            continue
        if fee.amount is not None:
            amount = fee.amount
        else:
            assert fee.amount_expression is not None
            try:
                amount = Decimal(str(evaluate(fee.amount_expression, variables)))
            except (ExpressionError, ArithmeticError):
                continue  # the checker reports it; never charge a guessed amount
        if amount < 0:
            continue
        lines.append(
            FeeLine(
                fee_id=fee.id,
                label=fee.label.get(locale),
                amount=amount.quantize(CENT, rounding=ROUND_HALF_UP),
                e_paravolo_code=fee.e_paravolo_code,
            )
        )
    return lines


def fees_for_answers(
    procedure: Procedure, submitted: Mapping[str, Any], locale: str = "el"
) -> list[FeeLine]:
    """The fees for the answers an application carries (visible fields only). The device
    charges these and the platform recomputes them from the same answers, so both agree:
    an answer kept on a hidden step (the person may return to it) never adds a fee."""
    return compute_fees(procedure, build_variables(procedure, submitted), locale)
