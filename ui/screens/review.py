"""Review before submitting: answers by step, the documents checklist, the fee."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QWidget

from kiosk.engine.review import ReviewSummary, format_money
from ui.documents.texts import text as documents_text
from ui.screens.common import announce, button, label, page_layout, panel, scrolling
from ui.texts import text


class ReviewScreen(QWidget):
    change_requested = Signal(str)
    submit_requested = Signal()
    back_requested = Signal()
    documents_requested = Signal()

    def __init__(
        self,
        title: str,
        summary: ReviewSummary,
        locale: str,
        attachable: bool = False,
        codes_panel: QWidget | None = None,
        counter: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        outer = page_layout(self)
        outer.addWidget(label(text("review", locale), "h1"))
        outer.addWidget(label(title, "secondary"))
        content = QWidget()
        layout = page_layout(content)
        layout.setContentsMargins(0, 0, 0, 0)
        for section in summary.sections:
            header = QHBoxLayout()
            header.addWidget(label(section.title, "h2"), 1)
            change = button(f"{text('change', locale)}: {section.title}", "link")
            change.setText(text("change", locale))
            change.clicked.connect(
                lambda _=False, sid=section.step_id: self.change_requested.emit(sid)
            )
            header.addWidget(change)
            layout.addLayout(header)
            grid = QGridLayout()
            for row, (name, value) in enumerate(section.rows):
                grid.addWidget(label(name, "secondary"), row, 0)
                grid.addWidget(label(value), row, 1)
            grid.setColumnStretch(1, 1)
            layout.addLayout(grid)
        bring = [i.document.title.get(locale) for i in summary.checklist if i.status == "bring"]
        fetched = [
            i.document.title.get(locale)
            for i in summary.checklist
            if i.status == "fetched_by_administration"
        ]
        attached = [
            i.document.title.get(locale) for i in summary.checklist if i.status == "attached"
        ]
        frame, box = panel()
        box.addWidget(label(text("bring", locale), "h2"))
        box.addWidget(label("\n".join(f"• {t}" for t in bring) or text("nothing_to_bring", locale)))
        if attached:
            box.addWidget(label(documents_text("attached_list", locale), "h2"))
            box.addWidget(label("\n".join(f"📎 {t}" for t in attached)))
        if fetched:
            box.addWidget(label(text("fetched", locale), "h2"))
            box.addWidget(label("\n".join(f"✓ {t}" for t in fetched)))
        if attachable:  # the counter, or a kiosk with a scanner
            words = "attach_documents" if counter else "attach_documents_kiosk"
            self.documents_button = button(documents_text(words, locale))
            self.documents_button.clicked.connect(self.documents_requested)
            box.addWidget(self.documents_button)
        layout.addWidget(frame)
        layout.addWidget(label(text("fee", locale), "h2"))
        for line in summary.fees:
            layout.addWidget(label(f"{line.label}: {format_money(line.amount)}"))
        layout.addWidget(label(text("total", locale, amount=format_money(summary.total_fee)), "h2"))
        if codes_panel is not None:  # the e-παράβολο codes, one per fee
            layout.addWidget(codes_panel)
        layout.addStretch(1)
        outer.addWidget(scrolling(content), 1)
        self.refusals = label("", "error")
        self.refusals.hide()
        outer.addWidget(self.refusals)
        actions = QHBoxLayout()
        back = button(text("back", locale))
        back.clicked.connect(self.back_requested)
        self.submit_button = button(text("submit", locale), "primary")
        self.submit_button.clicked.connect(self.submit_requested)
        actions.addWidget(back)
        actions.addStretch(1)
        actions.addWidget(self.submit_button)
        outer.addLayout(actions)

    def show_refusals(self, messages: list[str]) -> None:
        """Attached documents the platform would refuse: said before finalising."""
        self.refusals.setText("\n".join(messages))
        self.refusals.show()
        announce(self.refusals)
