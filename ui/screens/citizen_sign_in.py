"""The citizen's sign-in on their phone: a QR code and the short code, large, what to
do in three steps, and always the way out: «Θα φέρω τα έγγραφα». Expired, refused or
platform down: said plainly, with a new code offered; what was typed is never touched
(the draft is the flow's, not this screen's)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.engine.evidence_texts import TEXTS
from sync.citizen import DeviceAuthorization
from ui.screens.common import announce, button, label, page_layout
from ui.widgets.qr_code import QrCode


class CitizenSignInScreen(QWidget):
    bring_instead = Signal()  # no sign-in: back to the form, documents to bring
    again_requested = Signal()  # a new code

    def __init__(self, locale: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._locale = locale
        layout = page_layout(self)
        layout.addWidget(label(self._say("signin_title"), "h1", self))
        self.body = QHBoxLayout()
        layout.addLayout(self.body, 1)
        self.qr: QrCode | None = None
        self.user_code = ""
        self.code = label("", "h1", self)
        self.code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code.setStyleSheet("font-size: 44pt; letter-spacing: 4px;")
        self.steps = label("", "", self)
        self.status = label(self._say("signin_waiting"), "hint", self)
        self.problem = label("", "error", self)
        self.problem.hide()
        column = QVBoxLayout()
        for widget in (self.code, self.steps, self.status, self.problem):
            column.addWidget(widget)
        column.addStretch(1)
        self.body.addLayout(column, 1)
        actions = QHBoxLayout()
        self.bring_button = button(self._say("signin_bring_instead"), "", self)
        self.bring_button.clicked.connect(self.bring_instead)
        self.again_button = button(self._say("signin_again"), "primary", self)
        self.again_button.clicked.connect(self.again_requested)
        self.again_button.hide()
        actions.addWidget(self.bring_button)
        actions.addStretch(1)
        actions.addWidget(self.again_button)
        layout.addLayout(actions)

    def _say(self, key: str, **params: object) -> str:
        return TEXTS[key].message(self._locale, **params)

    def show_code(self, started: DeviceAuthorization) -> None:
        if self.qr is not None:
            self.qr.setParent(None)
            self.qr.deleteLater()
        self.qr = QrCode(started.verification_uri_complete, parent=self)
        self.body.insertWidget(0, self.qr)
        self.user_code = started.user_code
        self.code.setText(self._say("signin_code", code=started.user_code))
        self.code.setAccessibleName(" ".join(started.user_code))  # read out letter by letter
        self.steps.setText(self._say("signin_steps", uri=started.verification_uri))
        self.status.show()
        self.problem.hide()
        self.again_button.hide()

    def show_failure(self, key: str) -> None:
        """`key`: a text of kiosk.engine.evidence_texts (signin_expired, …)."""
        self.problem.setText(self._say(key))
        self.problem.show()
        self.status.hide()
        self.again_button.show()
        if self.qr is not None:
            self.qr.hide()  # a dead code is not left to be scanned
        announce(self.problem)
