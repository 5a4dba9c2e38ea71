"""A row of buttons stands in one row where the width allows it and folds into columns
where it does not (large text), never cutting a button's words: the clerk's day at
1280 px has its four actions side by side, two by two in large text."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from ui.counter.today import TodayScreen
from ui.main_window import MainWindow


def _day(qtbot: QtBot, large: bool = False) -> tuple[MainWindow, TodayScreen]:
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    if large:
        window.toggle_large_text()
    day = TodayScreen([], [], window.language)
    window.show_screen(day)
    qtbot.waitUntil(lambda: day.day_actions.width() > 0)
    return window, day


def _actions(day: TodayScreen) -> list[QPushButton]:
    return [day.new_button, day.code_button, day.refresh_button, day.dashboard_button]


def _rows(day: TodayScreen) -> int:
    """How many rows the actions stand in (a primary button's border is 2 px wider)."""
    return len({b.geometry().center().y() // 10 for b in _actions(day)})


def test_four_actions_stand_in_one_row_on_a_wide_screen(qtbot: QtBot) -> None:
    _window, day = _day(qtbot)
    qtbot.waitUntil(lambda: day.day_actions.across == 4 and _rows(day) == 1)


def test_in_large_text_they_fold_two_by_two_and_keep_their_words(qtbot: QtBot) -> None:
    _window, day = _day(qtbot, large=True)
    qtbot.waitUntil(lambda: day.day_actions.across == 2 and _rows(day) == 2)
    for widget in _actions(day):
        assert widget.width() >= widget.fontMetrics().horizontalAdvance(widget.text())
        assert widget.geometry().right() <= day.day_actions.width()
