"""Facts about the Qt binding this app depends on, checked where they bit us."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from pytestqt.qtbot import QtBot


class _Emitter(QObject):
    plain = Signal()
    with_text = Signal(str)


def test_emitting_signals_from_python_does_not_leak_references_to_true(qtbot: QtBot) -> None:
    # PySide6 6.12.0 lost one reference to True per emit(): after a few thousand emits
    # (an hour of kiosk countdown ticks) the interpreter aborts with "bool_dealloc".
    emitter = _Emitter()
    emitter.plain.connect(lambda: None)
    before = sys.getrefcount(True)
    for _ in range(1000):
        emitter.plain.emit()
        emitter.with_text.emit("x")
    # 2,000 emits: the bug shows as -2000; unrelated code may move it by a few.
    assert abs(sys.getrefcount(True) - before) < 100
