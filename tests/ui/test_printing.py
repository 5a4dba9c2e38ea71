"""Printing cannot reach a real printer here (no CUPS): QPrinter writes a PDF file
instead, which is read back; the missing printer and the failed job are tested as they
happen on a device, and the print dialog is answered by the test, not clicked."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image
from pypdf import PdfReader
from PySide6.QtGui import QImage
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from pytestqt.qtbot import QtBot

from kiosk.receipts import render_receipt, verification_reference
from tests.kiosk.receipts.sample import SUBMISSION, receipt
from ui import printing

MM = 72 / 25.4


@pytest.fixture
def roll_pdf() -> bytes:
    return render_receipt(receipt(), "thermal80")


def _pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def _decode(image: QImage) -> list[str]:
    image = image.convertToFormat(QImage.Format.Format_RGB888)
    pixels = Image.frombytes(
        "RGB", (image.width(), image.height()), bytes(image.constBits()), "raw", "RGB",
        image.bytesPerLine(),
    )  # fmt: skip
    return [code.text for code in zxingcpp.read_barcodes(pixels)]


def test_a_roll_receipt_prints_on_an_80_mm_page_at_its_own_scale(
    qtbot: QtBot, tmp_path: Path, roll_pdf: bytes
) -> None:
    printer = _pdf_printer(tmp_path / "printed.pdf")
    printing.fit_to_receipt(printer, roll_pdf)
    assert printing.paint(roll_pdf, printer) == printing.PRINTED
    printed = PdfReader(tmp_path / "printed.pdf")
    source = PdfReader(io.BytesIO(roll_pdf)).pages[0]
    assert len(printed.pages) == 1
    page = printed.pages[0]
    assert abs(float(page.mediabox.width) - 80 * MM) < 1
    assert abs(float(page.mediabox.height) - float(source.mediabox.height)) < 1
    assert "/XObject" in page["/Resources"]  # the receipt went on as an image


def test_an_a4_receipt_prints_on_a4(qtbot: QtBot, tmp_path: Path) -> None:
    pdf = render_receipt(receipt(), "a4")
    printer = _pdf_printer(tmp_path / "a4.pdf")
    printing.fit_to_receipt(printer, pdf)
    assert printing.paint(pdf, printer) == printing.PRINTED
    page = PdfReader(tmp_path / "a4.pdf").pages[0]
    assert abs(float(page.mediabox.width) - 210 * MM) < 1
    assert abs(float(page.mediabox.height) - 297 * MM) < 1


def test_a_kiosk_without_its_printer_gets_a_clear_message(qtbot: QtBot, roll_pdf: bytes) -> None:
    result = printing.print_silently(roll_pdf, "Receipt-Printer-01")
    assert result == printing.NO_PRINTER
    assert "Δεν βρέθηκε εκτυπωτής" in result.message("el")
    assert "No printer" in printing.print_silently(roll_pdf, None).message("en")


# Qt says so when the printer refuses the job: that refusal is what this test provokes.
@pytest.mark.qt_log_ignore(r"QPainter::begin\(\): Returned false")
def test_a_job_the_printer_refuses_is_reported_as_failed(
    qtbot: QtBot, tmp_path: Path, roll_pdf: bytes
) -> None:
    printer = _pdf_printer(tmp_path / "no such folder" / "printed.pdf")
    result = printing.paint(roll_pdf, printer)
    assert result == printing.FAILED and not result.ok
    assert "Η εκτύπωση απέτυχε" in result.message("el")
    assert "Printing failed" in result.message("en")


def test_the_receipt_shown_on_screen_instead_is_readable(qtbot: QtBot, roll_pdf: bytes) -> None:
    pixmap = printing.receipt_pixmap(roll_pdf, width=400)
    assert pixmap.width() == 400 and pixmap.height() > 2 * 400
    assert _decode(printing.receipt_image(roll_pdf, dpi=200)) == [
        verification_reference(SUBMISSION)
    ]


def test_counter_dialog_reports_no_printer_without_opening(qtbot: QtBot, roll_pdf: bytes) -> None:
    assert printing.print_with_dialog(roll_pdf) == printing.NO_PRINTER


def test_counter_dialog_prints_when_accepted_and_not_when_cancelled(
    qtbot: QtBot, tmp_path: Path
) -> None:
    pdf = render_receipt(receipt(), "a4")
    accepted = _pdf_printer(tmp_path / "accepted.pdf")
    result = printing.print_with_dialog(
        pdf, printer=accepted, ask=lambda _: QPrintDialog.DialogCode.Accepted.value
    )
    assert result == printing.PRINTED and (tmp_path / "accepted.pdf").stat().st_size > 10_000
    cancelled = _pdf_printer(tmp_path / "cancelled.pdf")
    result = printing.print_with_dialog(
        pdf, printer=cancelled, ask=lambda _: QPrintDialog.DialogCode.Rejected.value
    )
    assert result == printing.CANCELLED and not (tmp_path / "cancelled.pdf").exists()
