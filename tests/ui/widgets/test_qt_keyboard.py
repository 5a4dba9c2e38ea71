"""A citizen at a kiosk set to Qt's virtual keyboard (`virtual_keyboard = "qt"`) types
Greek with accents on its panel, then English after switching the language.

Qt's keyboard has no panel offscreen, where this test session runs, and is chosen when the
QApplication is created: the citizen runs in a process of its own on a virtual X display
(xvfb-run, the xcb platform), see qt_keyboard_citizen.py."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from ui.kiosk_mode import KioskWindow
from ui.widgets.onscreen_keyboard import OnScreenKeyboard

ROOT = Path(__file__).resolve().parents[3]


def _citizen_types(screenshot: Path) -> dict[str, object]:
    env = {k: v for k, v in os.environ.items() if k != "QT_IM_MODULE"}
    env["QT_QPA_PLATFORM"] = "xcb"
    command = ["xvfb-run", "-a", "-s", "-screen 0 1280x1024x24", sys.executable]
    command += ["-m", "tests.ui.widgets.qt_keyboard_citizen", "--screenshot", str(screenshot)]
    run = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=100)
    lines = [line for line in run.stdout.splitlines() if line.startswith("{")]
    assert lines, f"the citizen's run failed:\n{run.stderr[-3000:]}"
    # Exit 0: the kiosk quits cleanly with Qt's keyboard (it crashed at exit, see QtKeyboard).
    assert run.returncode == 0, f"exit status {run.returncode}:\n{run.stderr[-3000:]}"
    seen: dict[str, object] = json.loads(lines[-1])
    return seen


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="needs xvfb-run (apt: xvfb)")
def test_greek_typed_on_qts_keyboard_lands_in_the_finder(tmp_path: Path) -> None:
    seen = _citizen_types(tmp_path / "qt-keyboard.png")
    assert seen["chosen"] and seen["qt_keyboard"], "Qt's keyboard was not chosen"
    assert not seen["shown_on_home"]  # nothing to type on the home screen
    assert seen["shown_on_finder"] and seen["layout"] == "el_GR"
    assert seen["room_made"] == 400  # the screens end above the panel, nothing hidden
    # The panel capitalises the first letter; ά and ί come from a long press on α and ι.
    assert seen["typed"] == "Άδεια ταξί"
    assert seen["focus_kept"]  # the panel never takes the focus from the field
    assert seen["hidden_on_home"] and seen["room_given_back"]
    assert seen["english_layout"] == "en_GB"
    assert seen["typed_in_english"] == "Taxi"
    assert (tmp_path / "qt-keyboard.png").stat().st_size > 10_000


def test_without_qts_keyboard_chosen_at_start_the_kiosk_keeps_the_built_in_one(
    qtbot: QtBot,
) -> None:
    # This session's QApplication was created without QT_IM_MODULE: never no keyboard.
    window = KioskWindow(virtual_keyboard="qt")
    qtbot.addWidget(window)
    assert window.qt_keyboard is None
    assert isinstance(window.keyboard, OnScreenKeyboard)


_RUN_AND_LOOK = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from ui.cli import main
from ui.kiosk_mode import KioskWindow
def look():
    kiosks = [w for w in QApplication.topLevelWidgets() if isinstance(w, KioskWindow)]
    print("qt keyboard:", bool(kiosks) and kiosks[0].qt_keyboard is not None, flush=True)
QTimer.singleShot(0, look)  # runs once the event loop turns: the first screen is up
sys.exit(main(["run", "--config", sys.argv[1], "--exit-when-loaded"]))
"""


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="needs xvfb-run (apt: xvfb)")
def test_kiosk_run_with_the_qt_keyboard_in_its_office_file_shows_qts_keyboard(
    tmp_path: Path,
) -> None:
    from tests.ui.cli.test_run_command import _config

    config = _config(tmp_path, virtual_keyboard='"qt"', server_url='"http://127.0.0.1:9"')
    env = {k: v for k, v in os.environ.items() if k != "QT_IM_MODULE"}
    env["QT_QPA_PLATFORM"] = "xcb"
    # The device's secrets: the test's in-memory keyring (the store's key lives there).
    env["PYTHON_KEYRING_BACKEND"] = "tests.support.memory_keyring.MemoryKeyring"
    command = ["xvfb-run", "-a", "-s", "-screen 0 1280x1024x24", sys.executable, "-c"]
    run = subprocess.run(
        [*command, _RUN_AND_LOOK, str(config)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=100,
    )

    assert run.returncode == 0, run.stderr[-3000:]
    assert "qt keyboard: True" in run.stdout, run.stderr[-3000:]
