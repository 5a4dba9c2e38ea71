"""The session's own state, kept beside the answers so a draft resumes where it was.

Stored through the same `on_answer` callback under `SESSION_KEY`, which can never be a
field id (ids start with a lower-case letter), so the draft store needs no new column
and a clerk who picks up a kiosk draft sees the steps the citizen visited, the values
a registry filled, the checks still pending and the scans already given."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, ValidationError

from kiosk.engine.evidence import EvidenceState
from kiosk.submission import AttachmentRef, OnceOnlyCheck

if TYPE_CHECKING:
    from kiosk.engine.session import FillingSession

SESSION_KEY = "_session"
log = logging.getLogger(__name__)


class SessionState(BaseModel):
    model_config = ConfigDict(
        extra="ignore", defer_build=True
    )  # built at first use, not at import: start-up time (docs/benchmarks.md)

    version: int = 1
    visited: list[str] = []
    current_id: str | None = None
    at_review: bool = False
    prefilled: list[str] = []
    checks: dict[str, OnceOnlyCheck] = {}
    documents: dict[str, AttachmentRef] = {}
    evidence: dict[str, EvidenceState] = {}  # choices and fetches; never the grant


def encode(session: FillingSession) -> dict[str, Any]:
    return SessionState(
        visited=list(session.visited),
        current_id=session.current_id,
        at_review=session.at_review,
        prefilled=sorted(session.prefilled),
        checks=dict(session.checks),
        documents=dict(session.documents),
        evidence=dict(session.evidence),
    ).model_dump(mode="json")


def decode(raw: Any) -> dict[str, Any]:
    """FillingSession keyword arguments from a stored state; {} when there is none or
    it cannot be read (the answers still resume; only the navigation starts over)."""
    if raw is None:
        return {}
    try:
        state = SessionState.model_validate(raw)
    except ValidationError as error:
        log.warning("session state unreadable, starting at the first step (%d problems)",
                    error.error_count())  # fmt: skip
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
