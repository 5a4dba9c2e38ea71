"""DashboardScreen: the office's figures for counter mode, from a read model.

    data = build_dashboard(store.usage.daily(...), catalog, office_id=..., today=...)
    screen = DashboardScreen(data, "el", export_path=Path("/media/usb/dashboard.csv"))

Thin: every figure comes computed from kiosk.analytics; this lays them out. The CSV
button writes to the path the caller chose (no file dialog at a kiosk) and says where,
or why not."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QFontInfo, QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.analytics.dashboard import DashboardData
from kiosk.analytics.export import export_csv
from ui.dashboard import charts, tables
from ui.dashboard.hints_view import HintsView, forecast_notes
from ui.dashboard.texts import text
from ui.screens.common import button, label, panel, scrolling

# Charts side by side on a page at least this many text heights wide; narrower (large
# text: 1280 px at 160 % is about 42), one under the other, each the page's width, so
# that their hour and day labels and procedure names keep room to be read whole.
SIDE_BY_SIDE_EMS = 52


class DashboardScreen(QWidget):
    exported = Signal(str, int)  # path, figures written

    def __init__(
        self, data: DashboardData, locale: str = "el", *, export_path: Path | None = None
    ) -> None:
        super().__init__()
        self.setObjectName("dashboard")
        self.data, self.language, self.export_path = data, locale, export_path
        names = {pid: data.labels.procedure(pid, locale) for pid in data.demand_by_day}
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.content = content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(32, 20, 32, 20)
        layout.setSpacing(14)
        layout.addLayout(self._header())
        if not data.procedures:
            layout.addWidget(label(text("empty", locale), "secondary"))
        self.procedures = tables.procedures_table(data, locale)
        layout.addWidget(self._section("procedures", self.procedures))
        self.charts_row = charts_row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        charts_row.setSpacing(20)
        self.by_day = charts.demand_by_day(
            data.days, data.demand_by_day, names, text("demand_day", locale), locale
        )
        self.by_hour = charts.demand_by_hour(
            data.demand_by_hour, names, text("demand_hour", locale)
        )
        for view in (self.by_day, self.by_hour):
            charts.describe(view, locale)
        charts_row.addWidget(self.by_day, 3)
        charts_row.addWidget(self.by_hour, 2)
        layout.addLayout(charts_row)
        layout.addLayout(self._forecast_row())
        # Full width, one under the other: the step, field and document names are long.
        self.abandon = tables.abandon_table(data, locale)
        self.errors = tables.errors_table(data, locale)
        self.documents = tables.documents_table(data, locale)
        for key, table in (("abandon", self.abandon), ("errors", self.errors),
                           ("documents", self.documents)):  # fmt: skip
            layout.addWidget(self._section(key, table))
        self.hints = HintsView(data, locale)
        frame, inner = panel()
        inner.addWidget(label(text("hints", locale), "h2"))
        inner.addWidget(self.hints)
        layout.addWidget(frame)
        layout.addStretch(1)
        outer.addWidget(scrolling(content))

    def _header(self) -> QHBoxLayout:
        data, locale = self.data, self.language
        header = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(label(text("title", locale), "h1"))
        period = text(
            "period", locale, office=data.office_id,
            first=f"{data.first_day:%d/%m/%Y}", last=f"{data.last_day:%d/%m/%Y}",
        )  # fmt: skip
        titles.addWidget(label(period, "secondary"))
        header.addLayout(titles, 1)
        self.export_button = button(text("export", locale), "primary")
        self.export_button.setEnabled(self.export_path is not None)
        self.export_button.clicked.connect(self.export)
        self.export_status = label("", "secondary")
        column = QVBoxLayout()
        column.addWidget(self.export_button)
        column.addWidget(self.export_status)
        header.addLayout(column)
        return header

    def _section(self, key: str, body: QWidget) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(label(text(key, self.language), "h2"))
        layout.addWidget(body)
        layout.addStretch(1)
        return box

    def _forecast_row(self) -> QBoxLayout:
        names = {pid: self.data.labels.procedure(pid, self.language) for pid in self.data.forecasts}
        self.forecast = charts.forecast(
            self.data.forecasts, names, text("forecast", self.language), self.language
        )
        charts.describe(self.forecast, self.language)
        self.forecast_row = row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        row.setSpacing(20)
        row.addWidget(self.forecast, 3)
        notes = QVBoxLayout()
        self.forecast_notes: list[QLabel] = forecast_notes(self.data, self.language)
        for note in self.forecast_notes:
            notes.addWidget(note)
        notes.addStretch(1)
        row.addLayout(notes, 2)
        return row

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._arrange_charts()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._arrange_charts()

    def _arrange_charts(self) -> None:
        """The charts side by side, or one under the other when the text is large."""
        ems = self.width() / max(1, QFontInfo(self.font()).pixelSize())
        direction = (
            QBoxLayout.Direction.LeftToRight
            if ems >= SIDE_BY_SIDE_EMS
            else QBoxLayout.Direction.TopToBottom
        )
        for row in (self.charts_row, self.forecast_row):
            if row.direction() != direction:
                row.setDirection(direction)

    def export(self) -> int:
        """Write the CSV; returns the figures written (0 when it could not)."""
        if self.export_path is None:
            self.export_status.setText(text("no_export_path", self.language))
            return 0
        try:
            written = export_csv(self.data, self.export_path, self.language)
        except OSError as error:
            reason = error.strerror or type(error).__name__
            self.export_status.setObjectName("error")
            self.export_status.setText(text("export_failed", self.language, reason=reason))
            return 0
        self.export_status.setText(
            text("exported", self.language, path=str(self.export_path), rows=written)
        )
        self.exported.emit(str(self.export_path), written)
        return written
