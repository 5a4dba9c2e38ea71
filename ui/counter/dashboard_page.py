"""The office dashboard inside counter mode: the figures of the last eight weeks, read
from the platform (every device of the office) or, without it, from this device."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.analytics.aggregate import DailyAggregate
from kiosk.analytics.dashboard import build_dashboard
from kiosk.catalog.model import Procedure
from ui.counter.texts import text
from ui.dashboard.screen import DashboardScreen
from ui.screens.common import button

WEEKS = 8

AggregateSource = Callable[[date, date], list[DailyAggregate]]


class DashboardPage(QWidget):
    back_requested = Signal()

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
        layout = QVBoxLayout(self)
        back = button(text("back_to_list", locale))
        back.clicked.connect(self.back_requested)
        layout.addWidget(back, 0, Qt.AlignmentFlag.AlignLeft)
        days = source(today - timedelta(weeks=WEEKS), today)
        data = build_dashboard(days, procedures, office_id=office_id, today=today)
        self.dashboard = DashboardScreen(data, locale, export_path=export_path)
        layout.addWidget(self.dashboard, 1)
