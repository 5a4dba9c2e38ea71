"""Receipt PDFs (A4 and 80 mm roll) against a bare reportlab page with one line of the
same embedded font, made in the same run: the ratio is what to compare across machines.
Font registration (~30 ms, once per process) is done before timing, as in the app."""

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


def _sample() -> ReceiptData:
    return ReceiptData(
        procedure_title="Ειδική άδεια οδήγησης ταξί (ΕΔΧ)",
        procedure_id="742507",
        region_name="ΠΕΡΙΦΕΡΕΙΑ ΚΕΝΤΡΙΚΗΣ ΜΑΚΕΔΟΝΙΑΣ",
        office_name="Διεύθυνση Μεταφορών ΠΕ Θεσσαλονίκης",
        submission_id=uuid.uuid4(),
        submitted_at=datetime.now(UTC),
        protocol_number="2026/000001",
        applicant_name="Μαρία Παπαδοπούλου",
        documents_to_bring=[f"Αστυνομική ταυτότητα, αντίγραφο {n}" for n in range(5)],
        fees=[
            FeeItem("Παράβολο", Decimal("50.00"), "123456789012"),
            FeeItem("Χαρτόσημο", Decimal("3.60")),
        ],
        payment_instructions="Πληρώστε το e-παράβολο με κάρτα ή web banking.",
    )


def measure(smoke: bool) -> dict[str, float]:
    register_fonts()
    repeat = 3 if smoke else 40
    data = _sample()
    render_receipt(data, "a4")  # warm: first-use caches inside reportlab
    a4 = median_ms(lambda: render_receipt(data, "a4"), repeat)
    thermal = median_ms(lambda: render_receipt(data, "thermal80"), repeat)
    bare = median_ms(_bare_page, repeat)
    return {
        "receipt_a4_ms": a4,
        "receipt_thermal80_ms": thermal,
        "bare_page_ms": bare,
        "receipt_vs_bare_ratio": a4 / bare,
    }
