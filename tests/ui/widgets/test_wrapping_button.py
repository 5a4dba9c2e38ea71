"""A WrappingButton draws its own words (to wrap them), yet a user sees it take the
theme's colours as any other button does: focused, hovered, in both themes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from ui.main_window import MainWindow
from ui.screens.common import button
from ui.widgets.wrapping_button import WrappingButton

WORDS = "Νέα αίτηση"  # one line: the two buttons lay their text out alike


def _distance(a: QColor, b: QColor) -> int:
    return abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue())


def text_colour(widget: QWidget) -> tuple[str, str]:
    """(background, text) as drawn inside the button's border: the text is the colour
    that stands furthest from the background (the core of the letters)."""
    image: QImage = widget.grab().toImage()
    inside = widget.rect().adjusted(6, 6, -6, -6)  # past the widest (4 px) border
    background = image.pixelColor(inside.topLeft())
    text = background
    for y in range(inside.top(), inside.bottom() + 1):
        for x in range(inside.left(), inside.right() + 1):
            colour = image.pixelColor(QPoint(x, y))
            if _distance(colour, background) > _distance(text, background):
                text = colour
    return background.name(), text.name()


def _in_state(qtbot: QtBot, widget: QPushButton, state: str) -> None:
    if state == "focused":
        widget.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.waitUntil(widget.hasFocus, timeout=1000)
    else:
        QTest.mouseMove(widget, widget.rect().center())
        qtbot.waitUntil(widget.underMouse, timeout=1000)


@pytest.mark.parametrize("state", ["focused", "hovered"])
@pytest.mark.parametrize("high_contrast", [False, True], ids=["govgr", "high_contrast"])
@pytest.mark.parametrize("name", ["primary", "procedure", ""])
def test_a_wrapping_button_shows_the_colours_of_a_push_button_with_its_name(
    qtbot: QtBot, name: str, high_contrast: bool, state: str
) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(800, 600)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    if high_contrast:  # as a user does, on a shown window (the screen follows)
        window.toggle_contrast()
    screen = QWidget()
    column = QVBoxLayout(screen)
    plain, wrapping = button(WORDS, name), WrappingButton(WORDS, name)
    for widget in (plain, wrapping):
        widget.setFixedWidth(400)
        column.addWidget(widget)
    column.addStretch(1)
    window.show_screen(screen)

    seen = {}
    for widget in (plain, wrapping):
        _in_state(qtbot, widget, state)
        seen[widget] = text_colour(widget)

    background, text = seen[plain]
    assert text != background  # (the check sees the words at all)
    assert seen[wrapping] == seen[plain]


def test_a_focused_title_on_several_lines_takes_the_focus_colours_of_the_theme(
    qtbot: QtBot,
) -> None:
    from ui.theme import HIGH_CONTRAST

    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(800, 600)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    window.toggle_contrast()
    screen = QWidget()
    column = QVBoxLayout(screen)
    one_line = button("Βεβαίωση", "primary")
    title = WrappingButton("Βεβαίωση μόνιμης κατοικίας για τη μετεγγραφή φοιτητή", "primary")
    for widget in (one_line, title):
        widget.setFixedWidth(300)
        column.addWidget(widget)
    column.addStretch(1)
    window.show_screen(screen)

    _in_state(qtbot, title, "focused")

    assert title.height() > one_line.height()  # the title is on more lines
    assert text_colour(title) == (HIGH_CONTRAST.action_focus, HIGH_CONTRAST.action_focus_text)
