"""The dashboard's charts (QtCharts): demand by day, by hour, and next week's forecast.

Each builder takes plain figures from the read model and returns a QChartView; the
series keep their numbers so a test can read back what is drawn."""

from __future__ import annotations

import itertools
import math
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
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QFont, QPainter

from kiosk.analytics.forecast import WeekForecast
from ui.dashboard.chart_view import CHART_HEIGHT, SERIES_COLOURS, ChartView, Tick
from ui.dashboard.format import day_label
from ui.dashboard.texts import text


def _chart(title: str) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    font = QFont()
    font.setPointSize(11)
    font.setBold(True)
    chart.setTitleFont(font)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.setBackgroundRoundness(0)
    return chart


def _view(chart: QChart, name: str, ticks: Sequence[Tick] = (), bars: int = 0) -> QChartView:
    view = ChartView(chart, ticks, bars)
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


def _bar_positions(chart: QChart, series: QStackedBarSeries, bars: int) -> None:
    """A value axis over the bar positions, for labels under some bars only (the view
    picks which: a bar axis labels each bar, and cuts them all when they do not fit)."""
    positions = QCategoryAxis()
    positions.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
    positions.setRange(-0.5, bars - 0.5)
    positions.setStartValue(-0.5)
    positions.setGridLineVisible(False)
    chart.addAxis(positions, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(positions)


def whole_steps(top: float) -> tuple[int, int]:
    """(highest, step) of a count axis: whole numbers only, at most 5 steps (more do
    not fit a chart's height at 1280×800: their labels are cut to «…»). Nice numbers
    over 0..1.1 gave ticks 0, 0.2, … printed «%d» as «0 0 0 0 0 1» on an empty chart."""
    high = max(1, math.ceil(top * 1.1))
    candidates = (m * 10**e for e in itertools.count() for m in (1, 2, 5))
    step = next(s for s in candidates if high / s <= 5)
    return math.ceil(high / step) * step, step


def _value_axis(chart: QChart, series: QBarSeries | QStackedBarSeries, top: float) -> None:
    values = QValueAxis()
    high, step = whole_steps(top)
    values.setRange(0, high)
    values.setTickCount(high // step + 1)  # a tick on every whole step from 0
    values.setLabelFormat("%d")
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
    # Labelled at the first day of each week (every 2nd, 3rd… week when they do not fit).
    _bar_positions(chart, series, len(shown))
    ticks: list[Tick] = []
    for index, day in enumerate(shown):
        if not ticks or day.isocalendar()[:2] != shown[ticks[-1].bar].isocalendar()[:2]:
            ticks.append(Tick(index, f"{day:%d/%m}", len(ticks)))
    _value_axis(chart, series, max(totals, default=0))
    del locale  # day numbers read the same in both languages
    return _view(chart, "demand_by_day", ticks, len(shown))


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
    # Every hour labelled, or every 2nd, 3rd… (even hours, …) when they do not fit.
    _bar_positions(chart, series, len(hours))
    _value_axis(chart, series, top)
    ticks = [Tick(index, f"{hour:02d}:00", hour) for index, hour in enumerate(hours)]
    return _view(chart, "demand_by_hour", ticks, len(hours))


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
