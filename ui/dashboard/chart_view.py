"""ChartView: a QtCharts view that follows the page's text size and colours and
shows every text of its chart whole.

QtCharts cuts any text that does not fit its room with «…»: at 160–200 % text the
hour labels became «…», the day labels «0…» and the procedure names in the legend
«Ειδική άδεια …». Here the title and the legend names wrap onto more lines, a day
label goes onto two lines (weekday over date), and an axis labelled at chosen bars
(hours, weeks) labels every 2nd, 3rd… one when a label each does not fit."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import NamedTuple, cast

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QCategoryAxis,
    QChart,
    QChartView,
    QStackedBarSeries,
)
from PySide6.QtCore import QEvent, QMargins, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPalette,
    QResizeEvent,
    QTextDocument,
)

from ui.theme import contrast_ratio

# gov.gr blue, green, and three quieter companions that stay apart for colour-blind eyes.
SERIES_COLOURS = ("#003375", "#00aa4f", "#e0a800", "#8a2be2", "#6d6a71")
# On a dark page (high contrast) the same series in colours that stand out from black.
DARK_PAGE_COLOURS = ("#8cc4ff", "#00e676", "#ffdd00", "#e0b0ff", "#ffffff")
MIN_SERIES_CONTRAST = 3.0  # WCAG 1.4.11 for graphical objects
CHART_HEIGHT = 260
# QtCharts gives an axis label the axis' width (at least the plot's) over its count of
# ticks (labels + 1 on a category axis, bars + 2 on a bar axis), less 4 px padding a
# side, and draws it with a 4 px margin a side: a label fits in that less 16 px.
LABEL_ROOM_LOST = 16.0
# What a legend entry takes besides its name's text: the colour square (a line high)
# and the margins and space around it (4 px each) and its text's (4 px a side).
LEGEND_ENTRY_PX = 24.0
MARGIN = 4  # the chart's own margins
# Label every bar, or every 2nd, 3rd… when that does not fit (hours: 8, 10, 12…).
STEPS = (1, 2, 3, 4, 6, 8, 12)


class Tick(NamedTuple):
    """A label an axis may carry under bar `bar`; `number` says which steps keep it
    (the hour for hours, so that every 2nd hour is an even one)."""

    bar: int
    label: str
    number: int


class ChartView(QChartView):
    """A chart that follows the page's text size and colours (large text, high
    contrast): it draws its own text, which the style sheet does not reach."""

    def __init__(self, chart: QChart, ticks: Sequence[Tick] = (), bars: int = 0) -> None:
        super().__init__(chart)
        self.title = chart.title()  # the words; the chart's title may carry line breaks
        self.ticks, self.bars = list(ticks), bars
        bottom = self._bottom_axis()
        self.categories = bottom.categories() if isinstance(bottom, QBarCategoryAxis) else []
        self.names = [marker.label() for marker in chart.legend().markers()]
        self.base_height, self.legend_extra = float(CHART_HEIGHT), 0.0
        chart.legend().detachFromChart()  # placed by _place_legend
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignLeft)  # detached: one a row
        # The room for the axis labels is known once the chart has laid its plot out;
        # queued: labels changed while the chart lays itself out would not be placed.
        chart.plotAreaChanged.connect(self._fit_axis_labels, Qt.ConnectionType.QueuedConnection)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._fit_texts()
        self._keep_height()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        """As high as the chart needs (QChartView says its current size, so a chart
        once made tall by large text would stay tall)."""
        return QSize(super().sizeHint().width(), self.minimumHeight())

    def _keep_height(self) -> None:
        """Room for the text at its size and the legend's lines, then for the bars.
        QChartView raises its minimum to the chart's on every resize and never lowers
        it: back at normal size the charts would keep their large-text height."""
        height = max(self.base_height + self.legend_extra, self.chart().minimumSize().height())
        if self.minimumHeight() != round(height):
            self.setMinimumHeight(round(height))

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
        chart.setTitleBrush(text)
        chart.legend().setFont(font)
        chart.legend().setLabelColor(text)
        for axis in chart.axes():
            axis.setLabelsFont(font)
            axis.setLabelsBrush(text)
        self._fit_texts()  # the larger the text, the more lines and the fewer labels
        if font.pixelSize() > 0:
            self.base_height = max(CHART_HEIGHT, 14 * font.pixelSize())
        self._keep_height()

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

    def _room(self) -> float:
        """The width the chart's title and legend may take: what is in view of the
        chart (which does not shrink below its minimum width), less its layout's
        margins, its own, and a text item's (4 px a side)."""
        chart = self.chart()
        left, _, right, _ = _layout_margins(chart)
        margins = chart.margins()
        shown = min(chart.size().width(), self.viewport().width())
        return shown - left - right - margins.left() - margins.right() - 8

    def _fit_texts(self) -> None:
        self._wrap_title()
        self._place_legend()
        self.chart().layout().activate()  # the plot's new place, for the axis labels
        self._fit_axis_labels()

    def _wrap_title(self) -> None:
        """The title on as many lines as the chart's width needs: QtCharts draws its
        title as HTML on one line and cuts what does not fit, so the breaks are ours."""
        chart = self.chart()
        lines = wrapped(self.title, QFontMetricsF(chart.titleFont()), self._room())
        chart.setTitle(self.title if len(lines) < 2 else f"<center>{_html(lines)}</center>")

    def _place_legend(self) -> None:
        """The legend under the chart, one procedure a row, each name on as many lines
        as the chart's width needs. QtCharts keeps an attached legend on one row and
        cuts the names to fit it; detached, it stacks the entries in the rectangle it
        is given, and the chart's bottom margin keeps that clear of the plot."""
        chart = self.chart()
        legend = chart.legend()
        markers = legend.markers()
        if not markers:
            return
        font = legend.font()
        metrics = QFontMetricsF(font)
        room = self._room()
        text_room = room - metrics.height() - LEGEND_ENTRY_PX
        height = tallest = 0.0
        for marker, name in zip(markers, self.names, strict=True):
            lines = wrapped(name, metrics, text_room)
            label = name if len(lines) < 2 else _html(lines)
            if marker.label() != label:
                marker.setLabel(label)
            height += _text_height(label, font) + LEGEND_ENTRY_PX / 2
            tallest = max(tallest, _text_height(label, font) + LEGEND_ENTRY_PX / 2)
        if chart.margins().bottom() != MARGIN + round(height):
            chart.setMargins(QMargins(MARGIN, MARGIN, MARGIN, MARGIN + round(height)))
        left, _, _, bottom = _layout_margins(chart)
        top = chart.size().height() - bottom - MARGIN - height
        # A detached legend starts a new column when the entry it just placed would not
        # fit again under itself: room for one more entry below (the view shows nothing
        # of the chart below its own bottom).
        legend.setGeometry(QRectF(left + MARGIN, top, room, height + tallest))
        # The base height counted a legend of one line, as QtCharts drew it.
        one_line = _text_height(html.escape(self.names[0]), font) + LEGEND_ENTRY_PX / 2
        self.legend_extra = max(0.0, height - one_line)

    def _bottom_axis(self) -> QBarCategoryAxis | QCategoryAxis | None:
        for axis in self.chart().axes(Qt.Orientation.Horizontal):
            if isinstance(axis, QBarCategoryAxis | QCategoryAxis):
                return axis
        return None

    def _fit_axis_labels(self) -> None:
        axis, plot = self._bottom_axis(), self.chart().plotArea()
        if axis is None or plot.width() <= 0:
            return
        metrics = QFontMetricsF(axis.labelsFont())
        if isinstance(axis, QBarCategoryAxis):
            _wrap_categories(axis, self.categories, metrics, plot.width())
        elif self.ticks:
            _label_some_bars(axis, self._ticks_that_fit(metrics, plot))

    def _ticks_that_fit(self, metrics: QFontMetricsF, plot: QRectF) -> list[Tick]:
        """The ticks of the smallest step whose labels fit side by side; a label that
        would stick out of the plot at either end is left out (QtCharts hides it)."""
        bar = plot.width() / max(1, self.bars)
        # Left of the plot is the value axis' room: a label may reach into it.
        left_room = plot.left() - self.chart().margins().left() - 8

        def inside(tick: Tick) -> bool:
            half = (metrics.horizontalAdvance(tick.label) + 8) / 2
            return (tick.bar + 0.5) * bar + left_room >= half and (
                self.bars - tick.bar - 0.5
            ) * bar >= half

        kept: list[Tick] = []
        for step in STEPS:
            kept = [tick for tick in self.ticks if tick.number % step == 0 and inside(tick)]
            widest = max((metrics.horizontalAdvance(tick.label) for tick in kept), default=0)
            if kept and widest <= plot.width() / (len(kept) + 1) - LABEL_ROOM_LOST:
                return kept
        return kept[:1]


def _text_height(label: str, font: QFont) -> float:
    """How high QtCharts draws `label`: as rich text with a 4 px margin a side."""
    document = QTextDocument()
    document.setDefaultFont(font)
    document.setDocumentMargin(4)
    document.setHtml(label)
    return document.size().height()


def _html(lines: list[str]) -> str:
    return "<br>".join(map(html.escape, lines))


def _wrap_categories(
    axis: QBarCategoryAxis, labels: list[str], metrics: QFontMetricsF, width: float
) -> None:
    """Each bar's label on as many lines as its room needs ("Δευ" over "02/11")."""
    room = width / (len(labels) + 2) - LABEL_ROOM_LOST
    fitted = labels  # on one line, or all on more (all days alike)
    if any(metrics.horizontalAdvance(label) > room for label in labels):
        fitted = [f"<center>{_html(wrapped(label, metrics, room))}</center>" for label in labels]
    if fitted != axis.categories():
        axis.setCategories(fitted)


def _label_some_bars(axis: QCategoryAxis, ticks: list[Tick]) -> None:
    """Labels under the bars of `ticks` only (the axis runs over bar positions)."""
    if axis.categoriesLabels() == [tick.label for tick in ticks]:
        return
    for label in axis.categoriesLabels():
        axis.remove(label)
    for tick in ticks:
        axis.append(tick.label, tick.bar)


def wrapped(words: str, metrics: QFontMetricsF, width: float) -> list[str]:
    """`words` in lines no wider than `width` (a word wider than that: a line alone)."""
    lines: list[str] = []
    for word in words.split():
        if lines and metrics.horizontalAdvance(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def _layout_margins(chart: QChart) -> tuple[float, float, float, float]:
    """(left, top, right, bottom) of the chart's layout. PySide6's stubs type
    getContentsMargins() as returning `object`; it returns that tuple of floats."""
    return cast(tuple[float, float, float, float], chart.layout().getContentsMargins())
