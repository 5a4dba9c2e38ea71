"""One realistic receipt for the tests, changed field by field."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from kiosk.receipts import FeeItem, ReceiptData

SUBMISSION = uuid.UUID("245ec2e0-c8e7-4d89-b84f-01e11aaa8841")
NAME = "Μαρία Παπαδοπούλου"


def receipt(**changes: Any) -> ReceiptData:
    values: dict[str, Any] = {
        "procedure_title": "Ειδική άδεια οδήγησης ταξί (ΕΔΧ)",
        "procedure_id": "742507",
        "region_name": "ΠΕΡΙΦΕΡΕΙΑ ΚΕΝΤΡΙΚΗΣ ΜΑΚΕΔΟΝΙΑΣ",
        "office_name": "Διεύθυνση Μεταφορών ΠΕ Θεσσαλονίκης",
        "submission_id": SUBMISSION,
        "submitted_at": datetime(2026, 11, 22, 10, 5, tzinfo=UTC),
        "protocol_number": "2026/000123",
        "applicant_name": NAME,
        "documents_to_bring": ["Αστυνομική ταυτότητα ή ελληνικό διαβατήριο"],
        "fees": [FeeItem("Παράβολο έκδοσης άδειας", Decimal("50.00"), "123456789012")],
        "payment_instructions": "Πληρώστε με κάρτα ή web banking πριν έρθετε.",
        "status_url": "https://www.gov.gr/periferia/status",
    }
    values.update(changes)
    return ReceiptData(**values)
