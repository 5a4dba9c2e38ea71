"""The documents screen at the counter: scan through SANE's test backend, import files
(the file dialog answered by the test), reorder, delete, rescan, attach; refusals shown
in the row with the pages kept."""

from __future__ import annotations

import io
import uuid
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QFileDialog, QLabel
from pytestqt.qtbot import QtBot

from kiosk.documents import DocumentLimits
from kiosk.engine.session import FillingSession
from kiosk.payments import PaymentCode
from kiosk.scanning import SaneCommand
from kiosk.store import Store, open_store
from kiosk.submission import FeeLine
from tests.kiosk.documents import samples
from tests.kiosk.engine.procedures import transporter_licence
from tests.kiosk.scanning.conftest import TEST_PICTURE, sane_config
from ui.documents.desk import DocumentDesk, desk_for_office
from ui.documents.document_row import DocumentRow
from ui.documents.screen import DocumentsScreen
from ui.payments.fee_codes import FeeCodesPanel


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(tmp_path / "device" / "device.sqlite3")
    yield opened
    opened.close()


def _desk(store: Store, tmp_path: Path, device: str = "test:0") -> DocumentDesk:
    scanner = SaneCommand(config_dir=sane_config(tmp_path / "sane.d"), timeout_s=60)
    return DocumentDesk(store.attachments, DocumentLimits(), scanner, device, TEST_PICTURE)


def _screen(qtbot: QtBot, desk: DocumentDesk) -> tuple[DocumentsScreen, FillingSession]:
    session = FillingSession(transporter_licence(), "2", uuid.uuid4())
    screen = DocumentsScreen(session, desk, "en")
    qtbot.addWidget(screen)
    return screen, session


def _wait(qtbot: QtBot, desk: DocumentDesk) -> None:
    qtbot.waitUntil(lambda: not desk.busy, timeout=30_000)


def _import(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, row: DocumentRow, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(path), ""))
    row.import_button.click()
    _wait(qtbot, row.desk)


def _file(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_only_the_documents_to_provide_have_a_row(
    qtbot: QtBot, store: Store, tmp_path: Path
) -> None:
    screen, session = _screen(qtbot, _desk(store, tmp_path))
    expected = [i.document_id for i in session.checklist() if i.status == "bring"]
    assert list(screen.rows) == expected and "id_card" in expected


def test_scan_import_reorder_delete_rescan_and_attach(
    qtbot: QtBot, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    desk = _desk(store, tmp_path)
    screen, session = _screen(qtbot, desk)
    row = screen.rows["id_card"]
    assert row.status.text() == "To bring" and not row.attach_button.isEnabled()
    row.scan_button.click()
    _wait(qtbot, desk)
    _import(qtbot, monkeypatch, row, _file(tmp_path, "letter.pdf", samples.pdf(2)))
    _import(qtbot, monkeypatch, row, _file(tmp_path, "photo.jpg", samples.jpeg()))
    assert row.strip.list.count() == 4
    assert [p.media_type for p in desk.gathered("id_card").pages] == [
        "image/png",
        "application/pdf",
        "application/pdf",
        "image/jpeg",
    ]
    row.strip.list.setCurrentRow(3)
    row.strip.earlier.click()  # the photo before the letter's second page
    assert row.strip.list.currentRow() == 2
    row.strip.list.setCurrentRow(1)
    row.strip.delete.click()
    row.strip.list.setCurrentRow(0)
    row.strip.rescan.click()
    _wait(qtbot, desk)
    assert [p.media_type for p in desk.gathered("id_card").pages] == [
        "image/png",
        "image/jpeg",
        "application/pdf",
    ]
    row.attach_button.click()
    _wait(qtbot, desk)
    ref = session.documents["id_card"]
    assert row.status.text().startswith("Attached (")
    assert next(i for i in session.checklist() if i.document_id == "id_card").status == "attached"
    assert len(PdfReader(io.BytesIO(store.attachments.read(ref.sha256))).pages) == 3
    row.strip.list.setCurrentRow(2)
    row.strip.delete.click()  # a change after attaching asks to attach again
    assert "press “Attach”" in row.status.text() and row.attach_button.isEnabled()


def test_refused_files_and_scanner_failures_keep_the_pages(
    qtbot: QtBot, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    desk = _desk(store, tmp_path, device="epson2:libusb:001:042")  # unplugged
    screen, _ = _screen(qtbot, desk)
    row = screen.rows["id_card"]
    _import(qtbot, monkeypatch, row, _file(tmp_path, "a.png", samples.png()))
    row.scan_button.click()
    _wait(qtbot, desk)
    assert "epson2:libusb:001:042" in row.message.text() and row.message.isVisibleTo(row)
    for name, data, words in [
        ("locked.pdf", samples.pdf(1, password="pw"), "password"),
        ("broken.pdf", b"%PDF-1.4\n garbage", "damaged"),
        ("notes.txt", b"just some words", "not a PDF, JPEG or PNG"),
    ]:
        _import(qtbot, monkeypatch, row, _file(tmp_path, name, data))
        assert words in row.message.text(), name
        assert "Αστυνομική ταυτότητα" in row.message.text()
    assert row.strip.list.count() == 1


def test_an_office_without_scanner_keeps_a_kiosk_without_documents_screen(
    store: Store,
) -> None:
    from kiosk.config import Documents

    assert desk_for_office(Documents(), store.attachments, "kiosk") is None
    kiosk = desk_for_office(Documents(scanner="test:0"), store.attachments, "kiosk")
    assert kiosk is not None and kiosk.can_scan and not kiosk.allow_import
    counter = desk_for_office(Documents(max_size_mb=7), store.attachments, "counter")
    assert counter is not None and counter.allow_import and counter.limits.max_mb == 7


def test_at_a_kiosk_with_a_scanner_the_citizen_scans_with_guidance(
    qtbot: QtBot, store: Store, tmp_path: Path
) -> None:
    scanner = SaneCommand(config_dir=sane_config(tmp_path / "sane.d"), timeout_s=60)
    desk = DocumentDesk(store.attachments, DocumentLimits(), scanner, "test:0", TEST_PICTURE)
    desk.allow_import = False
    session = FillingSession(transporter_licence(), "2", uuid.uuid4())
    screen = DocumentsScreen(session, desk, "en", kiosk=True)
    qtbot.addWidget(screen)
    words = " ".join(label.text() for label in screen.findChildren(QLabel))
    assert "face down on the scanner's glass" in words and "bring to the counter" in words
    row = screen.rows["id_card"]
    assert not row.import_button.isVisibleTo(row) and row.scan_button.isVisibleTo(row)
    row.scan_button.click()
    _wait(qtbot, desk)
    row.attach_button.click()
    _wait(qtbot, desk)
    assert session.documents["id_card"].media_type == "application/pdf"


def test_a_procedure_with_several_fees_takes_a_code_per_fee(qtbot: QtBot) -> None:
    lines = [
        FeeLine(fee_id="paravolo", label="Παράβολο", amount=Decimal("50.00")),
        FeeLine(fee_id="stamp", label="Χαρτόσημο", amount=Decimal("3.60")),
    ]
    panel = FeeCodesPanel(lines, {"stamp": PaymentCode("stamp", "12345678901234567893")}, "en")
    qtbot.addWidget(panel)
    assert list(panel.fields) == ["paravolo", "stamp"]
    assert panel.fields["stamp"].text() == "12345678901234567893"
    assert panel.fields["paravolo"].accessibleName() == "Code for: Παράβολο"
    with qtbot.waitSignal(panel.code_given) as given:
        panel.fields["paravolo"].setText("12345678901234567890")
        panel.fields["paravolo"].editingFinished.emit()
    assert given.args == ["paravolo", "12345678901234567890"]
