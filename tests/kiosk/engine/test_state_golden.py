"""A draft saved by the previous version (pydantic) resumes where it was: its stored
session state (tests/sync/golden/session-state.json) is read, and written back with the
same keys and formats."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import msgspec

from kiosk.engine.state import SessionState, decode

GOLDEN = Path(__file__).parents[2] / "sync" / "golden" / "session-state.json"


def test_a_state_stored_by_the_previous_version_is_read_and_written_back_identically() -> None:
    stored = json.loads(GOLDEN.read_text("utf-8"))
    resumed = decode(stored)
    assert resumed["current_id"] == "vehicles_step"
    assert resumed["prefilled"] == {"surname"}
    assert resumed["checks"]["afm"].checked_at == datetime(2026, 11, 22, 9, 30, tzinfo=UTC)
    fetched = resumed["evidence"]["prefill:afm"]
    assert fetched.acting.represented.relation == "legal_representative"
    assert fetched.values == {"surname": "ΠΑΠΑΔΟΠΟΥΛΟΥ"}
    assert msgspec.convert(stored, SessionState).to_data() == stored


def test_a_state_with_keys_of_a_newer_version_still_resumes() -> None:
    stored = json.loads(GOLDEN.read_text("utf-8")) | {"zoom": 2}
    assert decode(stored)["current_id"] == "vehicles_step"


def test_a_damaged_state_starts_over_at_the_first_step() -> None:
    assert decode({"visited": "not a list"}) == {}
