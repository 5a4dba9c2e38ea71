"""Counter: before any registry look-up, the clerk records that the applicant's identity
was checked in person (the document's type and the last 4 characters of its number),
and whether the applicant acts for another person. Thin: what is accepted is the core's
(kiosk.engine.evidence.InPersonCheck); a refusal is shown in words, nothing is lost."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QVBoxLayout, QWidget

from kiosk.engine.evidence import DOCUMENT_TYPES, InPersonCheck
from kiosk.engine.evidence_texts import TEXTS
from kiosk.texts import RefusedError
from ui.screens.common import button, label

RELATION_CHOICES = (("", "for_self"), ("authorised", "for_authorised"),
                    ("legal_representative", "for_legal"))  # fmt: skip


class IdentityCheckForm(QWidget):
    checked = Signal(object)  # InPersonCheck

    def __init__(self, locale: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._locale = locale
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(label(self._say("check_title"), "", self))
        layout.addWidget(label(self._say("check_needed"), "hint", self))
        form = QFormLayout()
        self.document = QComboBox(self)
        for key, words in DOCUMENT_TYPES.items():
            self.document.addItem(words.get(locale), key)
        self.last4 = QLineEdit(self)
        self.last4.setMaxLength(4)
        self.relation = QComboBox(self)
        for relation, said in RELATION_CHOICES:
            self.relation.addItem(self._say(said), relation)
        for name, widget in (
            ("check_document", self.document),
            ("check_last4", self.last4),
            ("check_for", self.relation),
        ):
            widget.setAccessibleName(self._say(name))
            form.addRow(self._say(name), widget)
        layout.addLayout(form)
        self.error = label("", "error", self)
        self.error.hide()
        layout.addWidget(self.error)
        self.record = button(self._say("check_record"), "primary", self)
        self.record.clicked.connect(self._record)
        layout.addWidget(self.record)

    def _say(self, key: str) -> str:
        return TEXTS[key].message(self._locale)

    def _record(self) -> None:
        try:
            check = InPersonCheck.checked(
                str(self.document.currentData()),
                self.last4.text(),
                str(self.relation.currentData()) or None,
            )
        except RefusedError as refused:
            self.error.setText(refused.message(self._locale))
            self.error.show()
            self.last4.setFocus()
            return
        self.error.hide()
        self.checked.emit(check)
