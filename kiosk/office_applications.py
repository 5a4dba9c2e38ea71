"""The office's applications as the platform holds them (every channel and device),
beside the counter's own: what a counter shows and keeps a local copy of for offline use.

The platform serves them as a feed of changes by cursor (sync PlatformClient
.office_applications); the local copy (kiosk.store.office_copy) keeps the latest of
each, by the platform's sequence: a copy older than the one held is ignored."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

import msgspec

from kiosk.submission import Submission


class OfficeApplication(msgspec.Struct, frozen=True):
    seq: int  # the platform's sequence of its last change: newer wins
    submission_id: UUID
    procedure_id: str
    channel: str  # kiosk | counter
    device_id: str
    status: str  # the platform's: accepted, in_review, decided, returned...
    protocol_number: str | None
    decision: str | None
    received_at: datetime
    changed_at: datetime
    attention: tuple[str, ...]  # reason codes (sync/server/office.py attention())
    submission: Submission  # as sent: a receipt is rebuilt from it


class WaitingParked(msgspec.Struct, frozen=True):
    """A parked draft waiting on the platform: the time only (the blob is sealed)."""

    ref: str
    stored_at: datetime
    expires_at: datetime


class RefusedElsewhere(msgspec.Struct, frozen=True):
    """An application the platform refused on another device of the office, reported for
    a counter to correct: what the list shows (no answers: they come with the take)."""

    submission_id: UUID
    procedure_id: str
    channel: str
    device_id: str
    reason: str
    fields: tuple[str, ...]
    reported_at: datetime


class TakenDraft(msgspec.Struct, frozen=True):
    """A refused draft handed over to this counter (kiosk.store.handoff's document)."""

    payload: bytes
    reason: str
    fields: tuple[str, ...]
