"""A receipt on screen, full size, for a counter without a printer or a clerk who wants
to look before printing: «Εκτύπωση…» opens the system's print dialog, «Αποθήκευση ως
PDF» writes the receipt's own PDF where the clerk chooses (a USB stick, an e-mail
attachment later), «Πίσω στη λίστα» goes back. What is shown, printed and saved is the
one PDF kiosk.receipts rendered."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QVBoxLayout, QWidget

from ui.i18n import QT_TRANSLATE_NOOP, declare_texts
from ui.printing import PrintResult, print_with_dialog, receipt_pixmap
from ui.screens.common import button, label, page_layout, scrolling

TEXTS = declare_texts(
    "receipt_screen",
    {
        "title": QT_TRANSLATE_NOOP("receipt_screen", "Απόδειξη υποβολής"),
        "print": QT_TRANSLATE_NOOP("receipt_screen", "Εκτύπωση…"),
        "save": QT_TRANSLATE_NOOP("receipt_screen", "Αποθήκευση ως PDF"),
        "back": QT_TRANSLATE_NOOP("receipt_screen", "Πίσω στη λίστα"),
        "saved": QT_TRANSLATE_NOOP("receipt_screen", "Η απόδειξη αποθηκεύτηκε: {path}"),
        "not_saved": QT_TRANSLATE_NOOP(
            "receipt_screen", "Η απόδειξη δεν αποθηκεύτηκε ({path}): επιλέξτε άλλο φάκελο."
        ),
        # At a counter the clerk is the one to act: no «ask at the counter».
        "no_printer": QT_TRANSLATE_NOOP(
            "receipt_screen",
            "Δεν βρέθηκε εκτυπωτής. Αποθηκεύστε την απόδειξη ως PDF ή δείξτε την στην οθόνη.",
        ),
        "pdf_files": QT_TRANSLATE_NOOP("receipt_screen", "Αρχεία PDF (*.pdf)"),
    },
)
WIDTH = 820  # px: an A4 receipt's 10 pt text draws at about 15 px, a roll's larger

Printer = Callable[[bytes, QWidget], PrintResult]
AskPath = Callable[[QWidget, str, str, str], str]  # parent, title, suggested name, filter


def ask_save_path(parent: QWidget, title: str, suggested: str, pattern: str) -> str:
    return QFileDialog.getSaveFileName(parent, title, suggested, pattern)[0]


class ReceiptScreen(QWidget):
    back_requested = Signal()

    def __init__(
        self,
        pdf: bytes,
        name: str,
        locale: str,
        *,
        printer: Printer | None = None,
        ask_path: AskPath = ask_save_path,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.pdf, self.name, self.language = pdf, name, locale
        self._print = printer or print_with_dialog
        self._ask_path = ask_path
        outer = page_layout(self)
        # Back on its own line, as on the dashboard: three buttons in a row do not fit
        # 1280 px in the largest text.
        self.back_button = button(TEXTS.text("back", locale))
        self.back_button.clicked.connect(self.back_requested)
        outer.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignLeft)
        outer.addWidget(label(TEXTS.text("title", locale), "h1"))
        self.message = label("", "secondary")
        self.message.hide()
        outer.addWidget(self.message)
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 0, 0)
        self.page = label("")
        self.page.setPixmap(receipt_pixmap(pdf, width=WIDTH))
        self.page.setAccessibleName(TEXTS.text("title", locale))
        self.page.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        column.addWidget(self.page)
        outer.addWidget(scrolling(content, reading=TEXTS.text("title", locale)), 1)
        actions = QHBoxLayout()
        self.save_button = button(TEXTS.text("save", locale))
        self.save_button.clicked.connect(self.save)
        self.print_button = button(TEXTS.text("print", locale), "primary")
        self.print_button.clicked.connect(self.print_receipt)
        actions.addStretch(1)
        actions.addWidget(self.save_button)
        actions.addWidget(self.print_button)
        outer.addLayout(actions)

    def print_receipt(self) -> None:
        result = self._print(self.pdf, self)
        words = (
            TEXTS.text("no_printer", self.language)
            if result.key == "no_printer"
            else result.message(self.language)
        )
        self._say(words)

    def save(self) -> None:
        folder = Path.home() / f"{self.name}.pdf"
        chosen = self._ask_path(
            self,
            TEXTS.text("save", self.language),
            str(folder),
            TEXTS.text("pdf_files", self.language),
        )
        if not chosen:
            return  # the clerk closed the dialog
        path = Path(chosen if chosen.lower().endswith(".pdf") else f"{chosen}.pdf")
        try:
            path.write_bytes(self.pdf)
        except OSError:
            self._say(TEXTS.text("not_saved", self.language, path=path))
            return
        self._say(TEXTS.text("saved", self.language, path=path))

    def _say(self, words: str) -> None:
        self.message.setText(words)
        self.message.show()
