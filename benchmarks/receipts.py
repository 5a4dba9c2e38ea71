"""Receipt PDF generation vs. a bare reportlab page with one line, in the same run."""

from __future__ import annotations

import io
import uuid
from datetime import UTC, datetime
from decimal import Decimal

from reportlab.pdfgen.canvas import Canvas

from benchmarks.timing import median_ms
from kiosk.receipts import FeeItem, ReceiptData, render_receipt
from kiosk.receipts.render import REGULAR, register_fonts


def _bare_page() -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, initialFontName=REGULAR)
    canvas.drawString(72, 720, "Απόδειξη")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def measure(smoke: bool) -> dict[str, float]:
    register_fonts()
    repeat = 5 if smoke else 40
    data = ReceiptData(
        procedure_title="Ειδική άδεια οδήγησης ταξί (ΕΔΧ)", procedure_id="taxi-driver-licence",
        region_name="ΠΕΡΙΦΕΡΕΙΑ ΚΕΝΤΡΙΚΗΣ ΜΑΚΕΔΟΝΙΑΣ", office_name="Διεύθυνση Μεταφορών",
        submission_id=uuid.uuid4(), submitted_at=datetime.now(UTC), protocol_number="2026/000001",
        applicant_name="Μαρία Παπαδοπούλου", documents_to_bring=["Αστυνομική ταυτότητα"] * 5,
        fees=[FeeItem("Παράβολο", Decimal("50.00"))],
    )  # fmt: skip
    receipt = median_ms(lambda: render_receipt(data, "a4"), repeat)
    bare = median_ms(_bare_page, repeat)
    return {"receipt_a4_ms": receipt, "bare_page_ms": bare, "receipt_vs_bare_ratio": receipt / bare}
