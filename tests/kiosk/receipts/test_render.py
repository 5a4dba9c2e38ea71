"""Receipts are read back as a citizen's phone or a clerk would: the PDF's text (pypdf),
its fonts, its page size, and the QR code decoded from the rendered page (PDFium + zxing)."""

from __future__ import annotations

import io
from typing import Any

import pypdfium2
import pytest
import zxingcpp
from pypdf import PdfReader
from pypdf.generic import DictionaryObject, IndirectObject

from kiosk.receipts import ReceiptData, render_receipt, verification_reference
from tests.kiosk.receipts.sample import NAME, SUBMISSION, receipt

LAYOUTS = ("a4", "thermal80")


def _text(pdf: bytes) -> str:
    """All pages' text with wrapped lines joined: phrases are looked up across a wrap."""
    pages = PdfReader(io.BytesIO(pdf)).pages
    return " ".join(" ".join(page.extract_text() for page in pages).split())


def _qr_codes(pdf: bytes) -> list[str]:
    page = pypdfium2.PdfDocument(pdf)[0]
    return [code.text for code in zxingcpp.read_barcodes(page.render(scale=3).to_pil())]


def _fonts(pdf: bytes) -> list[DictionaryObject]:
    """Every font dictionary in the file, referenced from a page or not."""
    reader = PdfReader(io.BytesIO(pdf))
    fonts = []
    for number in range(1, len(reader.xref_objStm) + 200):
        try:
            found: Any = reader.get_object(IndirectObject(number, 0, reader))
        except Exception:
            continue
        if isinstance(found, DictionaryObject) and found.get("/Type") == "/Font":
            fonts.append(found)
    return fonts


@pytest.mark.parametrize("layout", LAYOUTS)
def test_receipt_holds_the_greek_facts_in_either_layout(layout: str) -> None:
    text = _text(render_receipt(receipt(), layout))  # type: ignore[arg-type]
    for expected in (
        "ΠΕΡΙΦΕΡΕΙΑ ΚΕΝΤΡΙΚΗΣ ΜΑΚΕΔΟΝΙΑΣ",
        "Διεύθυνση Μεταφορών",
        "Απόδειξη υποβολής αίτησης",
        "Ειδική άδεια οδήγησης ταξί",
        "Αριθμός πρωτοκόλλου",
        "2026/000123",
        "22/11/2026 12:05 (ώρα Ελλάδας)",  # 10:05 UTC is 12:05 in Athens in November
        str(SUBMISSION)[:8].upper(),  # the application's code, as the screen shows it
        "Αστυνομική ταυτότητα",
        "50,00 €",
        "Κωδικός e-παραβόλου: 123456789012",
        "Πληρώστε με κάρτα",
        "https://www.gov.gr/periferia/status",
    ):
        assert expected in text, expected


def test_summer_time_is_shown_in_athens_time() -> None:
    from datetime import UTC, datetime

    july = receipt(submitted_at=datetime(2026, 7, 1, 21, 30, tzinfo=UTC))
    assert "02/07/2026 00:30" in _text(render_receipt(july, "a4"))


@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_applicant_name_is_masked(layout: str) -> None:
    text = _text(render_receipt(receipt(), layout))  # type: ignore[arg-type]
    assert "Μ**** Π***********" in text
    assert "Μαρία" not in text and "Παπαδοπούλου" not in text


def test_offline_receipt_says_it_is_queued_and_a_reprint_after_sync_shows_the_number() -> None:
    offline = _text(render_receipt(receipt(protocol_number=None, queued_offline=True), "a4"))
    assert (
        "Σε αναμονή αποστολής" in offline
        and "Θα σταλεί αυτόματα μόλις επανέλθει η σύνδεση" in offline
    )
    assert "Αριθμός πρωτοκόλλου" not in offline and "2026/000123" not in offline
    reprint = _text(render_receipt(receipt(), "a4"))
    assert "2026/000123" in reprint and "αναμονή" not in reprint


def test_a_sent_receipt_without_its_number_yet_does_not_claim_to_be_queued() -> None:
    text = _text(render_receipt(receipt(protocol_number=None), "thermal80"))
    assert "Η αίτηση στάλθηκε" in text and "αναμονή" not in text


def test_english_layout_speaks_english() -> None:
    online = _text(render_receipt(receipt(locale="en"), "a4"))
    assert "Application receipt" in online and "Protocol number" in online
    assert "€50.00" in online and "e-Paravolo code: 123456789012" in online
    assert "Απόδειξη" not in online
    offline = _text(render_receipt(receipt(locale="en", protocol_number=None, queued_offline=True)))
    assert "will be sent automatically when the connection returns" in offline


@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_font_in_the_file_is_embedded(layout: str) -> None:
    fonts = _fonts(render_receipt(receipt(), layout))  # type: ignore[arg-type]
    assert fonts, "no font dictionary found: the check would pass vacuously"
    for font in fonts:
        descriptor = font["/FontDescriptor"].get_object() if "/FontDescriptor" in font else {}
        assert "/FontFile2" in descriptor, f"{font.get('/BaseFont')} is not embedded"
        assert "Helvetica" not in str(font.get("/BaseFont"))


def test_thermal_receipt_is_80_mm_wide_and_as_long_as_its_content() -> None:
    short = PdfReader(io.BytesIO(render_receipt(receipt(), "thermal80"))).pages[0]
    assert abs(float(short.mediabox.width) - 80 / 25.4 * 72) < 0.5
    many = receipt(documents_to_bring=[f"Έγγραφο αριθμός {n}" for n in range(30)])
    long = PdfReader(io.BytesIO(render_receipt(many, "thermal80"))).pages[0]
    assert float(long.mediabox.height) > float(short.mediabox.height) + 200


@pytest.mark.parametrize("layout", LAYOUTS)
def test_qr_code_decodes_to_the_verification_reference_without_personal_data(
    layout: str,
) -> None:
    codes = _qr_codes(render_receipt(receipt(), layout))  # type: ignore[arg-type]
    assert codes == [verification_reference(SUBMISSION)]
    assert str(SUBMISSION) in codes[0]
    for word in NAME.split():
        assert word not in codes[0]


def test_thermal_qr_code_survives_a_long_receipt() -> None:
    many = receipt(documents_to_bring=[f"Έγγραφο αριθμός {n}" for n in range(30)])
    assert _qr_codes(render_receipt(many, "thermal80")) == [verification_reference(SUBMISSION)]


def test_a_long_a4_receipt_continues_on_a_second_page() -> None:
    many = receipt(documents_to_bring=[f"Έγγραφο αριθμός {n}" for n in range(60)])
    reader = PdfReader(io.BytesIO(render_receipt(many, "a4")))
    assert len(reader.pages) == 2
    assert "Έγγραφο αριθμός 59" in reader.pages[1].extract_text()


def test_no_documents_and_no_fee_are_said_plainly() -> None:
    text = _text(render_receipt(receipt(documents_to_bring=[], fees=[]), "a4"))
    assert "Κανένα: η υπηρεσία έχει ό,τι χρειάζεται." in text and "Χωρίς κόστος." in text


def test_unknown_layout_is_refused_by_name() -> None:
    with pytest.raises(ValueError, match="'a5'"):
        render_receipt(receipt(), "a5")  # type: ignore[arg-type]


def test_receipt_data_refuses_a_time_without_zone_and_a_queued_receipt_with_a_number() -> None:
    from datetime import datetime

    with pytest.raises(ValueError, match="submitted_at"):
        receipt(submitted_at=datetime(2026, 11, 22, 10, 5))
    with pytest.raises(ValueError, match="queued_offline"):
        receipt(queued_offline=True)
    with pytest.raises(ValueError, match="locale"):
        receipt(locale="fr")


def test_receipt_data_is_frozen() -> None:
    data: ReceiptData = receipt()
    with pytest.raises(AttributeError):
        data.protocol_number = "x"  # type: ignore[misc]


@pytest.mark.parametrize("layout", ["a4", "thermal80"])
def test_the_receipt_shows_the_short_code_the_screen_shows(layout: str) -> None:
    from kiosk.receipts.data import short_reference

    text = _text(render_receipt(receipt(), layout))  # type: ignore[arg-type]
    assert short_reference(SUBMISSION) in text  # «33191DC2», as on the screen
    # The whole id only in the QR and the verification address (for machines).
    assert str(SUBMISSION) not in text.replace(verification_reference(SUBMISSION), "")
