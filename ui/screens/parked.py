"""Parking: the code and PIN a citizen is given when leaving a draft for later, and the
screen where they (or a clerk) type them to pick the draft up."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QWidget

from ui.screens.common import button, label, page_layout, panel, refuse_entry, scrolling_page
from ui.texts import text


class ParkedCodeScreen(QWidget):
    open_requested = Signal(str, str)  # code, PIN
    cancel_requested = Signal()

    def __init__(self, locale: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = scrolling_page(self)  # large text: the page scrolls, nothing is cut
        layout.addWidget(label(text("code_title", locale), "h1"))
        layout.addWidget(label(text("code_hint", locale)))
        frame, box = panel()
        self.code = QLineEdit(self)
        self.pin = QLineEdit(self)
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(8)
        for line, key in ((self.code, "code"), (self.pin, "pin")):
            line.setAccessibleName(text(key, locale))
            box.addWidget(label(text(key, locale)))
            box.addWidget(line)
        self.error = label("", "error")
        self.error.hide()
        box.addWidget(self.error)
        layout.addWidget(frame)
        buttons = QHBoxLayout()
        self.open_button = button(text("open", locale), "primary")
        self.open_button.clicked.connect(self._open)
        self.pin.returnPressed.connect(self._open)
        self.cancel_button = button(text("cancel", locale))
        self.cancel_button.clicked.connect(self.cancel_requested)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addStretch(1)

    def _open(self) -> None:
        self.open_requested.emit(self.code.text().strip(), self.pin.text().strip())

    def show_error(self, message: str) -> None:
        """The refusal, announced; the PIN is cleared and focused for a retry."""
        refuse_entry(self.error, self.pin, message)


class ParkedTicketScreen(QWidget):
    """Shown once: the PIN is not stored in clear anywhere and cannot be shown again."""

    finished = Signal()

    def __init__(self, code: str, pin: str, locale: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = page_layout(self)
        layout.addWidget(label(text("parked_title", locale), "h1"))
        layout.addWidget(label(text("parked_hint", locale)))
        frame, box = panel()
        self.code_label = label(text("parked_code", locale, code=code), "h1")
        self.pin_label = label(text("parked_pin", locale, pin=pin), "h1")
        box.addWidget(self.code_label)
        box.addWidget(self.pin_label)
        layout.addWidget(frame)
        layout.addStretch(1)
        self.finish_button = button(text("finish", locale), "primary")
        self.finish_button.clicked.connect(self.finished)
        layout.addWidget(self.finish_button)
