from __future__ import annotations

import io
import uuid
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pypdfium2
import zxingcpp
from pypdf import PdfReader

from kiosk.receipts import FeeItem, ReceiptData, mask_name, render_receipt, verification_reference

SUBMISSION = uuid.UUID("245ec2e0-c8e7-4d89-b84f-01e11aaa8841")


def _receipt(**changes: Any) -> ReceiptData:
    values: dict[str, Any] = {
        "procedure_title": "Ειδική άδεια οδήγησης ταξί (ΕΔΧ)",
        "procedure_id": "taxi-driver-licence",
        "region_name": "Περιφέρεια Κεντρικής Μακεδονίας",
        "office_name": "Διεύθυνση Μεταφορών ΠΕ Θεσσαλονίκης",
        "submission_id": SUBMISSION,
        "submitted_at": datetime(2026, 11, 22, 10, 5, tzinfo=UTC),
        "protocol_number": "2026/000123",
        "applicant_name": "Μαρία Παπαδοπούλου",
        "documents_to_bring": ["Αστυνομική ταυτότητα ή ελληνικό διαβατήριο"],
        "fees": [FeeItem("Παράβολο έκδοσης άδειας", Decimal("50.00"), "2103")],
    }
    values.update(changes)
    return ReceiptData(**values)


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_a4_receipt_holds_the_greek_facts_and_masks_the_name() -> None:
    text = _text(render_receipt(_receipt(), "a4"))
    for expected in (
        "Απόδειξη υποβολής αίτησης",
        "Ειδική άδεια οδήγησης ταξί",
        "2026/000123",
        "50,00 €",
        "Αστυνομική ταυτότητα",
        "22/11/2026 12:05",
        str(SUBMISSION),
        "e-παράβολο 2103",
    ):
        assert expected in text, expected
    assert "Παπαδοπούλου" not in text and mask_name("Μαρία Παπαδοπούλου") in text


def test_offline_receipt_says_it_is_queued_and_a_reprint_shows_the_number() -> None:
    offline = _text(render_receipt(_receipt(protocol_number=None), "a4"))
    assert "θα σταλεί αυτόματα" in offline and "Αριθμός πρωτοκόλλου" not in offline
    assert "2026/000123" in _text(render_receipt(_receipt(), "a4"))


def test_every_font_is_embedded() -> None:
    for layout in ("a4", "thermal80"):
        reader = PdfReader(io.BytesIO(render_receipt(_receipt(), layout)))  # type: ignore[arg-type]
        fonts = reader.pages[0]["/Resources"]["/Font"]
        for font in fonts.values():
            font = font.get_object()
            descriptor = font["/FontDescriptor"].get_object() if "/FontDescriptor" in font else {}
            assert "/FontFile2" in descriptor, font.get("/BaseFont")


def test_thermal_receipt_is_80_mm_wide() -> None:
    page = PdfReader(io.BytesIO(render_receipt(_receipt(), "thermal80"))).pages[0]
    assert abs(float(page.mediabox.width) - 80 / 25.4 * 72) < 0.5


def test_qr_code_decodes_to_the_verification_reference_without_personal_data() -> None:
    pdf = pypdfium2.PdfDocument(render_receipt(_receipt(), "a4"))
    image = pdf[0].render(scale=3).to_pil()
    codes = zxingcpp.read_barcodes(image)
    assert [c.text for c in codes] == [verification_reference(SUBMISSION)]
    assert "Παπαδοπούλου" not in codes[0].text


def test_english_receipt() -> None:
    assert "Application receipt" in _text(render_receipt(_receipt(locale="en"), "a4"))
