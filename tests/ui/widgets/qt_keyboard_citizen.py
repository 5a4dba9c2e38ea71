"""A citizen at a kiosk with Qt's virtual keyboard opens the finder and types on the panel.

Run by test_qt_keyboard.py in its own process under xvfb-run: Qt's keyboard needs a real
display (offscreen has no panel) and is chosen before the QApplication exists. Prints one
JSON line with what the citizen saw, then quits (exit status 0: Qt and the keyboard part
cleanly); `--screenshot PATH` saves the screen too."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable

from PySide6.QtCore import QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QWindow
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from ui.qt_keyboard import keyboard_panel, keyboard_settings, prepare_qt_keyboard

LONG_PRESS_MS = 1200  # the panel offers a key's accented forms after a long press


def items_on(panel: QWindow, keys_only: bool = True) -> dict[str, tuple[QPoint, float]]:
    """The panel's visible keys (or any labelled item): text -> centre in the window, width."""
    from PySide6.QtQuick import QQuickItem

    root = panel.findChild(QQuickItem)  # the window's content item
    assert root is not None
    found: dict[str, tuple[QPoint, float]] = {}

    def walk(item: QQuickItem) -> None:
        if not item.isVisible():
            return
        label = item.property("text")
        is_key = "Key" in item.metaObject().className()
        if isinstance(label, str) and label and (is_key or not keys_only):
            centre = item.mapToScene(QPointF(item.width() / 2, item.height() / 2)).toPoint()
            found.setdefault(label, (centre, item.width()))
        for child in item.childItems():
            walk(child)

    walk(root)
    return found


def tap(panel: QWindow, label: str) -> None:
    centre, _ = items_on(panel)[label]
    QTest.mouseClick(panel, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre)
    QTest.qWait(60)


def long_press(panel: QWindow, label: str, accented: str) -> None:
    """Hold a key until its accented forms show, slide onto one, let go."""
    centre, _ = items_on(panel)[label]
    left = Qt.MouseButton.LeftButton
    QTest.mousePress(panel, left, Qt.KeyboardModifier.NoModifier, centre)
    QTest.qWait(LONG_PRESS_MS)
    choice = {
        text: spot
        for text, spot in items_on(panel, keys_only=False).items()
        if spot[0].y() < centre.y()  # the forms pop up above the key
    }
    target = choice[accented][0] if accented in choice else centre
    QTest.mouseMove(panel, target)
    QTest.qWait(100)
    QTest.mouseRelease(panel, left, Qt.KeyboardModifier.NoModifier, target)
    QTest.qWait(100)


def wait_until(condition: Callable[[], bool], ms: int = 10_000) -> None:
    for _ in range(ms // 50):
        if condition():
            return
        QTest.qWait(50)


def main() -> int:
    chosen = prepare_qt_keyboard()
    app = QApplication(sys.argv)
    from kiosk.catalog.loader import load_catalog, sample_catalog_dir
    from ui.backend import MemoryBackend
    from ui.flow import ProcedureFlow
    from ui.kiosk_mode import KioskWindow
    from ui.screens.finder import FinderScreen

    window = KioskWindow(virtual_keyboard="qt")
    flow = ProcedureFlow(
        window, load_catalog(sample_catalog_dir()), region_code="2", backend=MemoryBackend()
    )
    flow.show_home()
    window.setGeometry(0, 0, 1280, 1024)
    window.show()
    window.activateWindow()
    QTest.qWaitForWindowActive(window)
    method = QGuiApplication.inputMethod()
    QTest.qWait(300)
    seen: dict[str, object] = {"chosen": chosen, "qt_keyboard": window.qt_keyboard is not None}
    seen["shown_on_home"] = method.isVisible()
    flow.show_finder()
    finder = window.current_screen()
    assert isinstance(finder, FinderScreen)
    wait_until(method.isVisible)
    panel = keyboard_panel()
    QTest.qWait(800)  # the panel slides up
    settings = keyboard_settings()
    seen["shown_on_finder"] = method.isVisible()
    seen["layout"] = settings.property("locale") if settings is not None else None
    seen["room_made"] = window.contentsMargins().bottom()
    if panel is not None:
        long_press(panel, "α", "ά")
        for label in ("δ", "ε", "ι", "α", " ", "τ", "α", "ξ"):
            tap(panel, label)
        long_press(panel, "ι", "ί")
        QTest.qWait(300)
    seen["typed"] = finder.query.text()
    seen["focus_kept"] = finder.query.hasFocus()
    if "--screenshot" in sys.argv:
        path = sys.argv[sys.argv.index("--screenshot") + 1]
        window.screen().grabWindow(0).save(path)
    # Back home (no field: the panel goes), English, and the finder again.
    flow.show_home()
    wait_until(lambda: not method.isVisible())
    seen["hidden_on_home"] = not method.isVisible()
    seen["room_given_back"] = window.contentsMargins().bottom() == 0
    window.toggle_language()
    flow.show_finder()
    finder = window.current_screen()
    assert isinstance(finder, FinderScreen)
    wait_until(method.isVisible)
    QTest.qWait(800)
    seen["english_layout"] = settings.property("locale") if settings is not None else None
    if panel is not None:
        for label in ("t", "a", "x", "i"):
            tap(panel, label)
        QTest.qWait(300)
    seen["typed_in_english"] = finder.query.text()
    print(json.dumps(seen, ensure_ascii=False), flush=True)
    # Leave as the kiosk does when an administrator quits it (exit, not quit: the kiosk
    # window refuses to close): the test checks that Qt and the keyboard part cleanly.
    QTimer.singleShot(0, lambda: app.exit(0))
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
