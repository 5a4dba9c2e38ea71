"""The life of an application on this device, as typed values.

`StrEnum`, so each member *is* the string the `drafts.status` column has always held:
stored values need no migration, SQL gets them as parameters, and a screen compares
members, never literals.

    DRAFT ─finalise→ QUEUED ─next_batch→ SENDING ─accepted→ ACCEPTED → IN_REVIEW → DECIDED
      ↑                 ↑                   │
      │                 └──────retry────────┤
      └──reopen──── QUARANTINED ←─refused───┘      (requeue: QUARANTINED → QUEUED)
"""

from __future__ import annotations

from enum import StrEnum

import msgspec


class Status(StrEnum):
    DRAFT = "draft"
    QUEUED = "queued"
    SENDING = "sending"
    ACCEPTED = "accepted"
    IN_REVIEW = "in_review"
    DECIDED = "decided"
    QUARANTINED = "quarantined"

    @property
    def is_finalised(self) -> bool:
        """Has a submission body: a receipt can be (re)printed."""
        return self is not Status.DRAFT

    @classmethod
    def from_platform(cls, status: str, decision: str | None) -> Status | None:
        """What a platform status event means here; None for a status this device does not
        know (a newer platform): the event's protocol number is still kept."""
        if decision:
            return cls.DECIDED
        try:
            known = cls(status)
        except ValueError:
            return None
        # The platform never puts an application back into a device-side state.
        return known if known in (cls.ACCEPTED, cls.IN_REVIEW, cls.DECIDED) else None


PENDING = frozenset({Status.QUEUED, Status.SENDING})
SYNCED = frozenset({Status.ACCEPTED, Status.IN_REVIEW, Status.DECIDED})


class QuarantineReason(msgspec.Struct, frozen=True):
    """Why the platform refused an application: its reason code and the fields it named
    (ids only: never a value). The store returns this; nobody parses what it stored."""

    reason: str
    fields: tuple[str, ...] = ()
