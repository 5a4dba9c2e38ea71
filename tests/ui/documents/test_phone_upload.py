"""«Upload from your phone», end to end: the kiosk's documents row shows a QR code for
the reference server's one-time page; a real browser (Debian's chromium, driven by
Playwright) opens that page and sends a PDF; the kiosk collects it and shows its pages.
The link then works no more; a file that is not a document is refused on the page."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import zxingcpp
from PIL import Image
from playwright.sync_api import Browser
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from kiosk.documents import DocumentLimits
from kiosk.engine.session import FillingSession
from sync.phone import PhoneUploads
from tests.kiosk.documents import samples
from tests.kiosk.engine.procedures import transporter_licence
from tests.support.browser import chromium
from tests.ui.documents.conftest import Counter
from ui.documents.desk import DocumentDesk
from ui.documents.screen import DocumentsScreen


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as launched:
        yield launched


def test_a_pdf_sent_from_the_phone_page_becomes_pages_at_the_kiosk(
    qtbot: QtBot, counter: Counter, browser: Browser, tmp_path: Path
) -> None:
    desk = DocumentDesk(
        counter.store.attachments,
        DocumentLimits(),
        allow_import=False,
        phone=PhoneUploads(counter.client),
    )
    session = FillingSession(transporter_licence(), "2", uuid.uuid4())
    screen = DocumentsScreen(session, desk, "el", kiosk=True)
    qtbot.addWidget(screen)
    words = " ".join(label.text() for label in screen.findChildren(QLabel))
    assert "πατήστε «Από το κινητό σας»" in words and "γυαλί" not in words  # no scanner here
    row = screen.rows["id_card"]
    assert row.phone_button.isVisibleTo(row) and not row.import_button.isVisibleTo(row)
    row.phone_button.click()
    qtbot.waitUntil(lambda: row.phone.link is not None, timeout=10_000)
    link = row.phone.link
    assert link is not None and link.url.startswith("http://127.0.0.1:")
    # The QR code on screen holds the link.
    pixmap = row.phone.code.pixmap()
    pixmap.save(str(tmp_path / "qr.png"))
    [decoded] = zxingcpp.read_barcodes(Image.open(tmp_path / "qr.png"))
    assert decoded.text == link.url

    pdf = tmp_path / "ταυτότητα.pdf"
    pdf.write_bytes(samples.pdf(2))
    page = browser.new_page()
    page.goto(link.url)
    assert "Αποστολή δικαιολογητικού" in page.inner_text("h1")
    page.set_input_files("#file", str(pdf))
    page.click("#send")
    page.wait_for_function("document.getElementById('state').textContent.includes('Λάβαμε')")
    row.phone.poll()  # the next tick, without waiting two seconds
    qtbot.waitUntil(lambda: row.strip.list.count() == 2, timeout=10_000)
    assert not row.phone.isVisibleTo(row)
    # One file per link: the page is gone, the link refuses another.
    assert httpx.get(link.url).status_code == 404
    page.close()


def test_a_file_that_is_not_a_document_is_refused_on_the_phone(
    counter: Counter, browser: Browser, tmp_path: Path
) -> None:
    link = PhoneUploads(counter.client).begin()
    text = tmp_path / "notes.txt"
    text.write_text("not a document")
    page = browser.new_page()
    page.goto(link.url)
    page.set_input_files("#file", str(text))
    page.click("#send")
    page.wait_for_function("document.getElementById('state').textContent.includes('ξαναδοκιμάστε')")
    assert PhoneUploads(counter.client).collect(link) is None
    page.close()
