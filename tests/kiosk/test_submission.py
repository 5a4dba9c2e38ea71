from __future__ import annotations

import uuid
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from msgspec import ValidationError

from kiosk.submission import FeeLine, Submission


def _submission(**changes: object) -> Submission:
    now = datetime(2026, 11, 22, 9, 30, tzinfo=UTC)
    values: dict[str, object] = {
        "submission_id": uuid.UUID("3f2b8c1e-9a4d-4e55-bb1a-0c6f1d2e3a4b"),
        "procedure_id": "taxi-driver-licence",
        "procedure_version": "1.0.0",
        "region_code": "9",
        "channel": "kiosk",
        "created_at": now,
        "finalised_at": now,
        "answers": {"surname": "Παπαδοπούλου", "first_issue": True},
        "fees": [FeeLine(fee_id="paravolo", label="Παράβολο", amount=Decimal("30.00"))],
    }
    values.update(changes)
    return Submission.from_data(values)


def test_same_submission_serialises_to_identical_bytes() -> None:
    assert _submission().to_json_bytes() == _submission().to_json_bytes()


def test_round_trip_keeps_greek_answers_and_total_fee() -> None:
    original = _submission()
    again = Submission.from_json_bytes(original.to_json_bytes())
    assert again == original
    assert again.answers["surname"] == "Παπαδοπούλου"
    assert again.total_fee == Decimal("30.00")
    assert b'"schema":"periferia.submission/1"' in original.to_json_bytes()


def test_unknown_channel_is_refused() -> None:
    with pytest.raises(ValidationError):
        _submission(channel="web")
