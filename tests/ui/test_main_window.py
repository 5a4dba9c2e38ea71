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


def test_work_put_off_until_the_first_paint_runs_once_after_the_window_is_painted(
    qtbot: QtBot,
) -> None:
    from PySide6.QtCore import QEvent, QObject

    from ui.main_window import after_first_paint

    events: list[str] = []

    class PaintSeen(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.Paint:
                events.append("painted")
            return False

    window = MainWindow()
    qtbot.addWidget(window)
    seen = PaintSeen(window)
    window.installEventFilter(seen)
    after_first_paint(window, lambda: events.append("started"))
    window.show()
    assert events == []  # showing does not paint: the event loop does

    qtbot.waitUntil(lambda: "started" in events)
    window.update()
    qtbot.wait(50)

    assert events[0] == "painted"
    assert events.count("started") == 1


def test_tab_reads_the_header_then_the_screen_then_the_status_bar(qtbot: QtBot) -> None:
    """The status bar is read last: a screen shown after the bar was placed (every
    screen is) comes before it in Tab order, not after it."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton, QVBoxLayout, QWidget

    window = MainWindow()
    qtbot.addWidget(window)
    sign_out = QPushButton("Sign out")
    window.statusBar().addPermanentWidget(sign_out)
    screen = QWidget()
    fields = QVBoxLayout(screen)
    name, email = QLineEdit(), QLineEdit()
    fields.addWidget(name)
    fields.addWidget(email)
    window.show()
    qtbot.waitExposed(window)
    window.show_screen(screen)

    window.activateWindow()
    window.large_text_button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(window.large_text_button.hasFocus, timeout=1000)
    visited = [window.large_text_button]
    for _ in range(5):
        current = QApplication.focusWidget()
        assert current is not None
        qtbot.keyClick(current, Qt.Key.Key_Tab)
        visited.append(QApplication.focusWidget())

    assert visited == [
        window.large_text_button,
        window.contrast_button,
        window.language_button,
        name,
        email,
        sign_out,
    ]


def test_the_header_names_the_office_the_office_file_names(qtbot: QtBot) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    window.set_place("2", "0202", "ΚΕΠ Καλαμαριάς")
    assert window.place.text().endswith("ΠΕ ΘΕΣΣΑΛΟΝΙΚΗΣ · ΚΕΠ Καλαμαριάς")
    window.toggle_language()  # a name is a name: it stays as the office wrote it
    assert window.place.text().endswith("Regional Unit of Thessaloniki · ΚΕΠ Καλαμαριάς")


def test_the_header_names_the_region_and_regional_unit_in_either_language(qtbot: QtBot) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    assert not window.place.isVisibleTo(window)  # nowhere yet: nothing said
    window.set_place("2", "0202")
    assert window.place.text() == "ΠΕΡΙΦΕΡΕΙΑ ΚΕΝΤΡΙΚΗΣ ΜΑΚΕΔΟΝΙΑΣ · ΠΕ ΘΕΣΣΑΛΟΝΙΚΗΣ"
    window.toggle_language()
    assert window.place.text() == "Region of Kentrikí Makedonía · Regional Unit of Thessaloniki"
