"""Done when (issue 19): at the counter a document is scanned through SANE's test
backend, a PDF and an image are imported, the assembled PDF reads back with every page,
and the checklist and the submission carry the attachment, which reaches the reference
server on 127.0.0.1 whole."""

from __future__ import annotations

import hashlib
import io
import json
import sqlite3
import tempfile
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from kiosk.catalog.loader import load_catalog, sample_catalog_dir
from kiosk.documents import DocumentLimits
from kiosk.scanning import SaneCommand
from sync.demo_citizen import DemoCitizen
from sync.engine import SyncEngine
from sync.registry import PlatformRegistry
from tests.kiosk.documents import samples
from tests.kiosk.scanning.conftest import TEST_PICTURE, sane_config
from tests.ui.documents.conftest import Counter, walk_to_review
from ui.backend import StoreBackend
from ui.documents.desk import DocumentDesk
from ui.documents.screen import DocumentsScreen
from ui.flow import ProcedureFlow
from ui.main_window import MainWindow
from ui.screens.done import DoneScreen
from ui.screens.review import ReviewScreen


def test_a_scanned_and_imported_document_travels_with_the_submission(
    qtbot: QtBot, counter: Counter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setattr(tempfile, "tempdir", None)
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
        registry=PlatformRegistry(counter.client, DemoCitizen(counter.client)),
        documents=desk,
    )
    walk_to_review(window, flow)
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
    scanned = desk.gathered("identity_card").pages[0].data
    row.attach_button.click()
    qtbot.waitUntil(lambda: not desk.busy, timeout=30_000)
    screen.back_button.click()
    # Scanned, thumbnailed, assembled, sealed: no clear copy in the temp or data folder.
    assert list(temp.iterdir()) == []
    runs = [scanned[at : at + 4096] for at in range(200, len(scanned) - 4096, 20_000)]
    for path in (tmp_path / "device").rglob("*"):
        if path.is_file():
            content = path.read_bytes()
            assert not any(run in content for run in runs), path

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


def test_a_document_over_its_limit_is_refused_before_finalising(
    qtbot: QtBot, counter: Counter
) -> None:
    desk = DocumentDesk(counter.store.attachments, DocumentLimits(max_mb=1))
    window = MainWindow()
    qtbot.addWidget(window)
    flow = ProcedureFlow(
        window,
        load_catalog(sample_catalog_dir()),
        region_code="2",
        backend=StoreBackend(counter.store, SyncEngine(counter.client, counter.store.outbox)),
        channel="counter",
        registry=PlatformRegistry(counter.client, DemoCitizen(counter.client)),
        documents=desk,
    )
    walk_to_review(window, flow)
    session = flow.session
    assert session is not None
    # Attached when the office allowed more (a changed office file, a draft moved here).
    big = counter.store.attachments.put(
        samples.noise_png(800), "identity_card.pdf", "application/pdf"
    )
    session.attach_document("identity_card", big)
    flow.show_review()
    review = window.current_screen()
    assert isinstance(review, ReviewScreen)
    review.submit_button.click()
    assert window.current_screen() is review and review.refusals.isVisibleTo(review)
    assert "όριο των 1 MB" in review.refusals.text()
    assert not hasattr(flow, "last_submission")  # nothing was finalised
