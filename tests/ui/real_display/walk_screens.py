"""Every screen of both modes as a real window on a real (virtual) X display.

Not collected by the suite (no `test_` prefix): tests/ui/test_real_screens.py runs this
file in a process of its own per screen size, with `KIOSK_TESTS_REAL_DISPLAY=1` (the
xcb platform, tests/conftest.py), `DISPLAY` set to an Xvfb of that size, and
`KIOSK_REAL_SHOTS` the folder for the screenshots. The windows are shown as the app
shows them: the kiosk full screen, the counter fitted to the screen."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtWidgets import QApplication, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from kiosk.catalog.loader import load_catalog, sample_catalog_dir
from tests.ui.counter.conftest import Counter
from tests.ui.counter.conftest import counter as counter_device  # noqa: F401 - a fixture
from tests.ui.real_display.checks import screen_problems
from tests.ui.walkthrough import citizen_screens, counter_screens, parking_screens
from ui.backend import MemoryBackend
from ui.flow import ProcedureFlow
from ui.kiosk_mode import KioskWindow
from ui.main_window import show_fitted, show_full_screen
from ui.widgets.onscreen_keyboard import TEXT_INPUTS


def _shots() -> Path:
    folder = Path(os.environ.get("KIOSK_REAL_SHOTS", "real-screens"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _size() -> str:
    screen = QApplication.primaryScreen()
    return f"{screen.size().width()}x{screen.size().height()}"


def _look(qtbot: QtBot, window: QWidget, name: str) -> list[str]:
    """Check the screen as it is and photograph the whole display (what a person sees,
    including whatever falls off the window's edge)."""
    qtbot.wait(30)  # the X server maps, the window paints
    QApplication.processEvents()
    shot = window.screen().grabWindow(0)
    assert shot.save(str(_shots() / f"{_size()}-{name}.png"))
    return [f"{name}: {problem}" for problem in screen_problems(window)]


def _typing(qtbot: QtBot, window: KioskWindow, name: str) -> list[str]:
    """With the on-screen keyboard: the screen as it is, and again with the first field
    in the focus (the keyboard up), as a citizen who is about to type sees it."""
    found = _look(qtbot, window, name)
    focused = QApplication.focusWidget()
    if isinstance(focused, TEXT_INPUTS):
        return found
    screen = window.current_screen()
    fields = [f for f in screen.findChildren(QLineEdit) if f.isVisible() and f.isEnabled()]
    if screen is None or not fields or window.overlay.isVisible():
        return found
    fields[0].setFocus()
    found += _look(qtbot, window, f"{name}-typing")
    if focused is not None:
        focused.setFocus()
    return found


def _kiosk(qtbot: QtBot, keyboard: bool) -> tuple[KioskWindow, ProcedureFlow]:
    window = KioskWindow("el", virtual_keyboard=keyboard)
    flow = ProcedureFlow(
        window,
        load_catalog(sample_catalog_dir()),
        region_code="2",
        backend=MemoryBackend(),
        receipt_base="https://platform.example.gov.gr",  # enrolled: the receipt's QR code
    )
    qtbot.addWidget(window, before_close_func=lambda _window: flow.wipe_session())
    window.set_place("2", "0202")  # the header's second line, as `kiosk run` sets it
    flow.show_home()
    show_full_screen(window)  # as ui/startup/first_screen.py shows a kiosk
    window.activateWindow()
    qtbot.waitExposed(window)
    return window, flow


def _walk_kiosk(qtbot: QtBot, keyboard: bool) -> list[str]:
    mode = "kiosk-keyboard" if keyboard else "kiosk"
    window, flow = _kiosk(qtbot, keyboard)
    problems: list[str] = []
    look = _typing if keyboard else _look
    for state in citizen_screens(qtbot, window, flow):
        problems += look(qtbot, window, f"{mode}-{state}")  # type: ignore[operator]
    window.overlay.hide()
    for state in parking_screens(qtbot, window, flow):
        problems += look(qtbot, window, f"{mode}-parking-{state}")  # type: ignore[operator]
    if not keyboard:  # the header's switches on: large text and high contrast together
        window.large_text_button.click()
        window.contrast_button.click()
        flow.show_finder()
        problems += look(qtbot, window, f"{mode}-switches-on-finder")  # type: ignore[operator]
        window.large_text_button.click()
        window.contrast_button.click()
    window.hide()  # a locked kiosk window refuses to close
    return problems


def test_every_kiosk_screen_fits_the_screen(qtbot: QtBot) -> None:
    problems = _walk_kiosk(qtbot, keyboard=False)
    assert not problems, "\n".join(problems)


def test_every_kiosk_screen_fits_the_screen_with_the_on_screen_keyboard(qtbot: QtBot) -> None:
    problems = _walk_kiosk(qtbot, keyboard=True)
    assert not problems, "\n".join(problems)


def test_every_counter_screen_fits_the_screen(
    qtbot: QtBot,
    counter_device: Counter,  # noqa: F811 - the fixture imported above
) -> None:
    window = counter_device.window
    window.set_place("2", "0202")
    window.hide()
    show_fitted(window)  # as ui/startup/first_screen.py shows a counter
    qtbot.waitExposed(window)
    problems: list[str] = []
    for state in counter_screens(qtbot, counter_device, size=None):
        problems += _look(qtbot, window, f"counter-{state}")
    assert not problems, "\n".join(problems)
