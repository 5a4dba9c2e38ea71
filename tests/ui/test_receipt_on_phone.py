"""The receipt on the citizen's phone: the kiosk's done screen shows a QR code at once,
even while the application is queued offline, and a large on-screen receipt. Chromium
(Debian's, via Playwright) at a phone's size opens the URL decoded from the QR code's
pixels: the neutral page before the submission reaches the reference server on
127.0.0.1, the receipt with the application's code after the client sends it."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import zxingcpp
from PIL import Image
from PySide6.QtCore import QBuffer, QIODevice
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from reportlab.lib.units import mm

from kiosk.catalog.loader import load_catalog, sample_catalog_dir
from kiosk.receipts.data import short_reference
from kiosk.store import open_store
from sync.client import PlatformClient
from sync.engine import SyncEngine
from tests.support.browser import chromium
from ui.backend import MemoryBackend, StoreBackend
from ui.demo_walkthrough import reference_platform
from ui.flow import ProcedureFlow
from ui.main_window import MainWindow
from ui.screens.done import RECEIPT_PX, DoneScreen

ANSWERS = {
    "applicant_type": "individual",
    "afm": "099999987",
    "surname": "Δοκιμαστική",
    "first_name": "Πολίτισσα",
    "phone": "6912345678",
    "address": "Οδός 1",
    "postcode": "41221",
    "first_issue": True,
    "vehicles": [{"plate": "ΖΖΖ-0001"}],
    "truthful": True,
}
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def platform() -> Iterator[PlatformClient]:
    with reference_platform() as client:
        yield client


def _submit_offline(
    qtbot: QtBot,
    base: str,
    size: tuple[int, int],
    locale: str = "el",
    backend: Any = None,
) -> tuple[MainWindow, ProcedureFlow, DoneScreen]:
    window = MainWindow()
    qtbot.addWidget(window)
    if locale == "en":
        window.toggle_language()
    flow = ProcedureFlow(
        window,
        load_catalog(sample_catalog_dir()),
        region_code="2",
        backend=backend or MemoryBackend(protocol_number=None),  # offline: queued
        receipt_base=base,
    )
    flow.show_home()
    window.resize(*size)
    window.show()
    flow.start("animal-transporter-licence-type2")
    session = flow.session
    assert session is not None
    for key, value in ANSWERS.items():
        session.set_answer(key, value)
    while not session.at_review:
        assert session.next().moved
    flow.submit()
    done = window.current_screen()
    assert isinstance(done, DoneScreen)
    qtbot.wait(50)  # the layout settles, as it does between frames on a real screen
    return window, flow, done


def _decoded(done: DoneScreen) -> str:
    """The URL a phone's camera reads off the QR code as painted on the screen."""
    assert done.phone_receipt is not None
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    done.phone_receipt.code.grab().save(buffer, "PNG")
    image = Image.open(io.BytesIO(bytes(buffer.data().data())))
    found = zxingcpp.read_barcodes(image.convert("L"))
    assert len(found) == 1
    return str(found[0].text)


def _legible(done: DoneScreen) -> None:
    """The roll receipt's 8 pt body text drawn 640 px across 80 mm (226.8 pt) is about
    22 px high, and the label shows the picture whole, not scaled down to fit."""
    picture = done.receipt_view.pixmap()
    assert picture.width() == RECEIPT_PX and 8.0 * RECEIPT_PX / (80 * mm) >= 16
    assert done.receipt_view.width() >= picture.width()


def test_the_done_screen_shows_the_qr_code_at_once_while_queued_offline(
    qtbot: QtBot, tmp_path: Path
) -> None:
    window, flow, done = _submit_offline(qtbot, "https://platform.example.gov.gr", (1280, 800))
    url = _decoded(done)
    assert url.startswith("https://platform.example.gov.gr/v1/receipt/")
    token = url.rsplit("/", 1)[1]
    assert len(token) >= 43  # 256 bits, URL-safe
    assert token not in flow.last_submission.to_json_bytes().decode()  # only its digest
    assert flow.last_submission.receipt_token_sha256 is not None
    words = "\n".join(w.text() for w in done.findChildren(QLabel))
    assert "Η απόδειξη στο κινητό σας" in words and "30 ημέρες" in words
    assert done.phone_receipt is not None and done.phone_receipt.isVisible()
    assert done.receipt_view.isVisible()  # the receipt on screen, without printing
    _legible(done)
    window.grab().save(str(tmp_path / "done-1280x800.png"))


def test_the_done_screen_says_it_in_english_too(qtbot: QtBot, tmp_path: Path) -> None:
    window, _, done = _submit_offline(qtbot, "https://p.example", (1080, 1920), locale="en")
    words = "\n".join(w.text() for w in done.findChildren(QLabel))
    assert "Your receipt on your phone" in words and "30 days" in words
    _legible(done)
    window.grab().save(str(tmp_path / "done-1080x1920-en.png"))


def test_a_kiosk_not_enrolled_shows_no_qr_code(qtbot: QtBot) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    done = DoneScreen(locale="el", reference="33191DC2", protocol_number=None, to_bring=[])
    assert done.phone_receipt is None


def test_the_phone_opens_the_receipt_once_the_submission_reaches_the_platform(
    qtbot: QtBot, platform: PlatformClient, tmp_path: Path
) -> None:
    root = platform.base_url.rsplit("/v1", 1)[0]
    store = open_store(tmp_path / "device" / "device.sqlite3")
    try:
        # Not drained yet: the application waits, encrypted, in the device's outbox.
        window, flow, done = _submit_offline(qtbot, root, (1080, 1920), backend=StoreBackend(store))
        window.grab().save(str(tmp_path / "done-1080x1920.png"))
        url = _decoded(done)
        submission = flow.last_submission
        with chromium() as browser:
            context = browser.new_context(viewport=PHONE, locale="el-GR")
            phone = context.new_page()
            before = phone.goto(url)
            assert before is not None and before.status == 404
            assert "Η απόδειξη δεν είναι ακόμη διαθέσιμη" in phone.inner_text("main")
            phone.screenshot(path=str(tmp_path / "phone-before-sync.png"), full_page=True)
            # The network lane's part: the sync engine drains the outbox.
            SyncEngine(platform, store.outbox).drain_once()
            assert store.outbox.pending_count() == 0
            after = phone.goto(url)
            assert after is not None and after.status == 200
            page = phone.inner_text("main")
            assert short_reference(submission.submission_id) in page
            assert "099999987" not in page and "Πολίτισσα" not in page
            phone.screenshot(path=str(tmp_path / "phone-receipt.png"), full_page=True)
            context.close()
        token = url.rsplit("/", 1)[1].encode()
        for path in (tmp_path / "device").rglob("*"):  # the token never reached the disk
            assert not path.is_file() or token not in path.read_bytes(), path
    finally:
        store.close()
