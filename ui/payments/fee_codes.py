"""One code field per fee line. A USB barcode reader types like a keyboard and ends
with Enter, so a scanned code arrives as a typed one; the panel only shows, and says
what the flow answers (kiosk.payments, the platform's check)."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from kiosk.payments import PaymentCode
from kiosk.submission import FeeLine
from ui.payments.texts import text
from ui.screens.common import announce, button, label


class FeeCodesPanel(QWidget):
    code_given = Signal(str, str)  # fee id, the text typed or scanned
    scan_requested = Signal(str)  # fee id: read the code from a scanned page

    def __init__(
        self,
        fees: list[FeeLine],
        codes: Mapping[str, PaymentCode],
        locale: str,
        can_scan: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(label(text("title", locale), "h2"))
        layout.addWidget(label(text("hint", locale), "secondary"))
        self.fields: dict[str, QLineEdit] = {}
        self.states: dict[str, QLabel] = {}
        for line in fees:
            name = text("code_for", locale, fee=line.label)
            layout.addWidget(label(name))
            field = QLineEdit(self)
            field.setAccessibleName(name)
            field.setMaxLength(40)
            given = codes.get(line.fee_id)
            if given is not None:
                field.setText(given.code)
            field.editingFinished.connect(
                lambda fee_id=line.fee_id, edit=field: self.code_given.emit(fee_id, edit.text())
            )
            state = label("", "secondary")
            state.hide()
            layout.addWidget(field)
            if can_scan:  # the code printed as a barcode on the payment slip
                read = button(text("read_scan", locale, fee=line.label), "link")
                read.setText(text("read_scan_short", locale))
                read.clicked.connect(lambda _=False, f=line.fee_id: self.scan_requested.emit(f))
                layout.addWidget(read)
            layout.addWidget(state)
            self.fields[line.fee_id], self.states[line.fee_id] = field, state

    def set_code(self, fee_id: str, code: str) -> None:
        self.fields[fee_id].setText(code)
        self.code_given.emit(fee_id, code)

    def show_state(self, fee_id: str, words: str, refused: bool = False) -> None:
        state = self.states[fee_id]
        state.setObjectName("error" if refused else "secondary")
        state.setStyleSheet("")  # the theme picks the new object name up
        state.setText(words)
        state.show()
        self.fields[fee_id].setAccessibleDescription(words)
        if refused:
            announce(state)
