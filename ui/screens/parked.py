"""Parking: the code and PIN a citizen is given when leaving a draft for later, and the
screen where they (or a clerk) type them to pick the draft up."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QWidget

from ui.screens.common import button, label, page_layout, panel, refuse_entry, scrolling_page
from ui.texts import text

# The code is Latin capitals and digits: the keyboards open on Latin (Qt's honours the
# hint; ours reads it, ui/widgets/onscreen_keyboard.py), and the backend still reads
# Greek look-alikes typed on a Greek layout as their Latin letters.
CODE_HINTS = (
    Qt.InputMethodHint.ImhLatinOnly
    | Qt.InputMethodHint.ImhPreferUppercase
    | Qt.InputMethodHint.ImhNoPredictiveText
    | Qt.InputMethodHint.ImhNoAutoUppercase
)
POLL_MS = 1000  # how often the ticket looks whether the copy has reached the platform


class ParkedCodeScreen(QWidget):
    open_requested = Signal(str, str)  # code, PIN
    cancel_requested = Signal()

    def __init__(self, locale: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.language = locale
        layout = scrolling_page(self)  # large text: the page scrolls, nothing is cut
        layout.addWidget(label(text("code_title", locale), "h1"))
        layout.addWidget(label(text("code_hint", locale)))
        frame, box = panel()
        self.code = QLineEdit(self)
        self.code.setInputMethodHints(CODE_HINTS)
        self.code.setMaxLength(16)  # 8 characters, the dash and spaces people type
        self.pin = QLineEdit(self)
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setInputMethodHints(
            Qt.InputMethodHint.ImhDigitsOnly | Qt.InputMethodHint.ImhSensitiveData
        )
        self.pin.setMaxLength(8)
        for line, key in ((self.code, "code"), (self.pin, "pin")):
            line.setAccessibleName(text(key, locale))
            box.addWidget(label(text(key, locale)))
            box.addWidget(line)
        self.progress = label(text("opening_parked", locale))
        self.progress.hide()
        box.addWidget(self.progress)
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
        if self.open_button.isEnabled():
            self.open_requested.emit(self.code.text().strip(), self.pin.text().strip())

    def show_busy(self) -> None:
        """The platform and scrypt are working (off the GUI thread): say so, take no
        second press."""
        self.error.hide()
        self.progress.show()
        self.open_button.setEnabled(False)

    def show_error(self, message: str) -> None:
        """The refusal, announced; the PIN is cleared and focused for a retry."""
        self.progress.hide()
        self.open_button.setEnabled(True)
        refuse_entry(self.error, self.pin, message)


class ParkedTicketScreen(QWidget):
    """Shown once: the PIN is not stored in clear anywhere and cannot be shown again.

    `sent()` says where the draft can be continued: None, only here (no platform); False,
    not on the platform yet (here now, at a counter once sent); True, anywhere in the
    office. The ticket looks again every second until it is True."""

    finished = Signal()

    def __init__(
        self,
        code: str,
        pin: str,
        locale: str,
        parent: QWidget | None = None,
        sent: Callable[[], bool | None] = lambda: None,
    ) -> None:
        super().__init__(parent)
        self.language, self._sent = locale, sent
        layout = page_layout(self)
        layout.addWidget(label(text("parked_title", locale), "h1"))
        layout.addWidget(label(text("parked_hint", locale)))
        frame, box = panel()
        self.code_label = label(text("parked_code", locale, code=code), "h1")
        self.code_label.setAccessibleName(text("parked_code", locale, code=" ".join(code)))
        self.pin_label = label(text("parked_pin", locale, pin=pin), "h1")
        box.addWidget(self.code_label)
        box.addWidget(self.pin_label)
        self.where = label("")
        box.addWidget(self.where)
        layout.addWidget(frame)
        layout.addStretch(1)
        self.finish_button = button(text("finish", locale), "primary")
        self.finish_button.clicked.connect(self.finished)
        layout.addWidget(self.finish_button)
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self.refresh)
        self.refresh(first=True)

    def refresh(self, first: bool = False) -> None:
        state = self._sent()
        key = {None: "parked_here", True: "parked_sent", False: "parked_waiting"}[state]
        if first and state is False:
            key = "parked_sending"  # the first try is under way
        self.where.setText(text(key, self.language))
        if state is False and not self._poll.isActive():
            self._poll.start()
        elif state is not False:
            self._poll.stop()

    def settle(self) -> None:
        """The first try is over: from now on, the truth as it is."""
        self.refresh()
