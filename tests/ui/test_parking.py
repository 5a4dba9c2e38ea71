"""A citizen leaves a draft for later at the kiosk and picks it up again with the code
and PIN, on the same device or, through the platform, at a counter of the office. Each
device has its own store file, keyring and token; the platform is the real server on
127.0.0.1."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit
from pytestqt.qtbot import QtBot

import sync.parked
from kiosk.catalog.loader import load_catalog, sample_catalog_dir
from kiosk.store import Store, open_store
from sync.client import PlatformClient
from sync.engine import Backoff, SyncEngine
from sync.parked import ParkedDrafts, lookup_id
from sync.server.app import create_app
from sync.server.store import ServerStore
from sync.serving import serve_in_thread
from tests.ui.typing import type_text
from ui.backend import ResumePlan, ResumeResult, StoreBackend
from ui.flow import ProcedureFlow
from ui.main_window import MainWindow
from ui.screens.home import HomeScreen
from ui.screens.parked import ParkedCodeScreen, ParkedTicketScreen
from ui.screens.step_form import StepScreen

ANSWERS = {"afm": "099999987", "surname": "ΔΟΚΙΜΑΣΤΙΚΗ", "first_name": "ΠΟΛΙΤΙΣΣΑ"}
OFFICE = "demo-office"
TO_GREEK = str.maketrans("AEHKMNPTXY", "ΑΕΗΚΜΝΡΤΧΥ")


@pytest.fixture(autouse=True)
def cheap_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sync.parked, "KDF_LOG2_N", 10)  # the shipped cost: tests/sync


class Office:
    """The platform and a token for each device enrolled in it."""

    def __init__(self, store: ServerStore, url: str) -> None:
        self.store, self.url = store, url
        self.clients: list[PlatformClient] = []

    def device(self) -> PlatformClient:
        redeemed = self.store.redeem_code(self.store.create_enrolment_code(OFFICE))
        assert redeemed is not None
        client = PlatformClient(self.url, lambda: redeemed[1], timeout=2.0)
        self.clients.append(client)
        return client


@pytest.fixture
def office(tmp_path: Path) -> Iterator[Office]:
    app = create_app(tmp_path / "server.sqlite3")
    with serve_in_thread(app) as running:
        harness = Office(app.state.store, running.url)
        yield harness
        for client in harness.clients:
            client.close()


def _device(tmp_path: Path, name: str) -> Store:
    return open_store(tmp_path / name / "device.sqlite3", keyring_service=f"periferia-{name}")


def _flow(qtbot: QtBot, backend: StoreBackend, channel: str = "kiosk") -> ProcedureFlow:
    window = MainWindow()
    qtbot.addWidget(window)
    flow = ProcedureFlow(
        window, load_catalog(sample_catalog_dir()), region_code="2", backend=backend,
        channel=channel,  # type: ignore[arg-type]
    )  # fmt: skip
    flow.show_home()
    window.resize(1280, 860)
    window.show()
    return flow


def _park_taxi_draft(qtbot: QtBot, flow: ProcedureFlow) -> tuple[str, str, ParkedTicketScreen]:
    flow.start("taxi-driver-licence")
    screen = flow.window.current_screen()
    assert isinstance(screen, StepScreen)
    for field_id, value in ANSWERS.items():
        screen.rows[field_id].editor.set_value(value)
        screen.answer_given.emit(field_id, value)
    screen.park_button.click()
    qtbot.waitUntil(lambda: isinstance(flow.window.current_screen(), ParkedTicketScreen))
    ticket = flow.window.current_screen()
    assert isinstance(ticket, ParkedTicketScreen)
    code = ticket.code_label.text().split(": ")[1]
    pin = ticket.pin_label.text().split(": ")[1]
    qtbot.waitUntil(lambda: not flow.parking_busy, timeout=10_000)
    return code, pin, ticket


def _open(qtbot: QtBot, flow: ProcedureFlow, code: str, pin: str) -> ParkedCodeScreen | StepScreen:
    home = flow.window.current_screen()
    if not isinstance(home, ParkedCodeScreen):
        assert isinstance(home, HomeScreen)
        home.resume_button.click()
    entry = flow.window.current_screen()
    assert isinstance(entry, ParkedCodeScreen)
    entry.code.clear()
    type_text(entry.code, code)
    type_text(entry.pin, pin)
    entry.open_button.click()
    qtbot.waitUntil(lambda: not flow.parking_busy, timeout=10_000)
    shown = flow.window.current_screen()
    assert isinstance(shown, ParkedCodeScreen | StepScreen)
    return shown


def test_parked_draft_reopens_on_the_kiosk_with_its_answers_and_the_pin_is_shown_once(
    qtbot: QtBot, tmp_path: Path
) -> None:
    store = _device(tmp_path, "kiosk")
    flow = _flow(qtbot, StoreBackend(store))
    code, pin, ticket = _park_taxi_draft(qtbot, flow)
    assert len(pin) == 6 and code[4] == "-"  # grouped for reading aloud
    assert ticket.where.text() == "Συνεχίστε σε αυτό το περίπτερο."  # no platform here
    assert flow.session is None  # nothing of the applicant stays in the session
    ticket.finish_button.click()
    qtbot.wait(10)
    texts = [w.text() for w in flow.window.findChildren(QLabel)]
    assert not any(pin in t or "ΔΟΚΙΜΑΣΤΙΚΗ" in t for t in texts)

    step = _open(qtbot, flow, code, pin)
    assert isinstance(step, StepScreen)
    assert step.rows["surname"].editor.value() == "ΔΟΚΙΜΑΣΤΙΚΗ"
    flow.window.close()
    store.close()


def test_a_wrong_pin_is_refused_in_the_citizens_language(qtbot: QtBot, tmp_path: Path) -> None:
    store = _device(tmp_path, "kiosk")
    flow = _flow(qtbot, StoreBackend(store))
    code, pin, _ticket = _park_taxi_draft(qtbot, flow)
    flow.wipe()
    flow.window.toggle_language()
    entry = _open(qtbot, flow, code, "000000" if pin != "000000" else "111111")
    assert isinstance(entry, ParkedCodeScreen)
    assert entry.error.text() == "Wrong PIN. Tries left: 4."
    assert entry.pin.text() == ""  # typed again, never kept
    assert entry.open_button.isEnabled() and not entry.progress.isVisible()
    assert isinstance(entry.findChild(QLineEdit), QLineEdit)
    flow.window.close()
    store.close()


def test_the_code_field_asks_for_latin_capitals_and_reads_a_greek_typed_code(
    qtbot: QtBot, tmp_path: Path
) -> None:
    store = _device(tmp_path, "kiosk")
    flow = _flow(qtbot, StoreBackend(store))
    code, pin, _ticket = _park_taxi_draft(qtbot, flow)
    flow.wipe()
    home = flow.window.current_screen()
    assert isinstance(home, HomeScreen)
    home.resume_button.click()
    entry = flow.window.current_screen()
    assert isinstance(entry, ParkedCodeScreen)
    assert entry.code.inputMethodHints() & Qt.InputMethodHint.ImhLatinOnly
    assert entry.pin.inputMethodHints() & Qt.InputMethodHint.ImhDigitsOnly
    greek = code.replace("-", " ").lower().translate(str.maketrans("aehkmnptxy", "αεηκμνρτχυ"))
    step = _open(qtbot, flow, greek.translate(TO_GREEK), pin)
    assert isinstance(step, StepScreen)
    flow.window.close()
    store.close()


class _ThreadWitness(StoreBackend):
    """Notes on which thread the PIN check and the platform call run."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.threads: list[str] = []

    def resume_work(self, plan: ResumePlan, pin: str) -> ResumeResult:
        self.threads.append(threading.current_thread().name)
        return super().resume_work(plan, pin)


def test_a_draft_parked_at_a_kiosk_is_opened_at_a_counter_off_the_gui_thread(
    qtbot: QtBot, tmp_path: Path, office: Office
) -> None:
    kiosk_store = _device(tmp_path, "kiosk")
    kiosk = _flow(qtbot, StoreBackend(kiosk_store, parked=ParkedDrafts(office.device(), OFFICE)))
    code, pin, ticket = _park_taxi_draft(qtbot, kiosk)
    kiosk_id = kiosk_store.drafts.list()[0].submission_id
    assert kiosk_store.parking.upload_status(code) == "sent"
    assert ticket.where.text() == "Συνεχίστε σε οποιοδήποτε περίπτερο ή γκισέ αυτού του γραφείου."

    counter_store = _device(tmp_path, "counter")
    counter_backend = _ThreadWitness(
        counter_store, clerk_id="clerk01", parked=ParkedDrafts(office.device(), OFFICE)
    )
    counter = _flow(qtbot, counter_backend, channel="counter")
    home = counter.window.current_screen()
    assert isinstance(home, HomeScreen)
    home.resume_button.click()
    entry = counter.window.current_screen()
    assert isinstance(entry, ParkedCodeScreen)
    type_text(entry.code, code.translate(TO_GREEK))  # the keyboard was on Greek
    type_text(entry.pin, pin)
    entry.open_button.click()
    assert entry.progress.isVisible() and not entry.open_button.isEnabled()  # working
    qtbot.waitUntil(lambda: not counter.parking_busy, timeout=10_000)
    step = counter.window.current_screen()
    assert isinstance(step, StepScreen)
    assert step.rows["afm"].editor.value() == "099999987"
    assert counter_backend.threads and counter_backend.threads[0] != "MainThread"
    record = counter_store.drafts.get(kiosk_id)  # the same application, not a copy
    assert record.channel == "kiosk" and record.status == "draft"
    state = office.store.parked_state(OFFICE, lookup_id(code, OFFICE))
    assert state == ("picked_up", False)  # gone from the platform

    # Back at the kiosk that parked it: the same code no longer opens it.
    kiosk.wipe()
    refused = _open(qtbot, kiosk, code, pin)
    assert isinstance(refused, ParkedCodeScreen)
    assert refused.error.text() == "Η αίτηση με αυτόν τον κωδικό έχει ήδη ανοιχτεί σε άλλο σημείο."
    for flow in (kiosk, counter):
        flow.window.close()
    kiosk_store.close()
    counter_store.close()


def test_a_draft_parked_offline_says_so_and_goes_up_when_the_link_returns(
    qtbot: QtBot, tmp_path: Path, office: Office
) -> None:
    kiosk_store = _device(tmp_path, "kiosk")
    dead = PlatformClient("http://127.0.0.1:9", lambda: "token", timeout=1.0)  # link down
    kiosk = _flow(qtbot, StoreBackend(kiosk_store, parked=ParkedDrafts(dead, OFFICE)))
    code, pin, ticket = _park_taxi_draft(qtbot, kiosk)
    assert kiosk_store.parking.upload_status(code) == "pending"
    assert ticket.where.text().startswith("Δεν έχει σταλεί ακόμη στο γραφείο.")
    assert "σε γκισέ μόλις σταλεί" in ticket.where.text()

    counter_store = _device(tmp_path, "counter")
    counter = _flow(
        qtbot,
        StoreBackend(
            counter_store, clerk_id="clerk01", parked=ParkedDrafts(office.device(), OFFICE)
        ),
        channel="counter",
    )
    counter.window.toggle_language()
    early = _open(qtbot, counter, code, pin)
    assert isinstance(early, ParkedCodeScreen)  # not there yet, and the clerk is told why
    assert "arrives when that kiosk reconnects" in early.error.text()

    # The link returns: the network lane's engine drains the queue, once.
    lane = SyncEngine(
        office.device(), kiosk_store.outbox, parked=kiosk_store.parking, pull_status=False,
        backoff=Backoff(base=0.01, cap=0.05),
    )  # fmt: skip
    assert lane.drain_once().parked_sent == 1
    assert lane.drain_once().parked_sent == 0
    qtbot.waitUntil(
        lambda: ticket.where.text().startswith("Συνεχίστε σε οποιοδήποτε"), timeout=5_000
    )
    step = _open(qtbot, counter, code, pin)
    assert isinstance(step, StepScreen)
    for flow in (kiosk, counter):
        flow.window.close()
    dead.close()
    kiosk_store.close()
    counter_store.close()


def test_wrong_pins_at_the_kiosk_and_at_the_counter_count_together(
    qtbot: QtBot, tmp_path: Path, office: Office
) -> None:
    kiosk_store, counter_store = _device(tmp_path, "kiosk"), _device(tmp_path, "counter")
    kiosk = _flow(qtbot, StoreBackend(kiosk_store, parked=ParkedDrafts(office.device(), OFFICE)))
    code, pin, _ticket = _park_taxi_draft(qtbot, kiosk)
    counter = _flow(
        qtbot,
        StoreBackend(
            counter_store, clerk_id="clerk01", parked=ParkedDrafts(office.device(), OFFICE)
        ),
        channel="counter",
    )
    kiosk.wipe()
    wrong = "000000" if pin != "000000" else "111111"
    for flow in (kiosk, kiosk, counter, counter):
        refused = _open(qtbot, flow, code, wrong)
        assert isinstance(refused, ParkedCodeScreen)
    assert refused.error.text() == "Λάθος PIN. Προσπάθειες που απομένουν: 1."
    last = _open(qtbot, kiosk, code, wrong)
    assert isinstance(last, ParkedCodeScreen)
    assert last.error.text().startswith("Πάρα πολλές λάθος προσπάθειες")
    gone = _open(qtbot, counter, code, pin)
    assert isinstance(gone, ParkedCodeScreen) and "διαγράφηκε" in gone.error.text()
    for flow in (kiosk, counter):
        flow.window.close()
    kiosk_store.close()
    counter_store.close()


def test_the_on_screen_keyboard_opens_on_latin_for_the_code_and_back_to_greek_after(
    qtbot: QtBot,
) -> None:
    from PySide6.QtWidgets import QPushButton

    from ui.backend import MemoryBackend
    from ui.kiosk_mode import KioskWindow

    window = KioskWindow(virtual_keyboard=True)
    qtbot.addWidget(window)
    flow = ProcedureFlow(
        window, load_catalog(sample_catalog_dir()), region_code="2", backend=MemoryBackend()
    )
    flow.show_home()
    window.resize(1280, 1024)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    keyboard = window.keyboard
    assert keyboard is not None and not keyboard.latin  # Greek first
    flow.show_code_entry()
    qtbot.waitUntil(keyboard.isVisible)
    assert keyboard.latin
    for label in ("k", "7", "m"):
        next(k for k in keyboard.findChildren(QPushButton) if k.text() == label).click()
    entry = window.current_screen()
    assert isinstance(entry, ParkedCodeScreen) and entry.code.text().upper() == "K7M"
    flow.show_finder()
    qtbot.waitUntil(lambda: not keyboard.latin)  # the next field: Greek again
