from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from uuid import UUID

from kiosk.submission import FeeLine, Submission


def submission_for(submission_id: UUID, **answers: object) -> Submission:
    now = datetime(2026, 11, 22, 10, 0, tzinfo=UTC)
    return Submission(
        submission_id=submission_id,
        procedure_id="taxi-driver-licence",
        procedure_version="1.0.0",
        region_code="2",
        channel="kiosk",
        created_at=now,
        finalised_at=now,
        answers=dict(answers),
        fees=[FeeLine(fee_id="paravolo", label="Παράβολο", amount=Decimal("50.00"))],
    )
