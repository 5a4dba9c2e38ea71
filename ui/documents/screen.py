"""The documents screen: one row per document the applicant has to provide (not the
ones the administration fetches itself, nor those not required)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QWidget

from kiosk.engine.session import FillingSession
from ui.documents.desk import DocumentDesk
from ui.documents.document_row import DocumentRow
from ui.documents.texts import text
from ui.screens.common import button, label, page_layout, scrolling

TO_PROVIDE = ("bring", "attached")


class DocumentsScreen(QWidget):
    back_requested = Signal()

    def __init__(
        self,
        session: FillingSession,
        desk: DocumentDesk,
        locale: str,
        kiosk: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        desk.language = locale
        outer = page_layout(self)
        outer.addWidget(label(text("title", locale), "h1"))
        intro = "intro_counter"
        if kiosk:  # what this kiosk offers: its scanner, the phone, or both
            intro = "intro_kiosk" if desk.can_scan else "intro_kiosk_phone"
        outer.addWidget(label(text(intro, locale)))
        content = QWidget()
        layout = page_layout(content)
        layout.setContentsMargins(0, 0, 0, 0)
        self.rows: dict[str, DocumentRow] = {}
        camera = desk.find_camera()
        for item in session.checklist():
            if item.status in TO_PROVIDE:
                row = DocumentRow(item.document, session, desk, locale, camera)
                self.rows[item.document_id] = row
                layout.addWidget(row)
        layout.addStretch(1)
        outer.addWidget(scrolling(content), 1)
        actions = QHBoxLayout()
        self.back_button = button(text("done", locale), "primary")
        self.back_button.clicked.connect(self.back_requested)
        actions.addStretch(1)
        actions.addWidget(self.back_button)
        outer.addLayout(actions)
