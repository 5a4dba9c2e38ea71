"""The checks of tests/ui/test_accessibility.py on the screens off the citizen's main
path: parking (the «Save for later» link, the code and PIN shown once, the code entry
and a wrong PIN) and counter mode (sign-in and a refused password, the day's list with
what needs attention, the sync bar and sign-out in the status bar, a parked code with a
wrong PIN, the office dashboard and its charts), in every theme and both languages.

Two more checks here: a refused entry (password, PIN) puts the focus back on the field
to type again, which says what was wrong; and the focused control is visibly marked."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.counter.conftest import Counter
from tests.ui.counter.conftest import counter as counter_device  # noqa: F401 - a fixture
from tests.ui.test_accessibility import (
    THEMES,
    Theme,
    _apply,
    _describe,
    _spoken_description,
    clipping_problems,
    contrast_problems,
    names_problems,
    tab_problems,
)
from tests.ui.walkthrough import counter_screens, kiosk_window, parking_screens


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


def _checks(qtbot: QtBot, window: QWidget, state: str) -> list[str]:
    found = names_problems(window) + clipping_problems(window) + contrast_problems(window)
    if state.endswith("-refused"):
        found += refused_entry_problems(window) if "step" not in state else []
    found += tab_problems(qtbot, window)
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
