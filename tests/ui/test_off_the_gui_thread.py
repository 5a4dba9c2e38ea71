"""Nothing slow runs on the GUI thread: during a scripted walk through `kiosk run` on an
enrolled kiosk and an enrolled counter (the app as assembled by ui.startup, against the
reference server on 127.0.0.1), every HTTP request and every scrypt derivation is made
on a worker thread, never on the main one. The walk: start-up, sign-in, today's list,
the dashboard, a registry look-up, a submission sent and acknowledged."""

from __future__ import annotations

import hashlib
import re
import threading
import traceback
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from PySide6.QtWidgets import QAbstractButton, QApplication
from pytestqt.qtbot import QtBot

from kiosk.config import parse_office_config
from kiosk.office_file import read_office_file
from sync.demo_citizen import answer_on_phone
from sync.enrolment import enrol
from sync.server.app import create_app
from sync.serving import RunningServer
from tests.ui.cli.test_run_command import _config
from tests.ui.typing import type_text
from ui.counter.console import CounterConsole
from ui.counter.dashboard_page import DashboardPage
from ui.counter.sign_in import SignInScreen
from ui.counter.today import TodayScreen
from ui.demo_walkthrough import DEMO_ANSWERS
from ui.flow import ProcedureFlow
from ui.main_window import MainWindow
from ui.screens.citizen_sign_in import CitizenSignInScreen
from ui.screens.done import DoneScreen
from ui.screens.evidence_panel import EvidencePanel
from ui.screens.home import HomeScreen
from ui.screens.parked import ParkedCodeScreen, ParkedTicketScreen
from ui.screens.review import ReviewScreen
from ui.screens.step_form import StepScreen
from ui.startup.progressive import Started, start
from ui.tasks import wait_while

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Calls:
    """Each watched call: what it was, whether on the main thread, and from where."""

    armed: bool = False
    seen: list[tuple[str, bool, str]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, what: str) -> None:
        if not self.armed:
            return
        on_main = threading.current_thread() is threading.main_thread()
        ours = [
            f"{Path(f.filename).relative_to(ROOT)}:{f.lineno} {f.name}"
            for f in traceback.extract_stack()[:-2]
            if f.filename.startswith(str(ROOT)) and "/tests/" not in f.filename
        ]
        in_ui = [frame for frame in ours if frame.startswith("ui/")]
        where = (in_ui or ours or ["?"])[-1]  # the screen code that asked, if any
        with self.lock:
            self.seen.append((what, on_main, where))

    def on_main_thread(self) -> list[str]:
        return [f"{what} from {where}" for what, on_main, where in self.seen if on_main]

    def kinds(self) -> set[str]:
        return {what for what, _, _ in self.seen}


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> Calls:
    calls = Calls()

    def watch(owner: object, name: str, what: str) -> None:
        original = getattr(owner, name)

        def recorded(*args: Any, **kwargs: Any) -> Any:
            calls.record(what)
            return original(*args, **kwargs)

        monkeypatch.setattr(owner, name, recorded)

    watch(httpx.Client, "send", "HTTP")
    watch(httpx.HTTPTransport, "handle_request", "HTTP")
    watch(Scrypt, "derive", "scrypt")
    watch(Scrypt, "verify", "scrypt")
    watch(hashlib, "scrypt", "scrypt")
    return calls


@pytest.fixture
def device(
    qtbot: QtBot,
    tmp_path: Path,
    serve_asgi: Callable[[Any], AbstractContextManager[RunningServer]],
) -> Iterator[Callable[[str], Started]]:
    """device(mode): `kiosk run`'s start-up on a device enrolled with the reference
    server (the demo office, whose FAKE clerks are clerk01/clerk02), loaded."""
    app = create_app(tmp_path / "platform.sqlite3")
    made: list[Started] = []
    with serve_asgi(app) as server:
        enrol(server.url, app.state.store.create_enrolment_code("demo-office"))

        def begin(mode: str) -> Started:
            path = _config(
                tmp_path, mode=f'"{mode}"', office_id='"demo-office"', server_url=f'"{server.url}"'
            )
            office = read_office_file(path)
            config = parse_office_config(office.text, office.path)
            started = start(office, config.first_screen(), config)
            made.append(started)
            with qtbot.waitSignal(started.loaded, timeout=30_000):
                pass
            assert started.assembled is not None and started.assembled.lane is not None
            lane = started.assembled.lane
            qtbot.waitUntil(lambda: lane.last_result is not None, timeout=10_000)
            return started

        yield begin
        for started in made:
            started.close()
            started.window.hide()
            started.window.deleteLater()
        QApplication.processEvents()


def _step(window: MainWindow) -> StepScreen:
    screen = window.current_screen()
    assert isinstance(screen, StepScreen), type(screen)
    return screen


def _answer(window: MainWindow, answers: dict[str, Any]) -> None:
    screen = _step(window)
    for field_id, value in answers.items():
        screen.rows[field_id].editor.set_value(value)
        screen.answer_given.emit(field_id, value)


def _fill_and_submit(qtbot: QtBot, window: MainWindow, flow: ProcedureFlow) -> None:
    """The taxi licence: nobody signed in, so the registry is not asked (issue #16) and
    the name is typed."""
    flow.start("taxi-driver-licence")
    _answer(window, {**DEMO_ANSWERS[0], "surname": "ΔΟΚΙΜΑΣΤΙΚΗ", "first_name": "ΠΟΛΙΤΙΣΣΑ"})
    for answers in DEMO_ANSWERS[1:]:
        flow._next()
        _answer(window, answers)
    flow._next()
    review = window.current_screen()
    assert isinstance(review, ReviewScreen)
    session = flow.session
    assert session is not None and "prefill:afm" not in session.checks  # not asked at all
    review.submit_button.click()
    done = window.current_screen()
    assert isinstance(done, DoneScreen)
    sid = flow.last_submission.submission_id
    qtbot.waitUntil(lambda: bool(flow.backend.protocol_number(sid)), timeout=15_000)


def test_a_kiosk_walk_makes_no_network_or_scrypt_call_on_the_gui_thread(
    qtbot: QtBot, device: Callable[[str], Started], calls: Calls
) -> None:
    started = device("kiosk")
    assert started.assembled is not None
    flow = started.assembled.parts[0]
    assert isinstance(flow, ProcedureFlow)
    calls.armed = True
    started.assembled.lane.kick()  # type: ignore[union-attr]
    _fill_and_submit(qtbot, started.window, flow)
    assert "HTTP" in calls.kinds()  # (the watch sees the calls at all)
    assert calls.on_main_thread() == []


def test_a_counter_walk_makes_no_network_or_scrypt_call_on_the_gui_thread(
    qtbot: QtBot, device: Callable[[str], Started], calls: Calls
) -> None:
    started = device("counter")
    window = started.window
    assert started.assembled is not None
    console = started.assembled.parts[0]
    assert isinstance(console, CounterConsole)
    calls.armed = True

    sign_in = window.current_screen()
    assert isinstance(sign_in, SignInScreen)
    type_text(sign_in.clerk_id, "clerk01")
    type_text(sign_in.password, "demo-pass-01")
    sign_in.submit.click()
    wait_while(lambda: console.signing_in)
    today = window.current_screen()
    assert isinstance(today, TodayScreen)

    today.dashboard_button.click()
    page = window.current_screen()
    assert isinstance(page, DashboardPage)
    qtbot.waitUntil(lambda: page.screen is not None, timeout=20_000)
    page.back_requested.emit()
    assert isinstance(window.current_screen(), TodayScreen)

    _fill_and_submit(qtbot, window, console.flow)
    assert {"HTTP", "scrypt"} <= calls.kinds()  # the sign-in caches a scrypt verifier
    assert calls.on_main_thread() == []


def test_parking_and_resuming_a_draft_make_no_network_or_scrypt_call_on_the_gui_thread(
    qtbot: QtBot, device: Callable[[str], Started], calls: Calls
) -> None:
    """Sealing a draft for the platform and opening it again (scrypt, HTTP) run on a
    worker: the kiosk keeps turning while the PIN is checked."""
    started = device("kiosk")
    window = started.window
    assert started.assembled is not None
    flow = started.assembled.parts[0]
    assert isinstance(flow, ProcedureFlow)
    calls.armed = True
    flow.start("taxi-driver-licence")
    _answer(window, {"birth_date": "1988-06-15"})
    _step(window).park_requested.emit()
    qtbot.waitUntil(lambda: isinstance(window.current_screen(), ParkedTicketScreen))
    ticket = window.current_screen()
    assert isinstance(ticket, ParkedTicketScreen)
    code = ticket.code_label.text().split(": ", 1)[1]
    pin = re.sub(r"\D", "", ticket.pin_label.text())
    ticket.finished.emit()

    for typed_code in (code, "ZZZZ-ZZZZ"):  # here; then one only the platform could know
        home = window.current_screen()
        assert isinstance(home, HomeScreen)
        home.resume_button.click()
        entry = window.current_screen()
        assert isinstance(entry, ParkedCodeScreen)
        type_text(entry.code, typed_code)
        type_text(entry.pin, pin)
        entry.open_button.click()
        qtbot.waitUntil(
            lambda entry=entry: window.current_screen() is not entry or entry.error.isVisible(),
            timeout=15_000,
        )
        flow.wipe()
    # The sealing of the parked copy ends on its own lane: waited for here, else its
    # result lands after the stores closed, in whichever test runs next.
    qtbot.waitUntil(lambda: not flow.parking_busy, timeout=15_000)
    assert "scrypt" in calls.kinds()
    assert calls.on_main_thread() == []


def test_a_citizen_sign_in_and_a_fetch_make_no_network_call_on_the_gui_thread(
    qtbot: QtBot, device: Callable[[str], Started], calls: Calls
) -> None:
    """The code, the polling, the look-up and the revocation all run on lanes."""
    started = device("kiosk")
    assert started.assembled is not None
    flow = started.assembled.parts[0]
    assert isinstance(flow, ProcedureFlow)
    calls.armed = True
    flow.start("taxi-driver-licence")
    _answer(started.window, {"afm": "099999999"})
    flow.show_citizen_sign_in()
    signing = started.window.current_screen()
    assert isinstance(signing, CitizenSignInScreen)
    qtbot.waitUntil(lambda: bool(signing.user_code), timeout=10_000)
    assert signing.qr is not None
    base_url = signing.qr.value.split("/citizen")[0]
    phone = threading.Thread(  # the citizen's phone: not the kiosk's GUI thread
        target=answer_on_phone, args=(base_url, signing.user_code, "099999999")
    )
    phone.start()
    qtbot.waitUntil(lambda: isinstance(started.window.current_screen(), StepScreen), timeout=20_000)
    phone.join()
    session = flow.session
    assert session is not None and flow.once_only.authorised
    panel = _step(started.window).findChild(EvidencePanel)
    assert panel is not None
    (fetch,) = [
        b
        for b in panel.findChildren(QAbstractButton)
        if b.property("action") == "fetch:prefill:afm"
    ]
    fetch.click()
    QApplication.processEvents()
    surname = _step(started.window).rows["surname"].editor
    qtbot.waitUntil(lambda: surname.value() == "ΔΟΚΙΜΑΣΤΙΚΟΣ", timeout=10_000)
    flow.wipe()  # revokes the grant, in the background
    sign_in = flow.authorities.citizen_sign_in
    assert sign_in is not None
    qtbot.waitUntil(lambda: not sign_in.busy, timeout=10_000)
    assert "HTTP" in calls.kinds()
    assert calls.on_main_thread() == []
