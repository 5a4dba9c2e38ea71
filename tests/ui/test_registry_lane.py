"""Once Only look-ups do not freeze the screen: over a slow link the person keeps
typing, and the name arrives from the (fake) taxpayer registry when the platform answers."""

from __future__ import annotations

import itertools
import time

from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from kiosk.catalog.loader import load_catalog, sample_catalog_dir
from kiosk.engine.evidence import Acting
from sync.demo_citizen import demo_clerk_credentials
from sync.registry import PlatformRegistry
from sync.server.faults import Fault
from tests.sync.citizen_support import clerk_session
from tests.sync.conftest import Platform, platform  # noqa: F401  (the reference server fixture)
from ui.backend import MemoryBackend
from ui.flow import ProcedureFlow
from ui.main_window import MainWindow
from ui.registry_lane import BackgroundRegistry
from ui.screens.step_form import StepScreen


def _flow(qtbot: QtBot, registry: BackgroundRegistry) -> tuple[ProcedureFlow, StepScreen]:
    window = MainWindow()
    qtbot.addWidget(window)
    flow = ProcedureFlow(
        window, load_catalog(sample_catalog_dir()), region_code="2", backend=MemoryBackend(),
        registry=registry,
    )  # fmt: skip
    window.show()
    flow.start("taxi-driver-licence")
    screen = window.current_screen()
    assert isinstance(screen, StepScreen)
    # A clerk who checked the applicant's identity, and the applicant asked for the name.
    assert flow.authorise(Acting(kind="clerk", clerk_id="clerk01"))
    assert flow.session is not None
    flow.session.choose_evidence("prefill:afm", "fetch")
    return flow, screen


def _answer(screen: StepScreen, field_id: str, value: str) -> None:
    screen.rows[field_id].editor.set_value(value)
    screen.answer_given.emit(field_id, value)


def test_a_slow_registry_does_not_freeze_the_screen_and_the_name_arrives_later(
    qtbot: QtBot,
    platform: Platform,  # noqa: F811
) -> None:
    clerk_session(platform)  # this device is now one of demo-office, where clerk01 works
    client = platform.client(timeout=5.0)
    clerk = demo_clerk_credentials(client)  # a lawful look-up (issue #16)
    platform.faults.add(Fault("delay", "POST", "/v1/registry", times=1, delay=1.5))
    registry = BackgroundRegistry(PlatformRegistry(client, lambda: clerk))
    flow, screen = _flow(qtbot, registry)
    beats: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: beats.append(time.monotonic()))
    timer.start(10)

    screen.next_button.click()  # refused first: «fill in this field» under the name
    assert screen.issue_text("surname")
    started = time.monotonic()
    _answer(screen, "afm", "099999987")
    returned = time.monotonic() - started
    assert screen.rows["surname"].editor.value() in (None, "")  # not yet: still asking
    assert flow.session is not None and flow.session.checks["prefill:afm"].status == "pending"
    _answer(screen, "birth_date", "1988-06-15")  # the person goes on meanwhile

    qtbot.waitUntil(lambda: screen.rows["surname"].editor.value() == "ΔΟΚΙΜΑΣΤΙΚΗ", timeout=10_000)
    timer.stop()
    assert not screen.issue_text("surname")  # nothing stale under the filled name
    assert flow.session.checks["prefill:afm"].status == "verified"
    assert flow.session.answers["birth_date"] == "1988-06-15"
    # The answer came back at once although the platform took 1.5 s, and the GUI kept
    # turning meanwhile (no gap near the delay).
    assert returned < 1.0
    assert max(b - a for a, b in itertools.pairwise(beats)) < 1.0
    registry.close()


def test_a_registry_that_cannot_answer_leaves_the_check_pending_and_nothing_blocks(
    qtbot: QtBot,
    platform: Platform,  # noqa: F811
) -> None:
    platform.state.registry_down = True
    clerk_session(platform)
    client = platform.client()
    clerk = demo_clerk_credentials(client)
    registry = BackgroundRegistry(PlatformRegistry(client, lambda: clerk))
    flow, screen = _flow(qtbot, registry)
    _answer(screen, "afm", "099999987")
    qtbot.waitUntil(lambda: not registry.pending(), timeout=10_000)
    qtbot.wait(50)  # the flow retries once the answer (unavailable) is in
    assert flow.session is not None
    assert flow.session.checks["prefill:afm"].status == "pending"
    assert screen.rows["surname"].editor.value() in (None, "")
    registry.close()
