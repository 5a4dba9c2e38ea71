"""Printing cannot reach a real printer here (no CUPS): QPrinter writes a PDF file
instead, which is read back; the kiosk's missing-printer path is tested as it is."""

from __future__ import annotations

import io
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot

from kiosk.receipts import ReceiptData, render_receipt
from ui import printing


@pytest.fixture
def receipt_pdf() -> bytes:
    data = ReceiptData(
        procedure_title="Ειδική άδεια οδήγησης ταξί",
        procedure_id="taxi-driver-licence",
        region_name="ΠΕΡΙΦΕΡΕΙΑ ΚΕΝΤΡΙΚΗΣ ΜΑΚΕΔΟΝΙΑΣ",
        office_name="Διεύθυνση Μεταφορών",
        submission_id=uuid.uuid4(),
        submitted_at=datetime.now(UTC),
    )
    return render_receipt(data, "thermal80")


def test_receipt_is_painted_onto_the_printer_page(
    qtbot: QtBot, tmp_path: Path, receipt_pdf: bytes
) -> None:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert printing.paint(receipt_pdf, printer) == printing.PRINTED
    printed = (tmp_path / "printed.pdf").read_bytes()
    assert len(PdfReader(io.BytesIO(printed)).pages) == 1
    assert len(printed) > 20_000  # the page carries the rasterised receipt, not a blank


def test_a_kiosk_without_its_printer_gets_a_clear_message(qtbot: QtBot, receipt_pdf: bytes) -> None:
    result = printing.print_silently(receipt_pdf, "Receipt-Printer-01")
    assert not result.ok and "Δεν βρέθηκε εκτυπωτής" in result.message("el")
    assert "No printer" in printing.print_silently(receipt_pdf, None).message("en")


def test_the_receipt_can_be_shown_on_screen_instead(qtbot: QtBot, receipt_pdf: bytes) -> None:
    pixmap = printing.receipt_pixmap(receipt_pdf, width=400)
    assert pixmap.width() == 400 and pixmap.height() > 400


def test_counter_dialog_reports_no_printer_without_opening(
    qtbot: QtBot, receipt_pdf: bytes
) -> None:
    assert printing.print_with_dialog(receipt_pdf) == printing.NO_PRINTER
