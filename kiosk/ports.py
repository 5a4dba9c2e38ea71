"""The seams between the domain core and the outside world.

kiosk/ defines what it needs as Protocols; kiosk/store implements the drafts and the
outbox (SQLite), and sync/ implements the registry look-ups and consumes the outbox.
Neither side imports the other's internals, and tests can run each against the real
other side.

The repositories (DraftsRepository, OutboxRepository) have one contract suite,
tests/kiosk/store/contracts/, run against the SQLite store and the in-memory one the
sync tests use (tests/support/memory_store.py): what a fake does differently fails there.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import Any, Protocol
from uuid import UUID

import msgspec

from kiosk.status import QuarantineReason, Status
from kiosk.submission import AttachmentRef, Channel, Submission


class DraftRecord(msgspec.Struct, frozen=True):
    """An application's clear metadata: listing a day decrypts nothing."""

    submission_id: UUID
    procedure_id: str
    procedure_version: str
    region_code: str
    channel: str
    clerk_id: str | None
    status: Status
    created_at: datetime
    updated_at: datetime
    protocol_number: str | None = None
    quarantine_reason: QuarantineReason | None = None
    last_error: str | None = None  # why the last send failed (redacted); cleared once accepted


class OutboxItem(msgspec.Struct, frozen=True):
    """One finalised submission waiting to reach the platform."""

    submission_id: UUID
    body: bytes  # Submission.to_json_bytes(): canonical, so a re-send is identical
    attachments: tuple[AttachmentRef, ...] = ()
    attempts: int = 0


class StatusUpdate(msgspec.Struct, frozen=True):
    """What the platform says about an application after it was accepted."""

    submission_id: UUID
    status: str  # the platform's word ("accepted", "in_review", …): Status.from_platform
    protocol_number: str | None = None
    decision: str | None = None
    changed_at: datetime | None = None


class AttachmentUnavailableError(Exception):
    """The attachment cannot be read on this device (missing or damaged): retrying will
    not help, so the item goes to quarantine for a clerk."""


class AttachmentSource(Protocol):
    """A seekable reader of an attachment's plaintext. The store's decrypts chunk by
    chunk into memory as it is read, so uploading never writes a clear copy to disk."""

    def seek(self, offset: int, whence: int = 0) -> int: ...

    def read(self, size: int = -1) -> bytes: ...

    def close(self) -> None: ...


class OutboxPort(Protocol):
    def next_batch(self, limit: int) -> list[OutboxItem]:
        """Queued items ready to send, oldest first; they move to `sending`."""
        ...

    def mark_accepted(self, submission_id: UUID, protocol_number: str, at: datetime) -> None: ...

    def mark_quarantined(
        self, submission_id: UUID, reason: str, field_errors: dict[str, str]
    ) -> None:
        """Rejected as invalid: kept, shown to a clerk, never blocking the others."""
        ...

    def mark_retry(self, submission_id: UUID, error: str) -> None:
        """Not sent this time (link down, server busy): back to `queued`."""
        ...

    def open_attachment(self, sha256: str) -> AttachmentSource:
        """The attachment's plaintext as a reader (the caller closes it). Raises
        FileNotFoundError or AttachmentUnavailableError when it cannot be read."""
        ...

    def apply_status(self, update: StatusUpdate) -> None: ...

    def pending_count(self) -> int: ...


class OutboxRepository(OutboxPort, Protocol):
    """The outbox as the rest of the device sees it: the sync engine's port plus what a
    clerk's screens and start-up need. Unknown ids raise kiosk.store.UnknownDraftError."""

    def recover_stale_sending(self) -> int:
        """At start-up: items a crash left `sending` go back to `queued`; how many."""
        ...

    def status_of(self, submission_id: UUID) -> Status: ...

    def quarantined(self) -> list[DraftRecord]:
        """Refused applications, oldest first, each with its QuarantineReason."""
        ...

    def requeue(self, submission_id: UUID, actor: str) -> None:
        """A quarantined application sent again as it is."""
        ...

    def reopen_for_correction(self, submission_id: UUID, actor: str) -> None:
        """A quarantined application back to a draft, answers intact, same identity."""
        ...

    def submission(self, submission_id: UUID) -> Submission:
        """The finalised application as it was (or will be) sent."""
        ...

    def counts(self) -> dict[Status, int]: ...


class DraftsRepository(Protocol):
    """Drafts: every answer kept the moment it is given; finalising queues it."""

    def create(
        self,
        procedure_id: str,
        procedure_version: str,
        region_code: str,
        channel: Channel,
        clerk_id: str | None = None,
        submission_id: UUID | None = None,
    ) -> DraftRecord: ...

    def save_answer(self, submission_id: UUID, field_id: str, value: Any) -> None:
        """Raises UnknownDraftError unless the draft is open (status DRAFT)."""
        ...

    def answers(self, submission_id: UUID) -> dict[str, Any]: ...

    def get(self, submission_id: UUID) -> DraftRecord: ...

    def list(
        self,
        day: str | None = None,
        procedure_id: str | None = None,
        status: Status | Collection[Status] | None = None,
        channel: str | None = None,
        limit: int = 50,
        offset: int = 0,
        *,
        created_from: datetime | None = None,
        created_before: datetime | None = None,
    ) -> list[DraftRecord]:
        """Newest first."""
        ...

    def open_definition_versions(self) -> set[tuple[str, str]]: ...

    def finalise(
        self, submission_id: UUID, submission: Submission, actor: str | None = None
    ) -> None:
        """DRAFT → QUEUED with its body, at once; UnknownDraftError if not open."""
        ...

    def discard(self, submission_id: UUID, actor: str | None = None) -> bool:
        """Forget an open draft and its answers; a finalised one stays. True if removed."""
        ...


class RegistryUnavailableError(Exception):
    """The registry, or the link to it, cannot answer now: the check stays pending."""


class RegistryRefusedError(RegistryUnavailableError):
    """The platform refused this look-up for who asked (`code`: `not_your_record`, a
    grant ended, …): asking again will not help; the person types it or brings the
    document. Any RegistryUnavailableError with a `code` is read the same way."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.code = code


class RegistryRecord(msgspec.Struct, frozen=True):
    registry: str
    identifier: str
    attributes: dict[str, str] = msgspec.field(default_factory=dict)
    fetch_id: str | None = None  # the platform's id of this look-up (its log), if any
    fetched_at: datetime | None = None


class LookupPurpose(msgspec.Struct, frozen=True):
    """Why a look-up is made: the platform checks it against the grant's scope (or the
    clerk's attested check) and logs it; only `attributes` come back."""

    submission_id: UUID
    procedure_id: str
    evidence_type: str
    attributes: tuple[str, ...] = ()


class RegistryLookupPort(Protocol):
    """Once Only: the administration fetches what its registries already hold.

    `registry` names the service: "taxpayer" (by AFM), "identity" (by AMKA),
    "vehicle" (by plate). Returns None when the registry has no such record;
    raises RegistryUnavailableError when it cannot tell now."""

    def lookup(
        self, registry: str, identifier: str, purpose: LookupPurpose | None = None
    ) -> RegistryRecord | None: ...
