"""The citizen's screens as a screen reader gets them, through AT-SPI.

Not collected by the suite (no `test_` prefix): tests/ui/test_screen_reader.py runs this
file inside `dbus-run-session` with the accessibility bus launched, on an Xvfb display
(xcb) and with `QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1`. At each screen the tree is read by
a child process (tests/ui/real_display/read_tree.py, the system python3 with pyatspi),
while this process keeps answering the bus."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from PySide6.QtCore import QProcess
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui.counter.conftest import Counter
from tests.ui.counter.conftest import counter as counter_device  # noqa: F401 - a fixture
from tests.ui.walkthrough import citizen_screens, counter_screens, kiosk_window

READER = Path(__file__).with_name("read_tree.py")
SYSTEM_PYTHON = "/usr/bin/python3"
CONTROLS = {"push button", "toggle button", "text", "password text", "radio button", "check box"}
# The screens where every control must be named and the state said; a refused step adds
# «its first field says what is wrong».
COUNTER_READ_AT = {"sign-in", "sign-in-refused", "today", "receipt"}
SWITCHES = {"Μεγάλα γράμματα", "Υψηλή αντίθεση"}
READ_AT = {"home", "finder", "overview", "step-applicant", "step-applicant-refused",
           "step-eligibility", "step-eligibility-refused", "review", "done", "still-there"}  # fmt: skip


def _read(qtbot: QtBot) -> list[dict[str, object]]:
    reader = QProcess()
    reader.start(SYSTEM_PYTHON, [str(READER), str(os.getpid())])
    # The reader's questions are answered by this process's event loop: keep it turning.
    qtbot.waitUntil(lambda: reader.state() == QProcess.ProcessState.NotRunning, timeout=30_000)
    out = bytes(reader.readAllStandardOutput().data()).decode()
    tree = json.loads(out or "[]")
    assert isinstance(tree, list), tree
    return tree


def _problems(state: str, tree: list[dict[str, object]]) -> list[str]:
    problems = []
    controls = [n for n in tree if n["role"] in CONTROLS]
    if not controls:
        problems.append("no control on the bus")
    for node in controls:
        if not str(node["name"]).strip():
            problems.append(f"a {node['role']} without a name")
    for node in tree:  # the header's switches say they can be on or off, and whether they are
        if node["name"] in SWITCHES and "checkable" not in node["states"]:  # type: ignore[operator]
            problems.append(f"switch «{node['name']}» does not say it can be on or off")
    if state.endswith("-refused"):
        focused = [n for n in tree if "focused" in n["states"]]  # type: ignore[operator]
        if not focused or not str(focused[0]["description"]).strip():
            problems.append(f"the focused control does not say what is wrong: {focused}")
    return [f"{state}: {p}" for p in problems]


# pyatspi asks each application for its own bus address, which Qt does not implement;
# the reader falls back to the shared bus. Said on every read, harmless.
@pytest.mark.qt_log_ignore('does not implement "GetApplicationBusAddress"')
def test_every_citizen_screen_reads_on_the_accessibility_bus(qtbot: QtBot) -> None:
    QApplication.setApplicationName("periferia-kiosk")
    window, flow = kiosk_window(qtbot, "el")
    found: dict[str, list[dict[str, object]]] = {}
    problems: list[str] = []
    for state in citizen_screens(qtbot, window, flow):
        if state in READ_AT:
            found[state] = _read(qtbot)
            problems += _problems(state, found[state])
    out = os.environ.get("KIOSK_ATSPI_OUT")
    if out:
        Path(out).write_text(json.dumps(found, ensure_ascii=False, indent=1), encoding="utf-8")
    assert not problems, "\n".join(problems)


@pytest.mark.qt_log_ignore('does not implement "GetApplicationBusAddress"')
def test_the_clerks_main_screens_read_on_the_accessibility_bus(
    qtbot: QtBot,
    counter_device: Counter,  # noqa: F811 - the fixture imported above
) -> None:
    found: dict[str, list[dict[str, object]]] = {}
    problems: list[str] = []
    for state in counter_screens(qtbot, counter_device):
        if state in COUNTER_READ_AT:
            found[state] = _read(qtbot)
            problems += _problems(state, found[state])
    out = os.environ.get("KIOSK_ATSPI_OUT")
    if out:
        Path(f"{out}.counter").write_text(json.dumps(found, ensure_ascii=False), encoding="utf-8")
    assert not problems, "\n".join(problems)
