"""The hidden administrator exit of a locked kiosk, used as the IT officer would:
five taps on the Region's name, the PIN, and the window closes; nothing else does."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from kiosk.admin_exit import AdminExit
from tests.ui.typing import type_text
from ui.admin_exit import WITHIN_S, SecretTaps
from ui.kiosk_mode import KioskWindow
from ui.screens.home import HomeScreen


def _kiosk(qtbot: QtBot) -> KioskWindow:
    window = KioskWindow()
    qtbot.addWidget(window)
    window.show_screen(HomeScreen("el"))
    window.resize(1280, 800)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    return window


def _tap_brand(window: KioskWindow, times: int) -> None:
    for _ in range(times):
        QTest.mouseClick(window.brand, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))


def test_five_taps_on_the_region_name_and_the_pin_close_the_locked_kiosk(qtbot: QtBot) -> None:
    AdminExit().set_pin("246802")
    window = _kiosk(qtbot)

    _tap_brand(window, 5)
    panel = window.admin_panel
    assert panel is not None and panel.isVisible()
    assert panel.pin.hasFocus()
    # Over a dimmed page that takes no taps, in the middle: no page words beside it.
    assert panel.modal.veil.isVisible() and panel.modal.veil.geometry() == window.rect()
    assert abs(panel.geometry().center().x() - window.rect().center().x()) <= 2
    type_text(panel.pin, "246802")
    panel.leave_button.click()

    qtbot.waitUntil(lambda: not window.isVisible(), timeout=10_000)


def test_a_wrong_pin_is_told_and_erased_and_the_kiosk_stays_locked(qtbot: QtBot) -> None:
    AdminExit().set_pin("246802")
    window = _kiosk(qtbot)
    _tap_brand(window, 5)
    panel = window.admin_panel
    assert panel is not None

    type_text(panel.pin, "111111")
    panel.leave_button.click()

    qtbot.waitUntil(lambda: panel.error.isVisible(), timeout=10_000)
    assert panel.error.text() == "Λάθος PIN."
    assert panel.pin.text() == ""
    window.close()
    assert window.isVisible()


def test_the_panel_takes_digits_only_and_cancel_leaves_no_trace(qtbot: QtBot) -> None:
    window = _kiosk(qtbot)
    _tap_brand(window, 5)
    panel = window.admin_panel
    assert panel is not None

    type_text(panel.pin, "12ab34")
    assert panel.pin.text() == "1234"
    panel.cancel_button.click()

    assert not panel.isVisible() and panel.pin.text() == ""
    assert window.isVisible()


def test_four_taps_open_nothing(qtbot: QtBot) -> None:
    window = _kiosk(qtbot)

    _tap_brand(window, 4)

    assert window.admin_panel is None


def test_taps_spread_over_more_than_four_seconds_open_nothing(qtbot: QtBot) -> None:
    window = _kiosk(qtbot)
    now = [0.0]
    taps = SecretTaps(window.brand, clock=lambda: now[0])
    opened: list[bool] = []
    taps.opened.connect(lambda: opened.append(True))

    for _ in range(5):
        _tap_brand(window, 1)
        now[0] += WITHIN_S / 4 + 0.1  # the fifth comes 4.4 s after the first
    assert opened == []

    for _ in range(4):
        _tap_brand(window, 1)  # four more at once: with the last one, five within 4 s
    assert opened == [True]
