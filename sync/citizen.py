"""Once Only on the wire (issue #16, docs/once-only.md): the citizen's sign-in at a kiosk
(OAuth 2.0 Device Authorization Grant, RFC 8628) and what a registry look-up carries.

These are the values PlatformClient's Once Only methods take and give; the grant and
clerk session strings are bearer secrets: never logged, never in an exception message
(their classes' own __repr__ leaves them out)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Final, Literal
from uuid import UUID

import msgspec

from sync.errors import SyncError

GRANT_HEADER: Final = "X-Citizen-Grant"
SESSION_HEADER: Final = "X-Clerk-Session"
# The token endpoint's answers other than a grant (RFC 8628 §3.5).
TOKEN_ERRORS: Final = frozenset(
    {"authorization_pending", "slow_down", "access_denied", "expired_token", "invalid_grant"}
)
DocumentType = Literal["id_card", "passport", "residence_permit", "driving_licence"]
Relation = Literal["authorised", "legal_representative"]


class LookupRefusedError(SyncError):
    """The platform refused this look-up for who asked (no grant or clerk session:
    `grant_required`; `not_your_record`; `outside_scope`; `invalid_grant` for an expired
    or revoked grant; `invalid_session`; `identity_check_required`;
    `representation_needs_clerk`). Not a device problem: the person brings the document."""

    def __init__(self, code: str, message: str = "") -> None:
        super().__init__(f"registry look-up refused: {code}")
        self.code = code
        self.detail = message


def _repr_without(value: msgspec.Struct, secret: str) -> str:
    """A Struct's repr without its secret field (a token or a document's digits), so
    that logging the value never writes the secret."""
    shown = (f"{n}={getattr(value, n)!r}" for n in value.__struct_fields__ if n != secret)
    return f"{type(value).__name__}({', '.join(shown)})"


class EvidenceScope(msgspec.Struct, frozen=True):
    """One piece of evidence the procedure binds: from which registry, which attributes."""

    registry: str
    evidence_type: str
    attributes: tuple[str, ...]

    def as_json(self) -> dict[str, Any]:
        return {
            "registry": self.registry,
            "evidence_type": self.evidence_type,
            "attributes": list(self.attributes),
        }

    @classmethod
    def from_json(cls, item: Any) -> EvidenceScope:
        return cls(
            str(item["registry"]),
            str(item["evidence_type"]),
            tuple(str(a) for a in item["attributes"]),
        )


class DeviceAuthorization(msgspec.Struct, frozen=True):
    device_code: str  # never in the repr (see _repr_without)
    user_code: str  # shown as XXXX-XXXX
    verification_uri: str
    verification_uri_complete: str  # for the QR code
    expires_in: int
    interval: int

    def __repr__(self) -> str:
        return _repr_without(self, "device_code")


class CitizenGrant(msgspec.Struct, frozen=True):
    grant: str  # never in the repr (see _repr_without)
    expires_at: datetime
    afm: str
    display_name: str
    scope: tuple[EvidenceScope, ...]
    submission_id: UUID

    def __repr__(self) -> str:
        return _repr_without(self, "grant")


class TokenPoll(msgspec.Struct, frozen=True):
    """`granted` (with the grant) or one of TOKEN_ERRORS; `interval` after slow_down."""

    status: str
    grant: CitizenGrant | None = None
    interval: int | None = None


class ClerkSession(msgspec.Struct, frozen=True):
    clerk_id: str
    display_name: str
    session: str | None  # never in the repr (see _repr_without)
    expires_at: datetime | None

    def __repr__(self) -> str:
        return _repr_without(self, "session")


class LookupPurpose(msgspec.Struct, frozen=True):
    """Why a look-up is made: the application, its procedure, the evidence asked for."""

    submission_id: UUID
    procedure_id: str
    evidence_type: str
    procedure_version: str | None = None

    def as_json(self) -> dict[str, Any]:
        purpose: dict[str, Any] = {
            "submission_id": str(self.submission_id),
            "procedure_id": self.procedure_id,
            "evidence_type": self.evidence_type,
        }
        if self.procedure_version is not None:
            purpose["procedure_version"] = self.procedure_version
        return purpose


class IdentityCheck(msgspec.Struct, frozen=True):
    """What the clerk saw in person: the document's type and its number's last 4."""

    document_type: DocumentType
    number_last4: str  # never in the repr (see _repr_without)

    def as_json(self) -> dict[str, Any]:
        return {"document_type": self.document_type, "number_last4": self.number_last4}

    def __repr__(self) -> str:
        return _repr_without(self, "number_last4")


class Representation(msgspec.Struct, frozen=True):
    relation: Relation
    document: str  # e.g. "εξουσιοδότηση"

    def as_json(self) -> dict[str, Any]:
        return {"relation": self.relation, "document": self.document}


class RegistryAnswer(msgspec.Struct, frozen=True):
    registry: str
    found: bool
    record: dict[str, str]  # only the attributes asked for (and allowed)
    fetch_id: str  # the platform's log entry: the submission's evidence names it
    fetched_at: datetime
