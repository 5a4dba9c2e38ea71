"""The office dashboard inside counter mode: the figures of the last eight weeks, read
from the platform (every device of the office) or, without it, from this device.

The figures are fetched and computed on a lane (ui.tasks): the platform may take up to
its timeout (15 s) to answer, and the window turns meanwhile, showing that they are on
their way; the back button works all along."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.analytics.aggregate import DailyAggregate
from kiosk.analytics.dashboard import DashboardData, build_dashboard
from kiosk.catalog.model import Procedure
from ui.counter.texts import text
from ui.dashboard.screen import DashboardScreen
from ui.screens.common import button, label
from ui.tasks import Lane

WEEKS = 8

AggregateSource = Callable[[date, date], list[DailyAggregate]]


class DashboardPage(QWidget):
    back_requested = Signal()
    loaded = Signal()  # the figures are on show: `screen` is set

    def __init__(
        self,
        source: AggregateSource,
        procedures: dict[str, Procedure],
        *,
        office_id: str,
        today: date,
        locale: str,
        export_path: Path,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._layout = layout = QVBoxLayout(self)
        # The back button lines up with the figures below it (the dashboard's own 32 px
        # margin), not with the window's edge.
        layout.setContentsMargins(0, 12, 0, 0)
        self._back = back = button(text("back_to_list", locale))
        back.clicked.connect(self.back_requested)
        row = QHBoxLayout()
        row.setContentsMargins(32, 0, 32, 0)
        row.addWidget(back, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addLayout(row)
        self.waiting = label(text("dashboard_loading", locale))
        self.waiting.setContentsMargins(32, 0, 32, 0)
        layout.addWidget(self.waiting, 1, Qt.AlignmentFlag.AlignTop)
        self.dashboard: DashboardScreen | None = None
        self._locale, self._export_path = locale, export_path

        def figures() -> DashboardData:
            days = source(today - timedelta(weeks=WEEKS), today)
            return build_dashboard(days, procedures, office_id=office_id, today=today)

        # A failure is reported (ui.tasks): logged, and the recoverable error screen.
        self._lane = Lane("dashboard", self)
        self._lane.run(figures, self._show)

    def _show(self, data: DashboardData) -> None:
        self.dashboard = DashboardScreen(data, self._locale, export_path=self._export_path)
        self._layout.removeWidget(self.waiting)
        self.waiting.deleteLater()
        self._layout.addWidget(self.dashboard, 1)
        self._tab_after_back(self.dashboard)
        self.loaded.emit()

    def _tab_after_back(self, screen: QWidget) -> None:
        """A widget added to a window on show joins the end of its focus chain, after the
        status bar that the window keeps last (MainWindow.show_screen): Tab would go from
        «Sign out» back up to the figures. Chain them behind the back button instead."""
        top = self.window()
        chain: list[QWidget] = []
        widget = top.nextInFocusChain()
        while widget is not None and widget is not top and widget not in chain:
            chain.append(widget)
            widget = widget.nextInFocusChain()
        chain = [
            w for w in chain if screen.isAncestorOf(w) and w.focusPolicy() & Qt.FocusPolicy.TabFocus
        ]
        previous: QWidget = self._back
        for widget in chain:
            QWidget.setTabOrder(previous, widget)
            previous = widget
