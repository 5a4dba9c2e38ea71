"""The office dashboard, offscreen, over a real store seeded with synthetic usage."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCharts import QBarCategoryAxis, QCategoryAxis, QChartView
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QTextDocumentFragment
from PySide6.QtWidgets import QGraphicsTextItem
from pytestqt.qtbot import QtBot

from kiosk.analytics.dashboard import DashboardData, build_dashboard
from kiosk.catalog.loader import load_catalog, sample_catalog_dir
from ui.dashboard import DashboardScreen
from ui.dashboard.charts import series_totals
from ui.dashboard.demo import demo_data, save_screenshot
from ui.dashboard.tables import cell_texts
from ui.main_window import MainWindow

TAXI = "Ειδική άδεια οδήγησης ταξί (ΕΔΧ)"


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> DashboardData:
    return demo_data(tmp_path_factory.mktemp("store") / "device.sqlite3")


@pytest.fixture
def screen(qtbot: QtBot, data: DashboardData, tmp_path: Path) -> Iterator[DashboardScreen]:
    widget = DashboardScreen(data, "el", export_path=tmp_path / "usb" / "dashboard.csv")
    qtbot.addWidget(widget)
    widget.resize(1400, 900)
    widget.show()
    yield widget


def test_the_procedures_table_shows_the_store_figures(
    screen: DashboardScreen, data: DashboardData
) -> None:
    rows = cell_texts(screen.procedures)
    taxi = next(row for row in rows if row[0] == TAXI)
    figures = next(p for p in data.procedures if p.procedure_id == "taxi-driver-licence")
    assert taxi[1:3] == [str(figures.started), str(figures.submitted)]
    assert taxi[3] == f"{figures.completion_rate * 100:.0f} %"  # type: ignore[operator]


def test_the_charts_draw_the_demand_and_the_forecast(
    screen: DashboardScreen, data: DashboardData
) -> None:
    by_day = series_totals(screen.by_day)
    by_hour = series_totals(screen.by_hour)
    started = sum(data.demand_by_day["taxi-driver-licence"].values())
    assert by_day[TAXI] == started == by_hour[TAXI]
    forecast = series_totals(screen.forecast)
    assert forecast[TAXI] == pytest.approx(data.forecasts["taxi-driver-licence"].total, abs=0.5)
    notes = " ".join(note.text() for note in screen.forecast_notes)
    assert "σφάλμα ±" in notes and "όπως την προηγούμενη εβδομάδα" in notes


def test_where_kiosk_users_stop_and_stumble_comes_first(screen: DashboardScreen) -> None:
    assert cell_texts(screen.abandon)[0][:2] == ["Προϋποθέσεις", TAXI]
    assert cell_texts(screen.errors)[0][0] == "ΑΦΜ"
    assert cell_texts(screen.errors)[0][-1] == "μη έγκυρος ΑΦΜ"
    documents = [row[0] for row in cell_texts(screen.documents)]
    assert any("οχημάτων" in name for name in documents)


def test_the_hints_name_the_step_the_field_and_the_once_only_candidate(
    screen: DashboardScreen,
) -> None:
    sentences = screen.hints.sentences
    assert any(s.startswith("Βήμα «Προϋποθέσεις»") and "31 %" in s for s in sentences)
    assert any(s.startswith("Πεδίο «ΑΦΜ»") for s in sentences)
    # The registry and its key in the clerk's words, no registry keys in the Greek.
    assert any(
        "Once Only" in s and "(Μητρώο οχημάτων, με αριθμό κυκλοφορίας" in s for s in sentences
    )
    assert not [s for s in sentences if "vehicle" in s or "plate" in s]


def test_the_export_button_writes_the_csv_where_the_caller_said(
    qtbot: QtBot, screen: DashboardScreen
) -> None:
    assert screen.export_path is not None
    with qtbot.waitSignal(screen.exported) as signal:
        screen.export_button.click()
    path, written = signal.args
    assert Path(path) == screen.export_path and written > 100
    with screen.export_path.open(encoding="utf-8-sig", newline="") as handle:
        assert sum(1 for _ in csv.reader(handle)) == written + 1
    assert str(screen.export_path) in screen.export_status.text()


def test_an_export_to_a_place_that_cannot_be_written_says_so(
    qtbot: QtBot, data: DashboardData, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be")
    widget = DashboardScreen(data, "en", export_path=blocker / "dashboard.csv")
    qtbot.addWidget(widget)
    assert widget.export() == 0
    assert widget.export_status.text().startswith("The export failed")
    assert blocker.read_text() == "a file where the folder should be"


def test_without_an_export_path_the_button_is_disabled(qtbot: QtBot, data: DashboardData) -> None:
    widget = DashboardScreen(data, "el")
    qtbot.addWidget(widget)
    assert not widget.export_button.isEnabled()


def test_an_office_with_no_figures_yet_says_so_in_english(qtbot: QtBot) -> None:
    from datetime import date

    catalog = dict(load_catalog(sample_catalog_dir()).procedures)
    empty = build_dashboard([], catalog, office_id="office-1", today=date(2026, 11, 23))
    widget = DashboardScreen(empty, "en")
    qtbot.addWidget(widget)
    widget.show()
    texts = [child.text() for child in widget.findChildren(type(widget.export_status))]
    assert "There are no usage figures for this period yet." in texts
    assert widget.hints.sentences == []


def test_the_demo_screenshot_is_written(qtbot: QtBot, tmp_path: Path) -> None:
    path = save_screenshot(tmp_path / "dashboard.png", "en")
    image = QImage(str(path))
    assert image.width() == 1440 and image.height() > 1200


def test_in_high_contrast_every_bar_stands_out_from_the_page(
    qtbot: QtBot, data: DashboardData, tmp_path: Path
) -> None:
    from PySide6.QtCharts import QBarSeries, QStackedBarSeries

    from ui.theme import HIGH_CONTRAST, contrast_ratio, stylesheet

    widget = DashboardScreen(data, "el", export_path=tmp_path / "dashboard.csv")
    qtbot.addWidget(widget)
    widget.setStyleSheet(stylesheet(HIGH_CONTRAST))
    widget.resize(1400, 900)
    widget.show()
    qtbot.wait(10)
    checked = 0
    for view in (widget.by_day, widget.by_hour, widget.forecast):
        page = view.chart().backgroundBrush().color().name()
        assert contrast_ratio(HIGH_CONTRAST.text, page) >= 4.5  # the page is the dark one
        for series in view.chart().series():
            assert isinstance(series, QBarSeries | QStackedBarSeries)
            for bars in series.barSets():
                assert contrast_ratio(bars.color().name(), page) >= 3.0, bars.label()
                checked += 1
    assert checked >= 3


def _drawn_title(view: QChartView) -> tuple[str, QRectF]:
    """The title as the chart draws it (cut titles end in an ellipsis) and where."""
    for item in view.chart().childItems():
        drawn = item.toGraphicsObject()
        if isinstance(drawn, QGraphicsTextItem) and drawn.isVisible():
            return " ".join(drawn.toPlainText().split()), drawn.sceneBoundingRect()
    raise AssertionError(f"{view.objectName()} draws no title")


def _dashboard_at(
    qtbot: QtBot, data: DashboardData, folder: Path, locale: str, scale: float
) -> tuple[MainWindow, DashboardScreen]:
    """The dashboard in the counter's window at 1280x800, text at `scale`."""
    window = MainWindow(locale)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    window.scale = scale  # the header's button gives 1.6; the theme goes up to 2.0
    window._apply()
    screen = DashboardScreen(data, locale, export_path=folder / "dashboard.csv")
    window.show_screen(screen)
    qtbot.wait(10)
    return window, screen  # the window too: the screen lives as long as it


@pytest.mark.parametrize("scale", [1.6, 2.0])
@pytest.mark.parametrize("locale", ["el", "en"])
def test_in_large_text_every_chart_shows_its_whole_title(
    qtbot: QtBot, data: DashboardData, tmp_path: Path, locale: str, scale: float
) -> None:
    _, screen = _dashboard_at(qtbot, data, tmp_path, locale, scale)
    for view in (screen.by_day, screen.by_hour, screen.forecast):
        title, place = _drawn_title(view)
        assert title == view.accessibleName(), view.objectName()  # whole: not cut with «…»
        assert view.viewport().rect().contains(view.mapFromScene(place).boundingRect())


def _plain(label: str) -> str:
    """A label as read on screen: without its markup, its lines joined by spaces."""
    return " ".join(QTextDocumentFragment.fromHtml(label).toPlainText().split())


def _drawn_texts(view: QChartView) -> dict[str, QRectF]:
    """Every text the chart draws (title, axis labels, legend names) and where."""
    drawn: dict[str, QRectF] = {}
    for item in view.chart().scene().items():
        text_item = item.toGraphicsObject()
        if isinstance(text_item, QGraphicsTextItem) and text_item.isVisible():
            drawn[_plain(text_item.toHtml())] = text_item.sceneBoundingRect()
    return drawn


def _bottom_labels(view: QChartView) -> list[str]:
    axis = view.chart().axes(Qt.Orientation.Horizontal)[0]
    if isinstance(axis, QCategoryAxis):
        return [_plain(label) for label in axis.categoriesLabels()]
    assert isinstance(axis, QBarCategoryAxis)
    return [_plain(label) for label in axis.categories()]


@pytest.mark.parametrize("scale", [1.0, 1.6, 2.0])
@pytest.mark.parametrize("locale", ["el", "en"])
def test_every_axis_label_and_legend_name_is_drawn_whole(
    qtbot: QtBot, data: DashboardData, tmp_path: Path, locale: str, scale: float
) -> None:
    _, screen = _dashboard_at(qtbot, data, tmp_path, locale, scale)
    names = {data.labels.procedure(pid, locale) for pid in data.demand_by_day}
    for view in (screen.by_day, screen.by_hour, screen.forecast):
        chart, where = view.chart(), view.objectName()
        drawn = _drawn_texts(view)
        cut = [text for text in drawn if "…" in text or "..." in text]
        assert not cut, (where, cut)  # nothing cut short with an ellipsis
        legend = {_plain(marker.label()) for marker in chart.legend().markers()}
        assert legend == names and legend <= drawn.keys(), (where, legend - drawn.keys())
        days_or_hours = _bottom_labels(view)
        assert len(days_or_hours) >= 3 and set(days_or_hours) <= drawn.keys(), where
        values = [text for text in drawn if text.isdigit()]
        assert len(values) >= 3, (where, values)  # the value axis keeps its scale
        for text in (*legend, *days_or_hours, *values):
            assert view.viewport().rect().contains(view.mapFromScene(drawn[text]).boundingRect())
    # A week's forecast names each of its seven days.
    assert len(_bottom_labels(screen.forecast)) == 7
    assert _bottom_labels(screen.forecast)[0].split()[0] in ("Δευ", "Mon")


def test_back_from_large_text_the_charts_return_to_their_place_and_height(
    qtbot: QtBot, data: DashboardData, tmp_path: Path
) -> None:
    window, screen = _dashboard_at(qtbot, data, tmp_path, "el", 1.0)
    views = (screen.by_day, screen.by_hour, screen.forecast)
    normal = [view.geometry() for view in views]
    assert normal[0].top() == normal[1].top()  # the day and hour charts side by side

    window.toggle_large_text()
    qtbot.wait(10)
    large = [view.geometry() for view in views]
    assert large[1].top() > large[0].bottom()  # one under the other, the page's width
    assert large[1].width() > normal[1].width() * 2

    window.toggle_large_text()
    qtbot.waitUntil(lambda: [view.geometry() for view in views] == normal)


def test_an_empty_chart_counts_in_whole_numbers_and_the_period_says_today_is_left_out(
    qtbot: QtBot,
) -> None:
    from datetime import date

    from PySide6.QtCharts import QValueAxis

    catalog = dict(load_catalog(sample_catalog_dir()).procedures)
    empty = build_dashboard([], catalog, office_id="office-1", today=date(2026, 11, 23))
    widget = DashboardScreen(empty, "el")
    qtbot.addWidget(widget)
    axis = widget.by_hour.chart().axes(Qt.Orientation.Vertical)[0]
    assert isinstance(axis, QValueAxis)
    step = (axis.max() - axis.min()) / (axis.tickCount() - 1)
    ticks = [axis.min() + i * step for i in range(axis.tickCount())]
    assert ticks == [0, 1]  # not 0, 0.2, … drawn as «0 0 0 0 0 1»
    texts = [child.text() for child in widget.findChildren(type(widget.export_status))]
    assert any("χωρίς τη σημερινή ημέρα" in t for t in texts)
