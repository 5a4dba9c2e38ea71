from __future__ import annotations

from pytestqt.qtbot import QtBot

from ui.main_window import MainWindow


def test_main_window_opens_with_the_govgr_header_and_closes(qtbot: QtBot) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.isVisible()
    assert "Περιφέρεια" in window.windowTitle()
    window.close()
    assert not window.isVisible()
