"""A receipt again, for an application finalised earlier: rebuilt from what the store
kept (the submission as sent and the draft's answers), with the protocol number the
platform has given since, if any."""

from __future__ import annotations

from typing import Any

from kiosk.catalog.model import Procedure
from kiosk.engine.session import FillingSession
from kiosk.receipts.data import ReceiptData
from kiosk.receipts.from_session import receipt_for
from kiosk.submission import Submission


def reprint_receipt(
    procedure: Procedure,
    submission: Submission,
    stored_answers: dict[str, Any],
    protocol_number: str | None,
    *,
    office_name: str = "",
    locale: str = "el",
) -> ReceiptData:
    session = FillingSession.resume(
        procedure,
        submission.region_code,
        submission.submission_id,
        stored_answers,
        locale=locale,
    )
    return receipt_for(session, submission, protocol_number, office_name)
