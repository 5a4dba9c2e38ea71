"""Done when (issue 19): at the counter a document is scanned through SANE's test
backend, a PDF and an image are imported, the assembled PDF reads back with every page,
and the checklist and the submission carry the attachment, which reaches the reference
server on 127.0.0.1 whole."""

from __future__ import annotations

import hashlib
import io
import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from kiosk.catalog.loader import load_catalog, sample_catalog_dir
from kiosk.documents import DocumentLimits
from kiosk.scanning import SaneCommand
from kiosk.store import Store, open_store
from sync.client import PlatformClient
from sync.engine import SyncEngine
from sync.registry import PlatformRegistry
from sync.server.app import create_app
from sync.serving import serve_in_thread
from tests.kiosk.documents import samples
from tests.kiosk.scanning.conftest import TEST_PICTURE, sane_config
from ui.backend import StoreBackend
from ui.demo_walkthrough import DEMO_ANSWERS
from ui.documents.desk import DocumentDesk
from ui.documents.screen import DocumentsScreen
from ui.flow import ProcedureFlow
from ui.main_window import MainWindow
from ui.screens.done import DoneScreen
from ui.screens.review import ReviewScreen
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


def _fill(window: MainWindow, answers: dict[str, object]) -> None:
    screen = window.current_screen()
    assert isinstance(screen, StepScreen)
    for field_id, value in answers.items():
        screen.rows[field_id].editor.set_value(value)
        screen.answer_given.emit(field_id, value)


def test_a_scanned_and_imported_document_travels_with_the_submission(
    qtbot: QtBot, counter: Counter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scanner = SaneCommand(config_dir=sane_config(tmp_path / "sane.d"), timeout_s=60)
    desk = DocumentDesk(counter.store.attachments, DocumentLimits(), scanner, None, TEST_PICTURE)
    window = MainWindow()
    qtbot.addWidget(window)
    flow = ProcedureFlow(
        window,
        load_catalog(sample_catalog_dir()),
        region_code="2",
        backend=StoreBackend(counter.store, SyncEngine(counter.client, counter.store.outbox)),
        channel="counter",
        registry=PlatformRegistry(counter.client),
        documents=desk,
    )
    window.resize(1280, 860)
    window.show()  # answers are taken from a window on show only
    flow.start("taxi-driver-licence")
    _fill(window, DEMO_ANSWERS[0])
    for answers in DEMO_ANSWERS[1:]:
        flow._next()
        _fill(window, answers)
    flow._next()
    review = window.current_screen()
    assert isinstance(review, ReviewScreen)
    review.documents_button.click()
    screen = window.current_screen()
    assert isinstance(screen, DocumentsScreen)
    row = screen.rows["identity_card"]
    row.scan_button.click()  # the first scanner SANE finds: the test backend
    qtbot.waitUntil(lambda: not desk.busy, timeout=30_000)
    for name, data in [("letter.pdf", samples.pdf(2)), ("back.png", samples.png())]:
        path = tmp_path / name
        path.write_bytes(data)
        monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, p=path, **_k: (str(p), ""))
        row.import_button.click()
        qtbot.waitUntil(lambda: not desk.busy, timeout=30_000)
    assert row.strip.list.count() == 4 and not row.message.isVisibleTo(row)
    row.attach_button.click()
    qtbot.waitUntil(lambda: not desk.busy, timeout=30_000)
    screen.back_button.click()

    session = flow.session
    assert session is not None
    statuses = {item.document_id: item.status for item in session.checklist()}
    assert statuses["identity_card"] == "attached" and statuses["photos"] == "bring"
    review = window.current_screen()
    assert isinstance(review, ReviewScreen)
    review.submit_button.click()
    assert isinstance(window.current_screen(), DoneScreen)

    submission = flow.last_submission
    [attachment] = submission.attachments
    [state] = [d for d in submission.documents if d.document_id == "identity_card"]
    assert (state.status, state.attachment_sha256) == ("attached", attachment.sha256)
    assert attachment.media_type == "application/pdf"
    assert attachment.file_name == "identity_card.pdf"
    # The platform accepted the application and holds the very PDF, read back whole.
    on_server = (counter.server_files / attachment.sha256).read_bytes()
    assert hashlib.sha256(on_server).hexdigest() == attachment.sha256
    pages = PdfReader(io.BytesIO(on_server)).pages
    assert len(pages) == 4
    with sqlite3.connect(counter.server_db) as db:
        [(body,)] = db.execute("SELECT body FROM submissions").fetchall()
    assert json.loads(body)["attachments"][0]["sha256"] == attachment.sha256
