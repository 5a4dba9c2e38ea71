"""The platform's e-παράβολο check and binding (sync/server/fees.py), for the screens.

Refusals come back as kiosk.payments texts (what to do, in Greek and English); a link
that is down raises TransientError, which the caller turns into «pending»."""

from __future__ import annotations

from decimal import Decimal
from typing import Any
from uuid import UUID

from kiosk.payments import TEXTS, PaymentCode
from kiosk.texts import RefusedError
from sync.client import PlatformClient
from sync.errors import RejectedError

_REFUSALS = ("unknown_code", "unpaid", "wrong_amount", "code_bound")


class PlatformFees:
    def __init__(self, client: PlatformClient) -> None:
        self.client = client

    def check(self, fee_id: str, code: str, amount: Decimal, submission_id: UUID) -> PaymentCode:
        """Paid, this amount, free or already this application's: changes nothing."""
        self._post("check", fee_id, code, amount, submission_id)
        return PaymentCode(fee_id, code, "pending")  # checked, bound at submission

    def bind(self, fee_id: str, code: str, amount: Decimal, submission_id: UUID) -> PaymentCode:
        """Bound to this application, exactly once (again for the same: same answer)."""
        self._post("bind", fee_id, code, amount, submission_id)
        return PaymentCode(fee_id, code, "verified")

    def _post(
        self, action: str, fee_id: str, code: str, amount: Decimal, submission_id: UUID
    ) -> dict[str, Any]:
        body = {
            "code": code,
            "fee_id": fee_id,
            "amount": str(amount),
            "submission_id": str(submission_id),
        }
        response = self.client._request("POST", f"/fees/{action}", json=body)
        try:
            return self.client._document(response)
        except RejectedError as refused:
            reason = refused.field_errors.get("code", "")
            if reason in _REFUSALS:
                raise RefusedError(TEXTS[reason], amount=f"{amount:.2f} €") from None
            raise
