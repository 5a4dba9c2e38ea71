"""An error nobody caught does not crash the app nor leave a traceback or a frozen
screen: it is written to the log (redacted) and the window shows «something went wrong»
with one way on, back to the start, where the person finds what they typed kept."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from kiosk.catalog.loader import load_catalog, sample_catalog_dir
from kiosk.logs import LOG_FILE_NAME, configure_logging
from kiosk.store import open_store
from ui.backend import StoreBackend
from ui.crash import CrashHooks, install_crash_hooks
from ui.flow import ProcedureFlow
from ui.main_window import MainWindow
from ui.screens.home import HomeScreen
from ui.screens.step_form import StepScreen
from ui.tasks import Lane

AFM = "090000045"  # a citizen's tax number in an exception message: never in the log


@pytest.fixture
def window(qtbot: QtBot) -> MainWindow:
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1024, 768)
    window.show()
    return window


@pytest.fixture
def hooks(window: MainWindow, tmp_path: Path) -> Iterator[CrashHooks]:
    configure_logging(tmp_path / "logs")
    hooks = install_crash_hooks(window)
    yield hooks
    hooks.uninstall()
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, "_kiosk_handler", False)]:
        root.removeHandler(handler)
        handler.close()


def _log(tmp_path: Path) -> str:
    return (tmp_path / "logs" / LOG_FILE_NAME).read_text(encoding="utf-8")


def _fail() -> None:
    raise ValueError(f"no record for {AFM}")


def _shows_went_wrong(qtbot: QtBot, hooks: CrashHooks, tmp_path: Path) -> None:
    qtbot.waitUntil(hooks.overlay.isVisible)
    assert hooks.overlay.title.text() == "Κάτι πήγε στραβά"
    assert "αποθηκευμένο" in hooks.overlay.detail.text()
    assert hooks.overlay.geometry() == hooks.window.rect()  # it covers the window
    assert "Traceback" not in hooks.overlay.detail.text()
    log = _log(tmp_path)
    assert "unexpected error" in log and "ValueError" in log
    assert AFM not in log


def test_an_exception_raised_in_a_slot_shows_the_screen_and_writes_a_log_line(
    qtbot: QtBot, window: MainWindow, hooks: CrashHooks, tmp_path: Path
) -> None:
    pressed = QPushButton("go", window)
    pressed.clicked.connect(_fail)
    pressed.click()
    _shows_went_wrong(qtbot, hooks, tmp_path)
    assert window.isVisible()  # the app goes on


def test_an_exception_raised_in_a_timer_callback_shows_the_screen_and_writes_a_log_line(
    qtbot: QtBot, hooks: CrashHooks, tmp_path: Path
) -> None:
    QTimer.singleShot(0, _fail)
    _shows_went_wrong(qtbot, hooks, tmp_path)


def test_an_exception_raised_on_a_worker_thread_shows_the_screen_and_writes_a_log_line(
    qtbot: QtBot, hooks: CrashHooks, tmp_path: Path
) -> None:
    worker = threading.Thread(target=_fail, name="a-worker")
    worker.start()
    worker.join()
    _shows_went_wrong(qtbot, hooks, tmp_path)
    assert "thread a-worker" in _log(tmp_path)


def test_a_task_that_fails_without_a_handler_is_reported_not_lost(
    qtbot: QtBot, window: MainWindow, hooks: CrashHooks, tmp_path: Path
) -> None:
    lane = Lane("test", window)
    lane.run(_fail, lambda _result: None)
    _shows_went_wrong(qtbot, hooks, tmp_path)


def test_a_task_whose_caller_handles_the_failure_is_not_reported(
    qtbot: QtBot, window: MainWindow, hooks: CrashHooks, tmp_path: Path
) -> None:
    told: list[Exception] = []
    lane = Lane("test", window)
    lane.run(_fail, lambda _result: None, told.append)
    qtbot.waitUntil(lambda: not lane.busy)
    assert [type(e) for e in told] == [ValueError]
    assert not hooks.overlay.isVisible()


def test_back_to_the_start_after_an_error_keeps_what_the_citizen_typed(
    qtbot: QtBot, window: MainWindow, hooks: CrashHooks, tmp_path: Path
) -> None:
    store = open_store(tmp_path / "device.sqlite3")
    flow = ProcedureFlow(
        window,
        load_catalog(sample_catalog_dir()),
        region_code="2",
        backend=StoreBackend(store),
    )
    hooks.home = flow.wipe
    flow.start("taxi-driver-licence")
    step = window.current_screen()
    assert isinstance(step, StepScreen) and flow.session is not None
    sid = flow.session.submission_id
    step.rows["surname"].editor.set_value("Papadopoulou")
    step.answer_given.emit("surname", "Papadopoulou")

    QTimer.singleShot(0, _fail)
    qtbot.waitUntil(hooks.overlay.isVisible)
    hooks.overlay.home_button.click()

    assert isinstance(window.current_screen(), HomeScreen)
    assert not hooks.overlay.isVisible()
    assert flow.session is None  # the screen forgot the applicant ...
    assert store.drafts.answers(sid)["surname"] == "Papadopoulou"  # ... the store did not
    store.close()


def test_the_screen_speaks_english_on_an_english_window(
    qtbot: QtBot, window: MainWindow, hooks: CrashHooks
) -> None:
    window.toggle_language()
    QTimer.singleShot(0, _fail)
    qtbot.waitUntil(hooks.overlay.isVisible)
    assert hooks.overlay.title.text() == "Something went wrong"
    assert hooks.overlay.home_button.text() == "Back to the start"
