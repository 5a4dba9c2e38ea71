"""The procedure finder: search as you type, in plain Greek (or English, or Greeklish)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from kiosk.catalog.search import SearchHit
from ui.screens.common import button, label, page_layout, scrolling
from ui.texts import text
from ui.widgets.wrapping_button import WrappingButton

MAX_RESULTS = 8


class FinderScreen(QWidget):
    procedure_chosen = Signal(str)
    back_requested = Signal()

    def __init__(
        self, locale: str, search: Callable[[str], list[SearchHit]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._locale = locale
        self._search = search
        layout = page_layout(self)
        layout.addWidget(label(text("search_label", locale), "h1"))
        self.query = QLineEdit(self)
        self.query.setPlaceholderText(text("search_hint", locale))
        self.query.setAccessibleName(text("search_label", locale))
        self.query.textChanged.connect(self.refresh)
        layout.addWidget(self.query)
        self._results = QWidget()
        self._results_layout = QVBoxLayout(self._results)
        self._results_layout.setContentsMargins(0, 0, 0, 0)
        # Rows touch (each has its rule below): four results stay above the on-screen
        # keyboard on a 1280×800 screen.
        self._results_layout.setSpacing(0)
        layout.addWidget(scrolling(self._results), 1)
        self.back_button = button(text("back", locale))
        self.back_button.clicked.connect(self.back_requested)
        layout.addWidget(self.back_button)
        self.refresh("")

    def refresh(self, query: str) -> None:
        while self._results_layout.count():
            item = self._results_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.setParent(None)  # gone now, not at the next event loop turn
                widget.deleteLater()
        hits = self._search(query)[:MAX_RESULTS]
        previous: QWidget = self.query
        for hit in hits:
            choice = WrappingButton(hit.title, "procedure")
            choice.clicked.connect(
                lambda _=False, pid=hit.procedure_id: self.procedure_chosen.emit(pid)
            )
            self._results_layout.addWidget(choice)
            QWidget.setTabOrder(previous, choice)  # new results would otherwise come last
            previous = choice
        QWidget.setTabOrder(previous, self.back_button)
        if not hits:
            self._results_layout.addWidget(label(text("no_results", self._locale), "secondary"))
        self._results_layout.addStretch(1)
