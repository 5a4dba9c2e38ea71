from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit
from pytestqt.qtbot import QtBot

from kiosk.admin_exit import AdminExit
from kiosk.catalog.loader import load_catalog, sample_catalog_dir
from tests.ui.typing import finish_editing, type_text
from ui.backend import MemoryBackend
from ui.flow import ProcedureFlow
from ui.kiosk_mode import IdleWatcher, KioskWindow, lock_kiosk
from ui.main_window import MainWindow
from ui.screens.home import HomeScreen
from ui.screens.step_form import StepScreen


def _kiosk(qtbot: QtBot, countdown_s: int = 1) -> tuple[KioskWindow, ProcedureFlow, IdleWatcher]:
    AdminExit().set_pin("246802")  # in the test's memory keyring
    window = KioskWindow()
    qtbot.addWidget(window)
    flow = ProcedureFlow(
        window, load_catalog(sample_catalog_dir()), region_code="2", backend=MemoryBackend()
    )
    watcher = IdleWatcher(quiet_ms=200, countdown_s=countdown_s, parent=window)
    lock_kiosk(window, watcher, flow.wipe, lambda: flow.session is not None)
    flow.show_home()
    window.show()
    return window, flow, watcher


def _all_text(window: KioskWindow) -> str:
    parts = [w.text() for w in window.findChildren(QLineEdit)] + [
        w.text() for w in window.findChildren(QLabel)
    ]
    return "\n".join(parts + [w.text() for w in window.findChildren(QAbstractButton)])


def test_a_walked_away_citizen_is_wiped_from_every_widget(qtbot: QtBot) -> None:
    window, flow, watcher = _kiosk(qtbot)
    flow.start("taxi-driver-licence")
    screen = window.current_screen()
    assert isinstance(screen, StepScreen)
    for field_id, value in (("surname", "Παπαδοπούλου"), ("afm", "090000045")):
        line = screen.rows[field_id].editor.findChild(QLineEdit)
        assert line is not None
        type_text(line, value)
        finish_editing(line)
    assert "Παπαδοπούλου" in _all_text(window)
    qtbot.waitUntil(lambda: watcher.counting_down, timeout=3000)
    assert "Είστε ακόμα εδώ;" in window.overlay.title.text()
    qtbot.waitUntil(lambda: isinstance(window.current_screen(), HomeScreen), timeout=4000)
    qtbot.wait(50)  # let the old screen's deleteLater run
    text = _all_text(window)
    assert "Παπαδοπούλου" not in text and "090000045" not in text
    assert flow.session is None and not window.overlay.isVisible()


def test_a_touch_during_the_countdown_keeps_the_application(qtbot: QtBot) -> None:
    window, flow, watcher = _kiosk(qtbot, countdown_s=3)
    flow.start("taxi-driver-licence")
    qtbot.waitUntil(lambda: watcher.counting_down, timeout=3000)
    window.overlay.continue_button.click()
    assert not watcher.counting_down
    assert flow.session is not None and isinstance(window.current_screen(), StepScreen)


def test_the_kiosk_window_is_frameless_and_a_counter_s_is_not(qtbot: QtBot) -> None:
    kiosk, counter = KioskWindow(), MainWindow()
    qtbot.addWidget(kiosk)
    qtbot.addWidget(counter)

    assert kiosk.windowFlags() & Qt.WindowType.FramelessWindowHint
    assert not counter.windowFlags() & Qt.WindowType.FramelessWindowHint


def test_the_kiosk_window_cannot_be_closed_without_the_admin_pin(qtbot: QtBot) -> None:
    window, _flow, _watcher = _kiosk(qtbot)
    window.close()
    assert window.isVisible()
    assert not window.unlock("000000")
    window.close()
    assert window.isVisible()
    assert window.unlock("246802")
    window.close()
    assert not window.isVisible()


def test_an_admin_pin_panel_left_open_is_closed_and_emptied_by_the_idle_wipe(
    qtbot: QtBot,
) -> None:
    window, _flow, watcher = _kiosk(qtbot)
    window.open_admin_exit()
    panel = window.admin_panel
    assert panel is not None
    type_text(panel.pin, "2468")

    with qtbot.waitSignal(watcher.timed_out, timeout=10_000):
        pass

    assert not panel.isVisible()
    assert panel.pin.text() == ""


def test_the_countdown_says_one_second_and_deletes_nothing_before_an_application(
    qtbot: QtBot,
) -> None:
    window, flow, _watcher = _kiosk(qtbot)
    flow.show_finder()  # no application yet
    window.overlay.show_seconds(1)
    assert window.overlay.detail.text() == "Η οθόνη θα επιστρέψει στην αρχή σε 1 δευτερόλεπτο."
    flow.start("taxi-driver-licence")
    window.overlay.show_seconds(1)
    assert window.overlay.detail.text() == "Η αίτηση θα διαγραφεί σε 1 δευτερόλεπτο."
    window.overlay.show_seconds(5)
    assert window.overlay.detail.text() == "Η αίτηση θα διαγραφεί σε 5 δευτερόλεπτα."
    window.toggle_language()
    window.overlay.show_seconds(1)
    assert window.overlay.detail.text() == "The application will be cleared in 1 second."


def test_the_countdown_dims_the_page_behind_it_and_sits_in_the_middle(qtbot: QtBot) -> None:
    window, _flow, _watcher = _kiosk(qtbot)
    window.resize(1280, 800)
    window.overlay.show_seconds(20)
    veil = window.overlay.modal.veil
    assert veil.isVisible() and veil.geometry() == window.rect()  # the whole page, dimmed
    panel = window.overlay.geometry()
    assert panel.center().x() in range(
        window.rect().center().x() - 2, window.rect().center().x() + 3
    )
    shot = window.grab().toImage()
    page = shot.pixelColor(10, window.height() - 10)  # the page's white, under the veil
    assert page.lightness() < 160
    window.overlay.hide()
    assert not veil.isVisible()
