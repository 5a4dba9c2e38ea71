"""The session's own state, kept beside the answers so a draft resumes where it was.

Stored through the same `on_answer` callback under `SESSION_KEY`, which can never be a
field id (ids start with a lower-case letter), so the draft store needs no new column
and a clerk who picks up a kiosk draft sees the steps the citizen visited, the values
a registry filled, the checks still pending and the scans already given."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

import msgspec

from kiosk.engine.evidence import EvidenceState
from kiosk.submission import AttachmentRef, OnceOnlyCheck

if TYPE_CHECKING:
    from kiosk.engine.session import FillingSession

SESSION_KEY = "_session"
log = logging.getLogger(__name__)


class SessionState(msgspec.Struct, kw_only=True):
    """Unknown keys are ignored (not refused): a draft saved by a newer version resumes."""

    version: int = 1
    visited: list[str] = []
    current_id: str | None = None
    at_review: bool = False
    prefilled: list[str] = []
    checks: dict[str, OnceOnlyCheck] = {}
    documents: dict[str, AttachmentRef] = {}
    evidence: dict[str, EvidenceState] = {}  # choices and fetches; never the grant

    def __repr__(self) -> str:
        # Registry values and scans are the citizen's: a repr says where, not what.
        return (
            f"SessionState(at {self.current_id!r}, {len(self.visited)} visited, "
            f"{len(self.documents)} documents, {len(self.evidence)} evidence)"
        )

    def to_data(self) -> dict[str, Any]:
        """As stored: JSON values, every key (tests/kiosk/engine/test_state_golden.py)."""
        data: dict[str, Any] = msgspec.to_builtins(self)
        return data


def encode(session: FillingSession) -> dict[str, Any]:
    return SessionState(
        visited=list(session.visited),
        current_id=session.current_id,
        at_review=session.at_review,
        prefilled=sorted(session.prefilled),
        checks=dict(session.checks),
        documents=dict(session.documents),
        evidence=dict(session.evidence),
    ).to_data()


def decode(raw: Any) -> dict[str, Any]:
    """FillingSession keyword arguments from a stored state; {} when there is none or
    it cannot be read (the answers still resume; only the navigation starts over)."""
    if raw is None:
        return {}
    try:
        state = msgspec.convert(raw, SessionState)
    except msgspec.ValidationError as error:
        # The problem's words and path only: a stored value is never logged.
        log.warning("session state unreadable, starting at the first step (%s)",
                    str(error).split(" - ")[0][:60])  # fmt: skip
        return {}
    return {
        "visited": state.visited,
        "current_id": state.current_id,
        "at_review": state.at_review,
        "prefilled": set(state.prefilled),
        "checks": state.checks,
        "documents": state.documents,
        "evidence": state.evidence,
    }
