"""Keys do what people expect: Enter (and the keypad's Enter) presses the focused button
or result and moves on from a field; arrow keys choose in a group of options; the
header's switches say whether they are on. Real key events (QTest), real widgets."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QLineEdit, QRadioButton
from pytestqt.qtbot import QtBot

from tests.ui.walkthrough import current_step, kiosk_window, settle
from ui.screens.finder import FinderScreen
from ui.screens.overview import OverviewScreen
from ui.screens.step_form import StepScreen
from ui.widgets.onscreen_keyboard import OnScreenKeyboard


def _finder(qtbot: QtBot) -> tuple[object, object, FinderScreen]:
    window, flow = kiosk_window(qtbot, "el")
    flow.show_finder()
    finder = window.current_screen()
    assert isinstance(finder, FinderScreen)
    return window, flow, finder


def test_enter_on_a_focused_result_opens_it_and_keypad_enter_starts_the_application(
    qtbot: QtBot,
) -> None:
    window, _flow, finder = _finder(qtbot)
    QTest.keyClicks(finder.query, "taxi")
    result = finder.findChildren(QAbstractButton, "procedure")[0]
    settle(qtbot, window)  # type: ignore[arg-type]
    result.setFocus()
    QTest.keyClick(result, Qt.Key.Key_Return)
    overview = window.current_screen()  # type: ignore[attr-defined]
    assert isinstance(overview, OverviewScreen)
    start = next(b for b in overview.findChildren(QAbstractButton) if b.objectName() == "primary")
    settle(qtbot, window)  # type: ignore[arg-type]
    start.setFocus()
    QTest.keyClick(start, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    assert isinstance(window.current_screen(), StepScreen)  # type: ignore[attr-defined]


def test_enter_in_a_field_moves_on_to_the_next_control(qtbot: QtBot) -> None:
    window, flow = kiosk_window(qtbot, "el")
    flow.start("taxi-driver-licence")
    step = current_step(window)
    afm = step.rows["afm"].editor.findChild(QLineEdit)
    assert afm is not None
    settle(qtbot, window)
    afm.setFocus()
    QTest.keyClick(afm, Qt.Key.Key_Return)
    assert not afm.hasFocus()
    assert step.isAncestorOf(window.focusWidget())


def test_the_on_screen_enter_presses_the_focused_field_on_like_a_real_enter(
    qtbot: QtBot,
) -> None:
    window, flow = kiosk_window(qtbot, "el")
    keyboard = OnScreenKeyboard("el", window)
    flow.start("taxi-driver-licence")
    afm = current_step(window).rows["afm"].editor.findChild(QLineEdit)
    assert afm is not None
    settle(qtbot, window)
    afm.setFocus()
    pressed: list[object] = []
    afm.returnPressed.connect(lambda: pressed.append(True))  # the field's own action
    enter = next(k for k in keyboard.findChildren(QAbstractButton) if k.text() == "⏎")
    enter.click()
    assert pressed == [True]


def test_arrow_keys_choose_in_a_yes_no_group_and_say_the_answer(qtbot: QtBot) -> None:
    window, flow = kiosk_window(qtbot, "el")
    flow.start("taxi-driver-licence")
    step = current_step(window)
    given: list[object] = []
    step.answer_given.connect(lambda field, value: given.append((field, value)))
    yes, no = step.rows["nationality"].editor.findChildren(QRadioButton)[:2]
    settle(qtbot, window)
    yes.setFocus()
    QTest.keyClick(yes, Qt.Key.Key_Right)
    assert no.hasFocus() and no.isChecked()
    QTest.keyClick(no, Qt.Key.Key_Up)
    assert yes.hasFocus() and yes.isChecked()
    assert [field for field, _ in given] == ["nationality", "nationality"]


def test_the_headers_switches_show_and_say_whether_they_are_on(qtbot: QtBot) -> None:
    window, _flow = kiosk_window(qtbot, "el")
    switch = window.contrast_button
    assert switch.isCheckable() and not switch.isChecked()
    settle(qtbot, window)
    switch.setFocus()
    QTest.keyClick(switch, Qt.Key.Key_Space)
    assert window.high_contrast and window.contrast_button.isChecked()
    assert window.contrast_button.text().startswith("✓")
    interface = QAccessible.queryAccessibleInterface(window.contrast_button)
    assert interface is not None and interface.state().checked
    QTest.keyClick(window.contrast_button, Qt.Key.Key_Return)  # Enter too
    assert not window.high_contrast and not window.contrast_button.isChecked()
