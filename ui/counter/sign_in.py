"""The clerk's sign-in: id and password; the verdict comes from kiosk.clerks."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from ui.counter.texts import text
from ui.screens.common import button, label, page_layout, panel, refuse_entry


class SignInScreen(QWidget):
    sign_in_requested = Signal(str, str)  # clerk id, password

    def __init__(self, locale: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = page_layout(self)
        layout.addStretch(1)
        layout.addWidget(label(text("sign_in_title", locale), "h1"))
        frame, box = panel()
        self.clerk_id = self._line(text("clerk_id", locale), box)
        self.password = self._line(text("password", locale), box)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = label("", "error")
        self.error.hide()
        box.addWidget(self.error)
        self.submit = button(text("sign_in", locale), "primary")
        self.submit.clicked.connect(self._submit)
        self.password.returnPressed.connect(self._submit)
        box.addWidget(self.submit)
        layout.addWidget(frame)
        layout.addStretch(2)

    def _line(self, caption: str, box: QVBoxLayout) -> QLineEdit:
        line = QLineEdit(self)
        line.setAccessibleName(caption)
        box.addWidget(label(caption))
        box.addWidget(line)
        return line

    def _submit(self) -> None:
        self.sign_in_requested.emit(self.clerk_id.text(), self.password.text())

    def show_error(self, message: str) -> None:
        """The refusal, announced; the password is cleared and focused for a retry."""
        refuse_entry(self.error, self.password, message)
