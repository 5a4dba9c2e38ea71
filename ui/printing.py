"""Printing receipts through QPrinter: a print dialog at counters, silent printing to
the configured printer at kiosks. Pages are rasterised with pypdfium2 (Qt's own PDF
module is not in the PySide6 wheels), so what is printed is exactly the receipt PDF.
Every failure comes back as a message for the person, never an exception on screen."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QImage, QPainter, QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import QWidget

PRINT_DPI = 203  # thermal printers' resolution; plenty for A4 text too


@dataclass(frozen=True)
class PrintResult:
    ok: bool
    el: str
    en: str

    def message(self, locale: str) -> str:
        return self.en if locale == "en" else self.el


PRINTED = PrintResult(True, "Η απόδειξη εκτυπώθηκε.", "The receipt was printed.")
NO_PRINTER = PrintResult(
    False,
    "Δεν βρέθηκε εκτυπωτής. Η απόδειξη εμφανίζεται στην οθόνη· ζητήστε αντίγραφο στο γκισέ.",
    "No printer was found. The receipt is shown on screen; ask at the counter for a copy.",
)
CANCELLED = PrintResult(False, "Η εκτύπωση ακυρώθηκε.", "Printing was cancelled.")
FAILED = PrintResult(
    False,
    "Η εκτύπωση απέτυχε (χαρτί ή εκτυπωτής). Η απόδειξη εμφανίζεται στην οθόνη.",
    "Printing failed (paper or printer). The receipt is shown on screen.",
)


def pdf_pages(pdf: bytes, dpi: int = PRINT_DPI) -> list[QImage]:
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    images = []
    for page in document:
        bitmap = page.render(scale=dpi / 72).to_pil().convert("RGB")
        data = bitmap.tobytes("raw", "RGB")
        image = QImage(
            data, bitmap.width, bitmap.height, bitmap.width * 3, QImage.Format.Format_RGB888
        )
        images.append(image.copy())  # own the pixels: `data` goes away
    return images


def receipt_pixmap(pdf: bytes, width: int) -> QPixmap:
    """The first page, scaled for showing on screen when there is no printer."""
    page = pdf_pages(pdf, dpi=110)[0]
    return QPixmap.fromImage(page.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation))


def paint(pdf: bytes, printer: QPrinter) -> PrintResult:
    painter = QPainter()
    if not painter.begin(printer):
        return FAILED
    try:
        for number, image in enumerate(pdf_pages(pdf)):
            if number and not printer.newPage():
                return FAILED
            target = printer.pageLayout().paintRectPixels(printer.resolution())
            scaled = image.scaled(
                target.size(),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
            painter.drawImage(QRect(0, 0, scaled.width(), scaled.height()), scaled)
    finally:
        painter.end()
    return PRINTED


def print_silently(pdf: bytes, printer_name: str | None) -> PrintResult:
    """Kiosk: straight to the configured printer, no dialog."""
    if not printer_name:
        return NO_PRINTER
    info = QPrinterInfo.printerInfo(printer_name)
    if info.isNull():
        return NO_PRINTER
    return paint(pdf, QPrinter(info, QPrinter.PrinterMode.HighResolution))


def print_with_dialog(pdf: bytes, parent: QWidget | None = None) -> PrintResult:
    """Counter: the clerk picks the printer and copies."""
    if not QPrinterInfo.availablePrinterNames():
        return NO_PRINTER
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    if QPrintDialog(printer, parent).exec() != QPrintDialog.DialogCode.Accepted:
        return CANCELLED
    return paint(pdf, printer)
