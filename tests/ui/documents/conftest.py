"""The reference server on 127.0.0.1 with an enrolled counter device, and a walk to the
review screen of the taxi licence."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from kiosk.store import Store, open_store
from sync.client import PlatformClient
from sync.server.app import create_app
from sync.serving import serve_in_thread
from ui.demo_walkthrough import DEMO_ANSWERS
from ui.flow import ProcedureFlow
from ui.main_window import MainWindow
from ui.screens.step_form import StepScreen

OFFICE = "office-documents"


@dataclass
class Counter:
    store: Store
    client: PlatformClient
    server_db: Path
    server_files: Path


@pytest.fixture
def counter(tmp_path: Path) -> Iterator[Counter]:
    app = create_app(tmp_path / "server" / "platform.sqlite3")
    code = app.state.store.create_enrolment_code(OFFICE)
    with serve_in_thread(app) as running:
        token: dict[str, str | None] = {"value": None}
        client = PlatformClient(running.url, lambda: token["value"])
        token["value"] = client.redeem_enrolment_code(code)[1]
        store = open_store(tmp_path / "device" / "device.sqlite3")
        try:
            yield Counter(
                store,
                client,
                tmp_path / "server" / "platform.sqlite3",
                Path(app.state.store.final_path(OFFICE, "0" * 64)).parent,
            )
        finally:
            store.close()
            client.close()


def fill(window: MainWindow, answers: dict[str, object]) -> None:
    screen = window.current_screen()
    assert isinstance(screen, StepScreen)
    for field_id, value in answers.items():
        screen.rows[field_id].editor.set_value(value)
        screen.answer_given.emit(field_id, value)


def walk_to_review(window: MainWindow, flow: ProcedureFlow) -> None:
    window.resize(1280, 860)
    window.show()  # answers are taken from a window on show only
    flow.start("taxi-driver-licence")
    fill(window, DEMO_ANSWERS[0])
    for answers in DEMO_ANSWERS[1:]:
        flow._next()
        fill(window, answers)
    flow._next()
