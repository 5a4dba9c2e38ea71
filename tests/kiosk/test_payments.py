"""e-παράβολο codes checked offline: 20 digits, or an RF reference with right check
digits; read from a barcode on a scanned page; shown on the receipt with their state."""

from __future__ import annotations

import io
import uuid
from datetime import UTC, datetime
from decimal import Decimal

import pytest
import zxingcpp
from PIL import Image
from pypdf import PdfReader

from kiosk.payments import PaymentCode, check_code, code_from_page
from kiosk.receipts.data import FeeItem, ReceiptData
from kiosk.receipts.render import render_receipt
from kiosk.texts import RefusedError

CODE = "12345678901234567890"


def _refused(raw: str) -> RefusedError:
    with pytest.raises(RefusedError) as refused:
        check_code(raw)
    return refused.value


def test_twenty_digits_pass_as_typed_with_spaces_or_dashes() -> None:
    assert check_code("1234 5678 9012 3456 7890") == CODE
    assert check_code("12345-67890-12345-67890") == CODE


def test_a_wrong_number_of_digits_says_how_many_were_given() -> None:
    refused = _refused("123456")
    assert refused.code == "payments.digits"
    assert "6 were given" in refused.message("en") and "6-digit e-banking" in refused.message("en")


def test_rf_references_are_checked_with_iso_11649() -> None:
    assert check_code("rf11 0123 4567 8901 2345 678") == "RF110123456789012345678"
    assert _refused("RF120123456789012345678").code == "payments.rf_checksum"
    assert _refused("RF11").code == "payments.not_a_code"


def test_anything_else_is_not_a_code() -> None:
    assert _refused("ABC-123").code == "payments.not_a_code"
    assert _refused("   ").code == "payments.empty"


def test_a_code_is_read_from_a_barcode_on_a_scanned_page() -> None:
    symbol = zxingcpp.create_barcode(CODE, zxingcpp.BarcodeFormat.Code128)
    barcode = zxingcpp.write_barcode_to_image(symbol, scale=3)
    page = Image.new("L", (1200, 800), 255)
    page.paste(Image.fromarray(barcode), (100, 300))
    out = io.BytesIO()
    page.save(out, "PNG")
    assert code_from_page(out.getvalue()) == CODE
    blank = io.BytesIO()
    Image.new("L", (600, 600), 255).save(blank, "PNG")
    with pytest.raises(RefusedError, match="no_code_on_page"):
        code_from_page(blank.getvalue())


@pytest.mark.parametrize(
    ("status", "words"), [("verified", "confirmed"), ("pending", "check pending")]
)
def test_the_receipt_shows_the_code_and_its_state(status: str, words: str) -> None:
    assert PaymentCode("paravolo", CODE).status == "pending"
    data = ReceiptData(
        procedure_title="Άδεια",
        procedure_id="taxi-driver-licence",
        region_name="Κεντρικής Μακεδονίας",
        office_name="Γραφείο",
        submission_id=uuid.uuid4(),
        submitted_at=datetime(2026, 12, 1, 10, 0, tzinfo=UTC),
        protocol_number=None,
        fees=[FeeItem("Παράβολο", Decimal("50.00"), None, CODE, status)],
        locale="en",
    )
    text = PdfReader(io.BytesIO(render_receipt(data, "a4"))).pages[0].extract_text()
    assert CODE in text.replace(" ", "") and words in text
