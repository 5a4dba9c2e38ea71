"""Typing as a person would. qtbot.keyClicks aborts on non-ASCII text (STACK-NOTES),
so Greek is sent one key event per character."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget


def type_text(widget: QWidget, text: str) -> None:
    widget.setFocus()
    for char in text:
        QTest.sendKeyEvent(
            QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, char, Qt.KeyboardModifier.NoModifier
        )


def finish_editing(widget: QWidget) -> None:
    QTest.keyClick(widget, Qt.Key.Key_Return)
