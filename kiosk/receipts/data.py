"""What a receipt says, independent of its layout."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Literal
from uuid import UUID

VERIFY_URL = "https://www.gov.gr/periferia/verify/"


@dataclass(frozen=True)
class FeeItem:
    label: str
    amount: Decimal
    e_paravolo_code: str | None = None


@dataclass(frozen=True)
class ReceiptData:
    procedure_title: str
    procedure_id: str
    region_name: str
    office_name: str
    submission_id: UUID
    submitted_at: datetime
    protocol_number: str | None = None  # None until the platform accepted it
    applicant_name: str | None = None
    documents_to_bring: list[str] = field(default_factory=list)
    fees: list[FeeItem] = field(default_factory=list)
    payment_instructions: str = ""
    status_url: str = "https://www.gov.gr"
    locale: Literal["el", "en"] = "el"

    @property
    def queued_offline(self) -> bool:
        return self.protocol_number is None

    @property
    def total(self) -> Decimal:
        return sum((fee.amount for fee in self.fees), Decimal("0.00"))


def verification_reference(submission_id: UUID) -> str:
    """What the QR code carries: the submission id and a short check code, no personal data."""
    check = hashlib.sha256(f"periferia-receipt:{submission_id}".encode()).hexdigest()[:6].upper()
    return f"{VERIFY_URL}{submission_id}?c={check}"


def mask_name(name: str) -> str:
    """«Μαρία Παπαδοπούλου» -> «Μ**** Π**********»: enough to recognise, not to read."""
    return " ".join(word[0] + "*" * (len(word) - 1) for word in name.split() if word)
