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
from typing import Annotated, Any, Literal
from uuid import UUID

import msgspec
from msgspec import Meta

from kiosk.records import Record, whole

SUBMISSION_SCHEMA: Literal["periferia.submission/1"] = "periferia.submission/1"

Channel = Literal["kiosk", "counter"]
DocumentStatus = Literal["bring", "attached", "fetched_by_administration", "not_required"]
CheckStatus = Literal["verified", "pending", "failed"]

SHA256_PATTERN = r"^[0-9a-f]{64}$"
Sha256 = Annotated[str, Meta(pattern=whole(SHA256_PATTERN))]
PAYMENT_CODE = r"^(\d{20}|RF\d{2}[0-9A-Z]{1,21})$"
MAX_EVIDENCE = 50


class AttachmentRef(Record, frozen=True, kw_only=True):
    """A file the applicant gave (scan, photo), by content: the bytes travel separately."""

    sha256: Sha256
    file_name: Annotated[str, Meta(min_length=1, max_length=255)]
    media_type: Annotated[str, Meta(min_length=3, max_length=127)]
    size: Annotated[int, Meta(ge=0)]
    field_id: str | None = None

    def __repr__(self) -> str:
        # The file's name is the applicant's (it may be theirs): a repr names the content.
        return f"AttachmentRef({self.sha256[:12]}…, {self.media_type}, {self.size} bytes)"


class DocumentState(Record, frozen=True, kw_only=True):
    """One supporting document (δικαιολογητικό) and how it is provided."""

    document_id: str
    status: DocumentStatus
    attachment_sha256: Sha256 | None = None


class OnceOnlyCheck(Record, frozen=True, kw_only=True):
    """A registry look-up the administration makes instead of asking for a document.

    `pending` when the registry or the link was unavailable: the platform completes it,
    and the applicant is never blocked for it."""

    registry: str
    field_id: str
    status: CheckStatus
    checked_at: datetime | None = None


EvidenceChoice = Literal["fetch", "bring", "rejected"]


class OnBehalf(Record, frozen=True, kw_only=True):
    """Who asked the registry: the citizen's own grant (signed in on their phone) or a
    signed-in clerk who checked the applicant's identity in person."""

    kind: Literal["citizen_grant", "clerk"]
    clerk_id: str | None = None


class Represented(Record, frozen=True, kw_only=True):
    """Acting for another person: how, and the document that shows it."""

    relation: Literal["authorised", "legal_representative"]
    document: Annotated[str, Meta(min_length=1, max_length=200)]


class EvidenceRecord(Record, frozen=True, kw_only=True):
    """One piece of evidence a registry holds, and what the person chose (issue #16):
    fetched at their request (`fetch_id` is the platform's log entry), to bring, or
    fetched and then rejected at the preview (not used). No values: only the record."""

    registry: Annotated[str, Meta(min_length=1, max_length=64)]
    evidence_type: Annotated[str, Meta(min_length=1, max_length=64)]
    choice: EvidenceChoice
    fetch_id: Annotated[str, Meta(max_length=64)] | None = None
    fetched_at: datetime | None = None
    on_behalf: OnBehalf | None = None
    represented: Represented | None = None


class FeeLine(Record, frozen=True, kw_only=True):
    fee_id: str
    label: str
    amount: Decimal  # >= 0, at most 2 decimal places (checked below: Meta cannot on Decimal)
    e_paravolo_code: str | None = None
    # The applicant's e-παράβολο payment code (kiosk.payments) and what the platform said
    # of it before this was sent: "verified" (paid, this amount, bound here) or "pending".
    payment_code: Annotated[str, Meta(pattern=whole(PAYMENT_CODE))] | None = None
    payment_status: CheckStatus | None = None

    def __post_init__(self) -> None:
        check_amount(self.amount)


def check_amount(amount: Decimal) -> None:
    """A fee's amount: finite, not negative, whole cents (as pydantic's ge=0,
    decimal_places=2 said, in its words, naming the field: kiosk/record_problems.py)."""
    if not amount.is_finite():
        raise ValueError("amount: Input should be a finite number")
    if amount < 0:
        raise ValueError("amount: Input should be greater than or equal to 0")
    exponent = amount.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2:
        raise ValueError("amount: Decimal input should have no more than 2 decimal places")


class Submission(Record, frozen=True, kw_only=True):
    """One finished application as the platform receives it (periferia.submission/1):
    the answers, the documents and how each is provided, the attachments by content, the
    registry checks, the fees and the evidence choices; its id is made with the draft.
    Sent as canonical JSON (sorted keys, no spaces, UTF-8): the same submission, the same
    bytes. Optional `evidence` (issue #16): per piece of evidence a registry holds, the
    person's choice, the platform's fetch id, when, on whose behalf and any representation;
    absent when empty, so older bodies keep their bytes. Optional `receipt_token_sha256`:
    the SHA-256 (hex) of the token in the kiosk's receipt QR code (GET /v1/receipt/{token}
    once accepted); absent when not set."""

    schema_: Literal["periferia.submission/1"] = msgspec.field(
        default=SUBMISSION_SCHEMA, name="schema"
    )
    submission_id: UUID
    procedure_id: Annotated[str, Meta(min_length=1)]
    procedure_version: Annotated[str, Meta(min_length=1)]
    region_code: Annotated[str, Meta(min_length=1)]
    regional_unit_code: str | None = None
    office_id: str | None = None
    channel: Channel
    clerk_id: str | None = None
    device_id: str | None = None
    locale: Literal["el", "en"] = "el"
    created_at: datetime
    finalised_at: datetime
    answers: dict[str, Any]
    documents: list[DocumentState] = msgspec.field(default_factory=list)
    attachments: list[AttachmentRef] = msgspec.field(default_factory=list)
    once_only_checks: list[OnceOnlyCheck] = msgspec.field(default_factory=list)
    fees: list[FeeLine] = msgspec.field(default_factory=list)
    # Optional, so that bodies from before issue #16 stay valid (and keep their digest).
    evidence: Annotated[list[EvidenceRecord], Meta(max_length=MAX_EVIDENCE)] = msgspec.field(
        default_factory=list
    )
    # The SHA-256 of the token in the receipt's QR code (sync/server/receipts_page.py):
    # the token itself never leaves the kiosk's screen. Optional, absent when None.
    receipt_token_sha256: Sha256 | None = None

    def __repr__(self) -> str:
        # The answers are the citizen's: a repr (a traceback's locals, a debugger, a log
        # line) names the application, never what it holds (as FillingSession's).
        return (
            f"Submission({self.procedure_id!r} {self.procedure_version}, {self.submission_id}, "
            f"{self.channel}, {len(self.answers)} answers, {len(self.attachments)} attachments)"
        )

    @property
    def total_fee(self) -> Decimal:
        return sum((line.amount for line in self.fees), Decimal("0.00"))

    def to_json_bytes(self) -> bytes:
        """Canonical bytes: the same submission always serialises identically, so the
        platform can tell an identical re-send from a different body under one id.
        The same bytes as the pydantic model wrote (tests/sync/golden): every key, None
        as null, sorted, UTF-8 unescaped, decimals as strings, UTC times with Z."""
        data: dict[str, Any] = msgspec.to_builtins(self)
        if not data["evidence"]:  # absent as before issue #16: the same bytes, the same digest
            del data["evidence"]
        if data["receipt_token_sha256"] is None:
            del data["receipt_token_sha256"]
        return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()

    @classmethod
    def from_json_bytes(cls, raw: bytes) -> Submission:
        """Raises msgspec.ValidationError (or msgspec.DecodeError, a subclass of
        ValueError, for bytes that are not JSON)."""
        return msgspec.json.decode(raw, type=cls)

    @classmethod
    def from_data(cls, data: Any) -> Submission:
        """From parsed JSON or Python values (a dict, nested records, datetimes)."""
        return msgspec.convert(data, cls)


def submission_json_schema() -> dict[str, Any]:
    """The published schema (resources/schemas/submission.schema.json): the submission
    at the top, the records it holds under $defs (JSON Schema 2020-12)."""
    definitions = submission_components()
    top = definitions.pop("Submission")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **top, "$defs": definitions}


def submission_components(ref_template: str = "#/$defs/{name}") -> dict[str, dict[str, Any]]:
    """The submission's records' schemas by name (also in sync/openapi.json)."""
    from kiosk.record_schemas import record_components

    definitions = record_components([Submission], ref_template)
    amount = definitions["FeeLine"]["properties"]["amount"]
    amount["pattern"] = r"^[0-9]+(\.[0-9]{1,2})?$"  # not negative, whole cents
    return definitions
