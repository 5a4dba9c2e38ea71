"""Fees for the answers given: fixed amounts and amounts calculated by the definition."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from kiosk.catalog.model import Procedure
from kiosk.engine.context import condition_holds
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
