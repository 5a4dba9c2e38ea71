"""The submission document: what a finished application sends to the central platform.

Stable and versioned (`schema`). Its identity, `submission_id`, is a UUID made once
when the draft is born and never again, so that a re-send is recognisable as the same
application (ODK's lesson: identity at birth, not at send). The JSON Schema is
published in resources/schemas/ beside the procedure definition schema.
"""

from __future__ import annotations

import json
from datetime import datetime
from decimal import Decimal
from typing import Any, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

SUBMISSION_SCHEMA: Literal["periferia.submission/1"] = "periferia.submission/1"

Channel = Literal["kiosk", "counter"]
DocumentStatus = Literal["bring", "attached", "fetched_by_administration", "not_required"]
CheckStatus = Literal["verified", "pending", "failed"]

SHA256_PATTERN = r"^[0-9a-f]{64}$"


class _Strict(BaseModel):
    model_config = ConfigDict(
        extra="forbid", frozen=True, defer_build=True
    )  # built at first use, not at import: start-up time (docs/benchmarks.md)


class AttachmentRef(_Strict):
    """A file the applicant gave (scan, photo), by content: the bytes travel separately."""

    sha256: str = Field(pattern=SHA256_PATTERN)
    file_name: str = Field(min_length=1, max_length=255)
    media_type: str = Field(min_length=3, max_length=127)
    size: int = Field(ge=0)
    field_id: str | None = None


class DocumentState(_Strict):
    """One supporting document (δικαιολογητικό) and how it is provided."""

    document_id: str
    status: DocumentStatus
    attachment_sha256: str | None = Field(default=None, pattern=SHA256_PATTERN)


class OnceOnlyCheck(_Strict):
    """A registry look-up the administration makes instead of asking for a document.

    `pending` when the registry or the link was unavailable: the platform completes it,
    and the applicant is never blocked for it."""

    registry: str
    field_id: str
    status: CheckStatus
    checked_at: datetime | None = None


EvidenceChoice = Literal["fetch", "bring", "rejected"]


class OnBehalf(_Strict):
    """Who asked the registry: the citizen's own grant (signed in on their phone) or a
    signed-in clerk who checked the applicant's identity in person."""

    kind: Literal["citizen_grant", "clerk"]
    clerk_id: str | None = None


class Represented(_Strict):
    """Acting for another person: how, and the document that shows it."""

    relation: Literal["authorised", "legal_representative"]
    document: str = Field(min_length=1, max_length=200)


class EvidenceRecord(_Strict):
    """One piece of evidence a registry holds, and what the person chose (issue #16):
    fetched at their request (`fetch_id` is the platform's log entry), to bring, or
    fetched and then rejected at the preview (not used). No values: only the record."""

    registry: str = Field(min_length=1, max_length=64)
    evidence_type: str = Field(min_length=1, max_length=64)
    choice: EvidenceChoice
    fetch_id: str | None = Field(default=None, max_length=64)
    fetched_at: datetime | None = None
    on_behalf: OnBehalf | None = None
    represented: Represented | None = None


class FeeLine(_Strict):
    fee_id: str
    label: str
    amount: Decimal = Field(ge=0, decimal_places=2)
    e_paravolo_code: str | None = None
    # The applicant's e-παράβολο payment code (kiosk.payments) and what the platform said
    # of it before this was sent: "verified" (paid, this amount, bound here) or "pending".
    payment_code: str | None = Field(default=None, pattern=r"^(\d{20}|RF\d{2}[0-9A-Z]{1,21})$")
    payment_status: CheckStatus | None = None


class Submission(_Strict):
    schema_: Literal["periferia.submission/1"] = Field(default=SUBMISSION_SCHEMA, alias="schema")
    submission_id: UUID
    procedure_id: str = Field(min_length=1)
    procedure_version: str = Field(min_length=1)
    region_code: str = Field(min_length=1)
    regional_unit_code: str | None = None
    office_id: str | None = None
    channel: Channel
    clerk_id: str | None = None
    device_id: str | None = None
    locale: Literal["el", "en"] = "el"
    created_at: datetime
    finalised_at: datetime
    answers: dict[str, Any]
    documents: list[DocumentState] = []
    attachments: list[AttachmentRef] = []
    once_only_checks: list[OnceOnlyCheck] = []
    fees: list[FeeLine] = []
    # Optional, so that bodies from before issue #16 stay valid (and keep their digest).
    evidence: list[EvidenceRecord] = Field(default=[], max_length=50)
    # The SHA-256 of the token in the receipt's QR code (sync/server/receipts_page.py):
    # the token itself never leaves the kiosk's screen. Optional, absent when None.
    receipt_token_sha256: str | None = Field(default=None, pattern=SHA256_PATTERN)

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)

    @property
    def total_fee(self) -> Decimal:
        return sum((line.amount for line in self.fees), Decimal("0.00"))

    def to_json_bytes(self) -> bytes:
        """Canonical bytes: the same submission always serialises identically, so the
        platform can tell an identical re-send from a different body under one id."""
        data = self.model_dump(mode="json", by_alias=True)
        if not data["evidence"]:  # absent as before issue #16: the same bytes, the same digest
            del data["evidence"]
        if data["receipt_token_sha256"] is None:
            del data["receipt_token_sha256"]
        return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()

    @classmethod
    def from_json_bytes(cls, raw: bytes) -> Submission:
        return cls.model_validate_json(raw)


def submission_json_schema() -> dict[str, Any]:
    return Submission.model_json_schema(by_alias=True)
