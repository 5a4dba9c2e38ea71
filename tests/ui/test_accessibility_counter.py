"""The checks of tests/ui/test_accessibility.py on the screens off the citizen's main
path: parking (the «Save for later» link, the code and PIN shown once, the code entry
and a wrong PIN) and counter mode (sign-in and a refused password, the day's list with
what needs attention, the sync bar and sign-out in the status bar, a parked code with a
wrong PIN, the office dashboard and its charts), in every theme and both languages.

Three more checks here: a refused entry (password, PIN) puts the focus back on the
field to type again, which says what was wrong; tables show their whole text in large
text; and every focused control is visibly marked (on the citizen's path too)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QTableWidget, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.counter.conftest import Counter
from tests.ui.counter.conftest import counter as counter_device  # noqa: F401 - a fixture
from tests.ui.test_accessibility import (
    THEMES,
    Theme,
    _apply,
    _describe,
    _focusable,
    _pil,
    _spoken_description,
    clipping_problems,
    contrast_problems,
    names_problems,
    tab_problems,
)
from tests.ui.walkthrough import citizen_screens, counter_screens, kiosk_window, parking_screens
from ui.theme import GOVGR, HIGH_CONTRAST, contrast_ratio


def refused_entry_problems(window: QWidget) -> list[str]:
    """After a refused password or PIN: the message shows, and focus is on the field to
    type again, whose accessible description is that message."""
    screen = window.current_screen()  # type: ignore[attr-defined]
    error: QLabel = screen.error
    if not error.isVisible() or not error.text():
        return ["the refusal shows no message"]
    focused = QApplication.focusWidget()
    if not isinstance(focused, QLineEdit) or not screen.isAncestorOf(focused):
        return [f"focus is on {focused and _describe(focused)}, not on the field to retype"]
    if error.text() not in _spoken_description(focused):
        return [f"the focused field does not say what was wrong: {_spoken_description(focused)!r}"]
    return []


def _cut(table: QTableWidget, words: str, row: int, column: int) -> bool:
    """A cell's text does not fit: wider than its column, or, wrapped, taller than its row."""
    room = QRect(0, 0, table.columnWidth(column) - 6, 1 << 16)  # Qt: 3px each side
    flags = Qt.TextFlag.TextWordWrap if table.wordWrap() else Qt.TextFlag.TextSingleLine
    needed = table.fontMetrics().boundingRect(room, int(flags), words)
    return needed.width() > room.width() or needed.height() > table.rowHeight(row)


def table_problems(window: QWidget) -> list[str]:
    """Large text in tables: every header and cell shows its whole text, every row its
    full height, and a table that does not scroll shows all its rows."""
    problems = []
    for table in window.findChildren(QTableWidget):
        if not table.isVisibleTo(window):
            continue
        header, cells = table.horizontalHeader(), table.fontMetrics()
        name = table.accessibleName() or table.objectName()
        if header.y() + header.height() > table.height() - table.frameWidth():
            problems.append(f"{name}: the header is cut")
        for column in range(table.columnCount()):
            item = table.horizontalHeaderItem(column)
            words = item.text() if item is not None else ""
            width = header.fontMetrics().horizontalAdvance(words) + 6
            if (
                width > header.sectionSize(column)
                or header.height() < header.fontMetrics().height()
            ):
                problems.append(f"{name}: the header «{words}» is cut")
            for row in range(table.rowCount()):
                cell = table.item(row, column)
                if cell is not None and _cut(table, cell.text(), row, column):
                    problems.append(f"{name}: «{cell.text()}» is cut")
        if any(table.rowHeight(r) < cells.height() for r in range(table.rowCount())):
            problems.append(f"{name}: rows lower than their text")
        rows_height = sum(table.rowHeight(r) for r in range(table.rowCount()))
        no_scroll = table.verticalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        if no_scroll and table.viewport().height() < rows_height:
            problems.append(
                f"{name}: shows {table.viewport().height()}px of {rows_height}px of rows"
            )
    return problems


def _visible_change(before: bytes, after: bytes, ring: bytes) -> int:
    """Pixels that turned the focus colour or changed at 3:1 contrast or more."""
    contrast: dict[tuple[bytes, bytes], bool] = {}
    count = 0
    for i in range(0, len(after), 3):
        old, new = before[i : i + 3], after[i : i + 3]
        if old == new:
            continue
        if (old, new) not in contrast:
            contrast[old, new] = (
                new == ring or contrast_ratio(f"#{old.hex()}", f"#{new.hex()}") >= 3
            )
        count += contrast[old, new]
    return count


def focus_ring_problems(qtbot: QtBot, window: QWidget) -> list[str]:
    """Every control shows where the focus is: focused, at least a one-pixel ring's
    worth of it turns the theme's focus yellow or changes at a 3:1 contrast (the
    header's buttons fill with yellow; a yellow button turns black inside its ring)."""
    ring = bytes.fromhex((HIGH_CONTRAST if window.high_contrast else GOVGR).focus[1:])  # type: ignore[attr-defined]
    had_focus = QApplication.focusWidget()
    problems = []
    for widget in _focusable(window):
        widget.clearFocus()
        qtbot.waitUntil(lambda w=widget: not w.hasFocus(), timeout=1000)
        before = _pil(widget.grab().toImage()).tobytes()
        widget.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.waitUntil(widget.hasFocus, timeout=1000)
        after = _pil(widget.grab().toImage()).tobytes()
        if _visible_change(before, after, ring) < 2 * (widget.width() + widget.height()):
            problems.append(f"{_describe(widget)} does not show that it has the focus")
    if had_focus is not None:
        had_focus.setFocus()
    return problems


def _checks(qtbot: QtBot, window: QWidget, state: str) -> list[str]:
    found = names_problems(window) + clipping_problems(window) + contrast_problems(window)
    if state.endswith("-refused"):
        found += refused_entry_problems(window) if "step" not in state else []
    found += table_problems(window)
    found += tab_problems(qtbot, window) + focus_ring_problems(qtbot, window)
    return [f"{state}: {p}" for p in found]


@pytest.mark.parametrize("locale", ["el", "en"])
@pytest.mark.parametrize("theme", THEMES, ids=[t.name for t in THEMES])
def test_the_parking_screens_are_named_reachable_readable_and_unclipped(
    qtbot: QtBot, theme: Theme, locale: str
) -> None:
    window, flow = kiosk_window(qtbot, locale)
    _apply(window, theme)
    problems: list[str] = []
    for state in parking_screens(qtbot, window, flow):
        problems += _checks(qtbot, window, state)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("locale", ["el", "en"])
@pytest.mark.parametrize("theme", THEMES, ids=[t.name for t in THEMES])
def test_every_counter_screen_is_named_reachable_readable_and_unclipped(
    qtbot: QtBot,
    counter_device: Counter,  # noqa: F811 - the fixture imported above
    theme: Theme,
    locale: str,
) -> None:
    if locale == "en":
        counter_device.window.toggle_language()
    _apply(counter_device.window, theme)  # type: ignore[arg-type]
    problems: list[str] = []
    for state in counter_screens(qtbot, counter_device):
        problems += _checks(qtbot, counter_device.window, state)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("theme", THEMES, ids=[t.name for t in THEMES])
def test_every_citizen_screen_shows_where_the_focus_is(qtbot: QtBot, theme: Theme) -> None:
    """The citizen's path of tests/ui/test_accessibility.py, for the focus ring (the
    language changes no colour)."""
    window, flow = kiosk_window(qtbot, "el")
    _apply(window, theme)
    problems: list[str] = []
    for state in citizen_screens(qtbot, window, flow):
        if state != "still-there":  # the countdown holds the focus on its button
            problems += [f"{state}: {p}" for p in focus_ring_problems(qtbot, window)]
    assert not problems, "\n".join(problems)
