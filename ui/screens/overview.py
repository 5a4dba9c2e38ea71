"""A procedure at a glance: who it is for, documents, fee, time, legal basis."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from kiosk.catalog.model import Procedure
from kiosk.engine.phrases import as_condition
from kiosk.engine.review import format_money
from ui.screens.common import button, label, page_layout, panel, scrolling
from ui.texts import text


class OverviewScreen(QWidget):
    start_requested = Signal()
    back_requested = Signal()

    def __init__(self, procedure: Procedure, locale: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = page_layout(self)
        content = QWidget()
        layout = page_layout(content)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(label(procedure.title.get(locale), "h1"))
        layout.addWidget(label(procedure.summary.get(locale)))
        if procedure.eligibility:
            layout.addWidget(label(text("eligibility", locale), "h2"))
            for item in procedure.eligibility:
                layout.addWidget(label(f"• {item.get(locale)}"))
        layout.addWidget(label(text("documents", locale), "h2"))
        for document in procedure.documents:
            line = f"• {document.title.get(locale)}"
            if document.condition_text:
                line += f" — {as_condition(document.condition_text).get(locale)}"
            layout.addWidget(label(line))
        frame, box = panel()
        box.addWidget(label(text("who", locale), "h2"))
        box.addWidget(label(procedure.authority.name.get(locale)))
        fees = [
            f"{fee.label.get(locale)}: {format_money(fee.amount)}"
            for fee in procedure.fees
            if fee.amount
        ]
        box.addWidget(label(text("fee", locale), "h2"))
        box.addWidget(label("\n".join(fees) or text("no_fee", locale)))
        if procedure.duration_days:
            box.addWidget(
                label(text("duration", locale, days=procedure.duration_days), "secondary")
            )
        layout.addWidget(frame)
        if procedure.legal_basis:
            layout.addWidget(label(text("legal", locale), "h2"))
            for basis in procedure.legal_basis:
                reference = f" ({basis.reference})" if basis.reference else ""
                layout.addWidget(label(f"{basis.title.get(locale)}{reference}", "secondary"))
        layout.addStretch(1)
        outer.addWidget(scrolling(content, reading=procedure.title.get(locale)), 1)
        start = button(text("start", locale), "primary")
        start.clicked.connect(self.start_requested)
        back = button(text("back", locale))
        back.clicked.connect(self.back_requested)
        outer.addWidget(start)
        outer.addWidget(back)
