"""A citizen leaves a draft for later at the kiosk and picks it up again with the code
and PIN, on the same device or, through the platform, at a counter of the office."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QLineEdit
from pytestqt.qtbot import QtBot

from kiosk.catalog.loader import load_catalog, sample_catalog_dir
from kiosk.store import Store, open_store
from sync.client import PlatformClient
from sync.parked import ParkedDrafts
from sync.server.app import create_app
from sync.serving import serve_in_thread
from tests.ui.typing import type_text
from ui.backend import StoreBackend
from ui.flow import ProcedureFlow
from ui.main_window import MainWindow
from ui.screens.home import HomeScreen
from ui.screens.parked import ParkedCodeScreen, ParkedTicketScreen
from ui.screens.step_form import StepScreen

ANSWERS = {"afm": "099999987", "surname": "ΔΟΚΙΜΑΣΤΙΚΗ", "first_name": "ΠΟΛΙΤΙΣΣΑ"}


@pytest.fixture
def office(tmp_path: Path) -> Iterator[PlatformClient]:
    app = create_app(tmp_path / "server.sqlite3")
    code = app.state.store.create_enrolment_code("demo-office")
    with serve_in_thread(app) as running:
        token = app.state.store.redeem_code(code)[1]
        client = PlatformClient(running.url, lambda: token, timeout=2.0)
        yield client
        client.close()


def _device(tmp_path: Path, name: str, client: PlatformClient | None) -> Store:
    return open_store(tmp_path / name / "device.sqlite3")


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


def _park_taxi_draft(flow: ProcedureFlow) -> tuple[str, str]:
    flow.start("taxi-driver-licence")
    screen = flow.window.current_screen()
    assert isinstance(screen, StepScreen)
    for field_id, value in ANSWERS.items():
        screen.rows[field_id].editor.set_value(value)
        screen.answer_given.emit(field_id, value)
    screen.park_button.click()
    ticket = flow.window.current_screen()
    assert isinstance(ticket, ParkedTicketScreen)
    code = ticket.code_label.text().split(": ")[1]
    pin = ticket.pin_label.text().split(": ")[1]
    return code, pin


def _open(flow: ProcedureFlow, code: str, pin: str) -> ParkedCodeScreen | StepScreen:
    home = flow.window.current_screen()
    assert isinstance(home, HomeScreen)
    home.resume_button.click()
    entry = flow.window.current_screen()
    assert isinstance(entry, ParkedCodeScreen)
    type_text(entry.code, code)
    type_text(entry.pin, pin)
    entry.open_button.click()
    shown = flow.window.current_screen()
    assert isinstance(shown, ParkedCodeScreen | StepScreen)
    return shown


def test_parked_draft_reopens_on_the_kiosk_with_its_answers_and_the_pin_is_shown_once(
    qtbot: QtBot, tmp_path: Path
) -> None:
    store = _device(tmp_path, "kiosk", None)
    flow = _flow(qtbot, StoreBackend(store))
    code, pin = _park_taxi_draft(flow)
    assert flow.session is None  # nothing of the applicant stays in the session
    flow.window.current_screen().finish_button.click()  # type: ignore[union-attr]
    qtbot.wait(10)
    texts = [w.text() for w in flow.window.findChildren(QLabel)]
    assert not any(pin in t or "ΔΟΚΙΜΑΣΤΙΚΗ" in t for t in texts)

    step = _open(flow, code, pin)
    assert isinstance(step, StepScreen)
    assert step.rows["surname"].editor.value() == "ΔΟΚΙΜΑΣΤΙΚΗ"
    flow.window.close()
    store.close()


def test_a_wrong_pin_is_refused_in_the_citizens_language(qtbot: QtBot, tmp_path: Path) -> None:
    store = _device(tmp_path, "kiosk", None)
    flow = _flow(qtbot, StoreBackend(store))
    code, pin = _park_taxi_draft(flow)
    flow.wipe()
    flow.window.toggle_language()
    wrong = "0000" if pin != "0000" else "1111"
    entry = _open(flow, code, wrong)
    assert isinstance(entry, ParkedCodeScreen)
    assert entry.error.text() == "Wrong PIN."
    assert entry.pin.text() == ""  # typed again, never kept
    assert isinstance(entry.findChild(QLineEdit), QLineEdit)
    flow.window.close()
    store.close()


def test_a_draft_parked_at_a_kiosk_is_opened_at_a_counter_through_the_platform(
    qtbot: QtBot, tmp_path: Path, office: PlatformClient
) -> None:
    kiosk_store = _device(tmp_path, "kiosk", office)
    kiosk = _flow(qtbot, StoreBackend(kiosk_store, parked=ParkedDrafts(office, "demo-office")))
    code, pin = _park_taxi_draft(kiosk)
    kiosk_id = kiosk_store.drafts.list()[0].submission_id
    # The upload runs in the background; the counter asks the platform directly.
    qtbot.waitUntil(lambda: office.get_parked(_lookup(code)) is not None, timeout=10_000)

    counter_store = _device(tmp_path, "counter", office)
    counter_backend = StoreBackend(
        counter_store, clerk_id="clerk01", parked=ParkedDrafts(office, "demo-office")
    )
    counter = _flow(qtbot, counter_backend, channel="counter")
    step = _open(counter, code, pin)
    assert isinstance(step, StepScreen)
    assert step.rows["afm"].editor.value() == "099999987"
    record = counter_store.drafts.get(kiosk_id)  # the same application, not a copy
    assert record.channel == "kiosk" and record.status == "draft"
    assert office.get_parked(_lookup(code)) is None  # picked up: gone from the platform
    kiosk.window.close()
    counter.window.close()
    kiosk_store.close()
    counter_store.close()


def _lookup(code: str) -> str:
    from sync.parked import lookup_id, normalise_code

    return lookup_id(normalise_code(code), "demo-office")
