"""What a receipt says, independent of its layout."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Literal
from uuid import UUID

VERIFY_URL = "https://www.gov.gr/periferia/verify/"
LOCALES = ("el", "en")


@dataclass(frozen=True)
class FeeItem:
    """One fee line: what it is for, how much, and the e-παράβολο code when one was issued."""

    label: str
    amount: Decimal
    e_paravolo_code: str | None = None
    payment_code: str | None = None  # the applicant's e-παράβολο code
    payment_status: str | None = None  # "verified" or "pending" (not checked yet)


@dataclass(frozen=True)
class FetchedItem:
    """One registry look-up made at the applicant's request (Estonia's Data Tracker is
    the model): which registry, what, when, on whose behalf. Never the values."""

    registry: str
    evidence: str
    when: datetime | None  # None: the office will fetch it (asked, not yet made)
    on_behalf: str
    used: bool = True  # False: fetched, shown, and rejected by the applicant


@dataclass(frozen=True)
class ReceiptData:
    """Everything a receipt shows. Three states of sending:
    - `protocol_number` set: the platform accepted the application;
    - `queued_offline`: kept on this device, to be sent when the connection returns;
    - neither: sent, the protocol number not yet known (it shows on a reprint)."""

    procedure_title: str
    procedure_id: str
    region_name: str
    office_name: str
    submission_id: UUID
    submitted_at: datetime
    protocol_number: str | None = None
    applicant_name: str | None = None
    documents_to_bring: list[str] = field(default_factory=list)
    fees: list[FeeItem] = field(default_factory=list)
    fetched: list[FetchedItem] = field(default_factory=list)
    payment_instructions: str = ""
    status_url: str = "https://www.gov.gr"
    queued_offline: bool = False
    locale: Literal["el", "en"] = "el"

    def __post_init__(self) -> None:
        # A wrong receipt in a citizen's hand is worse than none: refuse contradictions.
        if self.submitted_at.tzinfo is None or self.submitted_at.utcoffset() is None:
            raise ValueError(
                "ReceiptData.submitted_at: a naive datetime; give it a time zone "
                "(e.g. datetime.now(UTC)) so the receipt can show Athens time"
            )
        if self.locale not in LOCALES:
            raise ValueError(f"ReceiptData.locale: {self.locale!r}; use 'el' or 'en'")
        if self.queued_offline and self.protocol_number:
            raise ValueError(
                "ReceiptData.queued_offline: True but protocol_number is set; "
                "an application with a protocol number has been sent"
            )

    @property
    def total(self) -> Decimal:
        return sum((fee.amount for fee in self.fees), Decimal("0.00"))


def short_reference(submission_id: UUID) -> str:
    """The application's code as people read it, one form on every screen and paper:
    the id's first 8 characters in capitals («33191DC2»). The QR and the verification
    address carry the whole id."""
    return str(submission_id)[:8].upper()


def check_code(submission_id: UUID) -> str:
    """Six characters derived from the id. Not a secret: it lets the verification page
    and a clerk reject a mistyped or made-up reference; authenticity comes from the
    platform looking the submission up."""
    return hashlib.sha256(f"periferia-receipt:{submission_id}".encode()).hexdigest()[:6].upper()


def verification_reference(submission_id: UUID) -> str:
    """What the QR code carries: the submission id and its check code, no personal data."""
    return f"{VERIFY_URL}{submission_id}?c={check_code(submission_id)}"


_WORD_PART = re.compile(r"[^\W\d_]+", re.UNICODE)


def mask_name(name: str) -> str:
    """«Μαρία Παπαδοπούλου» -> «Μ**** Π***********»: enough for the applicant to recognise
    the receipt as theirs, not enough to read the name off a receipt left behind.
    Each part of a double name is masked on its own (Παπαδοπούλου-Νίκα -> Π***********-Ν***)."""
    return " ".join(
        _WORD_PART.sub(lambda part: part.group()[0] + "*" * (len(part.group()) - 1), word)
        for word in name.split()
    )
