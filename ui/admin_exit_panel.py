"""The PIN panel of the kiosk's hidden administrator exit (opened by ui.admin_exit)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRegularExpression
from PySide6.QtGui import QAccessible, QAccessibleEvent, QRegularExpressionValidator
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from ui.admin_exit import Check
from ui.background import Background
from ui.i18n import QT_TRANSLATE_NOOP, declare_texts
from ui.screens.common import button, label, refuse_entry
from ui.texts import text
from ui.widgets.modal import Modal

TEXTS = declare_texts(
    "admin",
    {
        "title": QT_TRANSLATE_NOOP("admin", "Έξοδος διαχειριστή"),
        "pin": QT_TRANSLATE_NOOP("admin", "PIN διαχειριστή"),
        "leave": QT_TRANSLATE_NOOP("admin", "Κλείσιμο εφαρμογής"),
    },
)


class AdminExitPanel(QFrame):
    """The PIN entry, over the current screen; checked on a worker thread (scrypt)."""

    def __init__(
        self, window: QWidget, check: Check, locale: Callable[[], str], leave: Callable[[], None]
    ) -> None:
        super().__init__(window)
        self.setObjectName("panel")
        self._check, self._locale, self._leave = check, locale, leave
        self._worker = Background(self)
        layout = QVBoxLayout(self)
        self.title = label("", "h1")
        self.pin = QLineEdit(self)
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,12}"), self))
        self.pin.returnPressed.connect(self._submit)
        self.pin_label = label("")
        self.error = label("", "error")
        self.error.hide()
        self.leave_button = button("", "primary")
        self.leave_button.clicked.connect(self._submit)
        self.cancel_button = button("")
        self.cancel_button.clicked.connect(self.close_panel)
        row = QHBoxLayout()
        row.addWidget(self.cancel_button)
        row.addWidget(self.leave_button)
        for widget in (self.title, self.pin_label, self.pin, self.error):
            layout.addWidget(widget)
        layout.addLayout(row)
        self.hide()
        self.modal = Modal(self)

    def open_panel(self) -> None:
        locale = self._locale()
        words = {key: TEXTS.text(key, locale) for key in TEXTS}
        words["cancel"] = text("cancel", locale)
        self.title.setText(words["title"])
        self.pin_label.setText(words["pin"])
        self.pin.setAccessibleName(words["pin"])
        self.leave_button.setText(words["leave"])
        self.leave_button.setAccessibleName(words["leave"])
        self.cancel_button.setText(words["cancel"])
        self.cancel_button.setAccessibleName(words["cancel"])
        self.pin.clear()
        self.error.hide()
        self.show()
        self.raise_()
        self.pin.setFocus()
        QAccessible.updateAccessibility(QAccessibleEvent(self.title, QAccessible.Event.Alert))

    def close_panel(self) -> None:
        self.pin.clear()  # the PIN leaves no trace on screen
        self.hide()

    def _submit(self) -> None:
        if self._worker.busy:
            return
        pin, check = self.pin.text(), self._check
        self.leave_button.setEnabled(False)
        self._worker.run(lambda: check(pin), self._checked)

    def _checked(self, outcome: object) -> None:
        from kiosk.admin_exit import ExitRefusedError

        self.leave_button.setEnabled(True)
        if isinstance(outcome, ExitRefusedError):
            refuse_entry(self.error, self.pin, outcome.message(self._locale()))
            return
        if isinstance(outcome, BaseException):
            raise outcome
        self.close_panel()
        self._leave()
