"""The seams between the domain core and the outside world.

kiosk/ defines what it needs as Protocols; kiosk/store implements the outbox, and
sync/ implements the registry look-ups and consumes the outbox. Neither side imports
the other's internals, and tests can run each against the real other side.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol
from uuid import UUID

from kiosk.submission import AttachmentRef


@dataclass(frozen=True)
class OutboxItem:
    """One finalised submission waiting to reach the platform."""

    submission_id: UUID
    body: bytes  # Submission.to_json_bytes(): canonical, so a re-send is identical
    attachments: tuple[AttachmentRef, ...] = ()
    attempts: int = 0


@dataclass(frozen=True)
class StatusUpdate:
    """What the platform says about an application after it was accepted."""

    submission_id: UUID
    status: str  # e.g. "accepted", "in_review", "decided"
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


class RegistryUnavailableError(Exception):
    """The registry, or the link to it, cannot answer now: the check stays pending."""


@dataclass(frozen=True)
class RegistryRecord:
    registry: str
    identifier: str
    attributes: dict[str, str] = field(default_factory=dict)


class RegistryLookupPort(Protocol):
    """Once Only: the administration fetches what its registries already hold.

    `registry` names the service: "taxpayer" (by AFM), "identity" (by AMKA),
    "vehicle" (by plate). Returns None when the registry has no such record;
    raises RegistryUnavailableError when it cannot tell now."""

    def lookup(self, registry: str, identifier: str) -> RegistryRecord | None: ...
