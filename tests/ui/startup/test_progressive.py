"""`kiosk run` paints its first screen before the app behind it has loaded: what a
person does on that screen meanwhile is done once the flow or console takes it over."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.config import parse_office_config
from kiosk.office_file import read_office_file
from tests.ui.cli.test_run_command import _config
from tests.ui.typing import type_text
from ui.counter.sign_in import SignInScreen
from ui.main_window import MainWindow
from ui.screens.finder import FinderScreen
from ui.screens.home import HomeScreen
from ui.startup.progressive import Started, start


@pytest.fixture
def begin(qtbot: QtBot, tmp_path: Path) -> Iterator[object]:
    """start(mode): the first screen on show, the loading not yet begun (Qt has not
    painted it: that happens once the test turns the event loop)."""
    made: list[Started] = []

    def begin(mode: str) -> Started:
        office = read_office_file(_config(tmp_path, mode=f'"{mode}"'))
        config = parse_office_config(office.text, office.path)
        started = start(office, config.first_screen(), config)
        made.append(started)
        return started

    yield begin
    for started in made:
        started.close()
        started.window.hide()
        started.window.deleteLater()
    QApplication.processEvents()


def test_a_tap_on_find_before_loading_ends_opens_the_finder_once_it_has(
    qtbot: QtBot, begin: object
) -> None:
    started = begin("kiosk")  # type: ignore[operator]
    home = started.window.current_screen()
    assert isinstance(home, HomeScreen)

    home.find_button.click()  # the citizen does not wait for the app
    assert started.assembled is None

    with qtbot.waitSignal(started.loaded, timeout=30_000):
        pass
    assert isinstance(started.window.current_screen(), FinderScreen)


def test_a_language_switch_before_loading_ends_redraws_the_welcome_in_english(
    qtbot: QtBot, begin: object
) -> None:
    started = begin("kiosk")  # type: ignore[operator]
    window: MainWindow = started.window
    window.language_button.click()

    with qtbot.waitSignal(started.loaded, timeout=30_000):
        pass
    home = window.current_screen()
    assert isinstance(home, HomeScreen)
    assert window.language == "en"
    assert home.find_button.text() == "Find your procedure"


def test_a_clerk_who_types_and_signs_in_before_loading_ends_gets_an_answer(
    qtbot: QtBot, begin: object
) -> None:
    started = begin("counter")  # type: ignore[operator]
    sign_in = started.window.current_screen()
    assert isinstance(sign_in, SignInScreen)
    type_text(sign_in.clerk_id, "clerk01")
    type_text(sign_in.password, "λάθος-κωδικός")
    sign_in.submit.click()

    with qtbot.waitSignal(started.loaded, timeout=30_000):
        pass
    # The same screen, taken over with what was typed; the sign-in was not lost: with
    # no platform and no cached verifier on this device, the clerk is told so.
    assert started.window.current_screen() is sign_in
    assert sign_in.clerk_id.text() == "clerk01"
    qtbot.waitUntil(lambda: sign_in.error.isVisible(), timeout=10_000)
    assert sign_in.error.text()


def test_an_error_nobody_caught_after_loading_shows_went_wrong_and_leads_home(
    qtbot: QtBot, begin: object
) -> None:
    from PySide6.QtCore import QTimer

    started = begin("kiosk")  # type: ignore[operator]
    with qtbot.waitSignal(started.loaded, timeout=30_000):
        pass
    home = started.window.current_screen()
    assert isinstance(home, HomeScreen)
    home.find_button.click()
    assert isinstance(started.window.current_screen(), FinderScreen)

    def fail() -> None:
        raise RuntimeError("a bug")

    QTimer.singleShot(0, fail)  # as a slot or a timer of the app would
    overlay = started.crash.overlay
    qtbot.waitUntil(overlay.isVisible)
    overlay.home_button.click()
    assert isinstance(started.window.current_screen(), HomeScreen)  # the flow's wipe
    assert not overlay.isVisible()


def test_a_garbage_collector_paused_for_the_start_runs_again_once_loaded(
    qtbot: QtBot, begin: object
) -> None:
    gc.disable()  # as `kiosk run` does (ui.cli.commands.run)
    try:
        started = begin("kiosk")  # type: ignore[operator]
        with qtbot.waitSignal(started.loaded, timeout=30_000):
            pass
        assert not gc.isenabled()  # "loaded" is said before the collection
        qtbot.waitUntil(gc.isenabled)
    finally:
        gc.enable()
