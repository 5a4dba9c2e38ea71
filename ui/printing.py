"""Printing receipts through QPrinter: a print dialog at counters, silent printing to the
configured printer at kiosks (found by name with QPrinterInfo).

QPrinter cannot print a PDF file, so each page is rasterised and painted. QtPdf
(QPdfDocument) would be the natural renderer, but the PySide6-Essentials/Addons wheels do
not ship it (`import PySide6.QtPdf` fails), so PDFium through pypdfium2 renders the
pages: what is printed is exactly the receipt PDF. The printer's page is set to the PDF's
own page size (80 mm roll or A4) and painted edge to edge, so the receipt keeps its scale.

Every failure comes back as a `PrintResult` with a message for the person (Greek, and
English through the translations), never an exception on screen; the caller then shows
the receipt on screen (`receipt_pixmap`) so the applicant still leaves with the
information."""

from __future__ import annotations

from collections.abc import Callable

import msgspec
from PySide6.QtCore import QRectF, QSizeF, Qt
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter, QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import QWidget

from ui.i18n import QT_TRANSLATE_NOOP, declare_texts

# Sharp enough for text on any receipt printer (thermal heads are 203 dpi) without
# building a 1200 dpi bitmap of an A4 page (~560 MB) for a HighResolution printer.
MAX_RASTER_DPI = 300
SCREEN_DPI = 110


# The person's messages, through the translation system (ui/i18n.py).
MESSAGES = declare_texts(
    "printing",
    {
        "printed": QT_TRANSLATE_NOOP("printing", "Η απόδειξη εκτυπώθηκε."),
        "no_printer": QT_TRANSLATE_NOOP(
            "printing",
            "Δεν βρέθηκε εκτυπωτής. Η απόδειξη εμφανίζεται στην οθόνη· "
            "ζητήστε αντίγραφο στο γκισέ.",
        ),
        "not_ready": QT_TRANSLATE_NOOP(
            "printing",
            "Ο εκτυπωτής δεν είναι έτοιμος (χαρτί, καπάκι ή σύνδεση). "
            "Η απόδειξη εμφανίζεται στην οθόνη· ζητήστε αντίγραφο στο γκισέ.",
        ),
        "failed": QT_TRANSLATE_NOOP(
            "printing",
            "Η εκτύπωση απέτυχε. Η απόδειξη εμφανίζεται στην οθόνη· "
            "η αίτησή σας έχει καταχωριστεί.",
        ),
        "cancelled": QT_TRANSLATE_NOOP("printing", "Η εκτύπωση ακυρώθηκε."),
    },
)


class PrintResult(msgspec.Struct, frozen=True):
    ok: bool
    key: str

    def message(self, locale: str) -> str:
        return MESSAGES.text(self.key, locale)


PRINTED = PrintResult(True, "printed")
NO_PRINTER = PrintResult(False, "no_printer")
NOT_READY = PrintResult(False, "not_ready")
FAILED = PrintResult(False, "failed")
CANCELLED = PrintResult(False, "cancelled")

_BAD_STATES = (QPrinter.PrinterState.Error, QPrinter.PrinterState.Aborted)


def pdf_pages(pdf: bytes, dpi: float) -> list[QImage]:
    """Each page of the PDF as an image at `dpi`, with its size in points kept in the
    image's dots-per-metre so the printer page can be sized to match."""
    import pypdfium2  # loaded on first print, not at start-up

    document = pypdfium2.PdfDocument(pdf)
    try:
        images = []
        for page in document:
            bitmap = page.render(scale=dpi / 72).to_pil().convert("RGB")
            raw = bitmap.tobytes("raw", "RGB")
            image = QImage(
                raw, bitmap.width, bitmap.height, bitmap.width * 3, QImage.Format.Format_RGB888
            ).copy()  # own the pixels: `raw` goes away
            dots_per_metre = round(dpi / 0.0254)
            image.setDotsPerMeterX(dots_per_metre)
            image.setDotsPerMeterY(dots_per_metre)
            images.append(image)
        return images
    finally:
        document.close()


def page_size_points(image: QImage) -> QSizeF:
    dpi = image.dotsPerMeterX() * 0.0254
    return QSizeF(image.width() * 72 / dpi, image.height() * 72 / dpi)


def receipt_image(pdf: bytes, dpi: float = SCREEN_DPI) -> QImage:
    """The first page for the screen: shown when there is no printer or printing failed."""
    return pdf_pages(pdf, dpi)[0]


def receipt_pixmap(pdf: bytes, width: int) -> QPixmap:
    """The first page scaled to `width` pixels, for a label on the done screen."""
    page = receipt_image(pdf, dpi=max(SCREEN_DPI, width / 3))
    return QPixmap.fromImage(page.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation))


def fit_to_receipt(printer: QPrinter, pdf: bytes) -> None:
    """The printer's page becomes the receipt's page (80 mm roll, A4), without margins:
    the receipt carries its own."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        width, height = document[0].get_size()  # points
    finally:
        document.close()
    # Fuzzy match (the default): an A4 receipt becomes the printer's own A4.
    printer.setPageSize(QPageSize(QSizeF(width, height), QPageSize.Unit.Point, "Receipt"))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    printer.setFullPage(True)


def paint(pdf: bytes, printer: QPrinter) -> PrintResult:
    """Paint every page of the PDF onto `printer`, edge to edge, at the receipt's scale."""
    dpi = min(printer.resolution(), MAX_RASTER_DPI)
    pages = pdf_pages(pdf, dpi)
    painter = QPainter()
    if not painter.begin(printer):  # no device, no file, or the spooler refused the job
        return FAILED
    try:
        for number, image in enumerate(pages):
            if number and not printer.newPage():
                return FAILED
            target = printer.pageLayout().fullRectPixels(printer.resolution())
            points = page_size_points(image)
            scale = printer.resolution() / 72
            painter.drawImage(
                QRectF(0, 0, min(target.width(), points.width() * scale), points.height() * scale),
                image,
            )
    finally:
        painter.end()
    if printer.printerState() in _BAD_STATES:
        return FAILED
    return PRINTED


def print_silently(pdf: bytes, printer_name: str | None) -> PrintResult:
    """Kiosk: straight to the configured printer, no dialog."""
    if not printer_name:
        return NO_PRINTER
    info = QPrinterInfo.printerInfo(printer_name)
    if info.isNull():
        return NO_PRINTER
    if info.state() in _BAD_STATES:  # CUPS reports paper out, cover open, offline as these
        return NOT_READY
    printer = QPrinter(info, QPrinter.PrinterMode.HighResolution)
    fit_to_receipt(printer, pdf)
    return paint(pdf, printer)


def print_with_dialog(
    pdf: bytes,
    parent: QWidget | None = None,
    *,
    printer: QPrinter | None = None,
    ask: Callable[[QPrintDialog], int] = QPrintDialog.exec,
) -> PrintResult:
    """Counter: the clerk picks the printer and copies. `printer` and `ask` are for tests
    (a PDF-file printer; a dialog answered without a person)."""
    if printer is None:
        if not QPrinterInfo.availablePrinterNames():
            return NO_PRINTER
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    fit_to_receipt(printer, pdf)
    dialog = QPrintDialog(printer, parent)
    if ask(dialog) != QPrintDialog.DialogCode.Accepted.value:
        return CANCELLED
    return paint(pdf, printer)
