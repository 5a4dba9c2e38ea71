"""The dashboard's charts (QtCharts): demand by day, by hour, and next week's forecast.

Each builder takes plain figures from the read model and returns a QChartView; the
series keep their numbers so a test can read back what is drawn."""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from datetime import date

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QCategoryAxis,
    QChart,
    QChartView,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QEvent, QMargins, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPalette, QResizeEvent

from kiosk.analytics.forecast import WeekForecast
from ui.dashboard.format import day_label
from ui.dashboard.texts import text
from ui.theme import contrast_ratio

# gov.gr blue, green, and three quieter companions that stay apart for colour-blind eyes.
SERIES_COLOURS = ("#003375", "#00aa4f", "#e0a800", "#8a2be2", "#6d6a71")
# On a dark page (high contrast) the same series in colours that stand out from black.
DARK_PAGE_COLOURS = ("#8cc4ff", "#00e676", "#ffdd00", "#e0b0ff", "#ffffff")
MIN_SERIES_CONTRAST = 3.0  # WCAG 1.4.11 for graphical objects
CHART_HEIGHT = 260


def _chart(title: str) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    font = QFont()
    font.setPointSize(11)
    font.setBold(True)
    chart.setTitleFont(font)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.setBackgroundRoundness(0)
    return chart


class ChartView(QChartView):
    """A chart that follows the page's text size and colours (large text, high
    contrast): it draws its own text, which the style sheet does not reach. Its title
    wraps onto more lines when the chart is too narrow for it (QtCharts would cut it
    with «…», as it did at 200 % text)."""

    def __init__(self, chart: QChart) -> None:
        super().__init__(chart)
        self.title = chart.title()  # the words; the chart's title may carry line breaks

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._wrap_title()

    def _wrap_title(self) -> None:
        """The title on as many lines as the chart's width needs: QtCharts draws its
        title as HTML on one line and cuts what does not fit, so the breaks are ours."""
        chart = self.chart()
        metrics = QFontMetricsF(chart.titleFont())
        left, _, right, _ = chart.layout().getContentsMargins()
        margins = chart.margins()
        # What is in view of the chart (which does not shrink below its minimum width),
        # less its layout's margins, its own, and the text item's (4 px a side).
        shown = min(chart.size().width(), self.viewport().width())
        room = shown - left - right - margins.left() - margins.right() - 8
        lines = wrapped(self.title, metrics, room)
        lines_html = "<br>".join(map(html.escape, lines))
        chart.setTitle(self.title if len(lines) < 2 else f"<center>{lines_html}</center>")

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.PaletteChange):
            self._follow_page()

    def _follow_page(self) -> None:
        chart, font = self.chart(), QFont(self.font())
        text = self.palette().color(QPalette.ColorRole.WindowText)
        page = self.palette().color(QPalette.ColorRole.Window)
        chart.setBackgroundBrush(page)
        self._series_colours(chart, page.name())
        title = QFont(font)
        title.setBold(True)
        chart.setTitleFont(title)
        self._wrap_title()  # the larger the text, the more lines
        chart.setTitleBrush(text)
        chart.legend().setFont(font)
        chart.legend().setLabelColor(text)
        for axis in chart.axes():
            axis.setLabelsFont(font)
            axis.setLabelsBrush(text)
        if font.pixelSize() > 0:  # room for the larger text, then for the bars
            self.setMinimumHeight(max(CHART_HEIGHT, 14 * font.pixelSize()))

    @staticmethod
    def _series_colours(chart: QChart, page: str) -> None:
        """Bars that a page colour would swallow take the dark-page colours instead."""
        colours = (
            SERIES_COLOURS
            if contrast_ratio(SERIES_COLOURS[0], page) >= MIN_SERIES_CONTRAST
            else DARK_PAGE_COLOURS
        )
        for series in chart.series():
            if isinstance(series, QBarSeries | QStackedBarSeries):
                for index, bars in enumerate(series.barSets()):
                    bars.setColor(QColor(colours[index % len(colours)]))
                    bars.setBorderColor(QColor(colours[index % len(colours)]))


def wrapped(words: str, metrics: QFontMetricsF, width: float) -> list[str]:
    """`words` in lines no wider than `width` (a word wider than that: a line alone)."""
    lines: list[str] = []
    for word in words.split():
        if lines and metrics.horizontalAdvance(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def _view(chart: QChart, name: str) -> QChartView:
    view = ChartView(chart)
    view.setObjectName(name)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(CHART_HEIGHT)
    return view


def _bar_set(name: str, values: Sequence[float], index: int) -> QBarSet:
    bars = QBarSet(name)
    bars.append([float(v) for v in values])
    bars.setColor(QColor(SERIES_COLOURS[index % len(SERIES_COLOURS)]))
    bars.setBorderColor(QColor(SERIES_COLOURS[index % len(SERIES_COLOURS)]))
    return bars


def _axes(
    chart: QChart,
    series: QBarSeries | QStackedBarSeries,
    labels: list[str],
    top: float,
) -> None:
    categories = QBarCategoryAxis()
    categories.append(labels)
    chart.addAxis(categories, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(categories)
    _value_axis(chart, series, top)


def _value_axis(chart: QChart, series: QBarSeries | QStackedBarSeries, top: float) -> None:
    values = QValueAxis()
    values.setRange(0, max(1.0, top * 1.1))
    values.setLabelFormat("%d")
    values.applyNiceNumbers()
    chart.addAxis(values, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(values)


def demand_by_day(
    days: Sequence[date], by_procedure: Mapping[str, Mapping[date, int]],
    names: Mapping[str, str], title: str, locale: str,
) -> QChartView:  # fmt: skip
    """Stacked bars per day (weekdays only when the office is closed at weekends)."""
    shown = [d for d in days if any(by.get(d, 0) for by in by_procedure.values())] or list(days)
    chart = _chart(title)
    series = QStackedBarSeries()
    for index, (procedure_id, by_day) in enumerate(sorted(by_procedure.items())):
        series.append(_bar_set(names[procedure_id], [by_day.get(d, 0) for d in shown], index))
    chart.addSeries(series)
    totals = [sum(by.get(d, 0) for by in by_procedure.values()) for d in shown]
    # Too many bars for a label each (a bar axis elides them all): a value axis over the
    # bar positions instead, labelled at the first day of each week.
    weeks = QCategoryAxis()
    weeks.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
    weeks.setRange(-0.5, len(shown) - 0.5)
    weeks.setStartValue(-0.5)
    previous: date | None = None
    for index, day in enumerate(shown):
        if previous is None or day.isocalendar()[1] != previous.isocalendar()[1]:
            weeks.append(f"{day:%d/%m}", index)
        previous = day
    weeks.setGridLineVisible(False)
    chart.addAxis(weeks, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(weeks)
    _value_axis(chart, series, max(totals, default=0))
    del locale  # day numbers read the same in both languages
    return _view(chart, "demand_by_day")


def demand_by_hour(
    by_procedure: Mapping[str, Sequence[int]], names: Mapping[str, str], title: str
) -> QChartView:
    hours = [h for h in range(24) if any(counts[h] for counts in by_procedure.values())]
    hours = list(range(min(hours, default=8), max(hours, default=15) + 1))
    chart = _chart(title)
    series = QStackedBarSeries()
    for index, (procedure_id, counts) in enumerate(sorted(by_procedure.items())):
        series.append(_bar_set(names[procedure_id], [counts[h] for h in hours], index))
    chart.addSeries(series)
    top = max((sum(c[h] for c in by_procedure.values()) for h in hours), default=0)
    _axes(chart, series, [f"{h:02d}:00" for h in hours], top)
    return _view(chart, "demand_by_hour")


def forecast(
    forecasts: Mapping[str, WeekForecast], names: Mapping[str, str], title: str, locale: str
) -> QChartView:
    chart = _chart(title)
    series = QBarSeries()
    days: list[date] = []
    top = 0.0
    for index, (procedure_id, week) in enumerate(sorted(forecasts.items())):
        days = week.days
        daily = [round(value, 1) for value in week.daily]
        top = max(top, *daily)
        series.append(_bar_set(names[procedure_id], daily, index))
    chart.addSeries(series)
    _axes(chart, series, [day_label(d, locale) for d in days], top)
    return _view(chart, "forecast")


def series_totals(view: QChartView) -> dict[str, float]:
    """What a chart draws, per series name (for tests and the accessible description)."""
    totals: dict[str, float] = {}
    for series in view.chart().series():
        if isinstance(series, QBarSeries | QStackedBarSeries):
            for bars in series.barSets():
                totals[bars.label()] = sum(bars.at(i) for i in range(bars.count()))
    return totals


def describe(view: QChartView, locale: str) -> None:
    """What a screen reader says for a chart: its title as the name, and as the
    description the total and each series' share of it (the bars cannot be read)."""
    totals = series_totals(view)

    def number(value: float) -> str:
        shown = f"{value:.1f}".removesuffix(".0")
        return shown.replace(".", ",") if locale == "el" else shown

    view.setAccessibleName(view.title if isinstance(view, ChartView) else view.chart().title())
    if not any(totals.values()):
        view.setAccessibleDescription(text("chart_empty", locale))
        return
    parts = "; ".join(f"{name}: {number(value)}" for name, value in totals.items())
    view.setAccessibleDescription(
        text("chart_summary", locale, total=number(sum(totals.values())), parts=parts)
    )
