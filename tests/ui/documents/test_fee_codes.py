"""The e-παράβολο code at the counter, against the reference server on 127.0.0.1: its
form said at once, the platform's check in the panel, the code bound at submission and
carried by the submission; a code already used refuses the submission with what to do;
offline the code stays pending and the receipt says so."""

from __future__ import annotations

import io

import zxingcpp
from PIL import Image
from pypdf import PdfReader
from pytestqt.qtbot import QtBot

from kiosk.catalog.loader import load_catalog, sample_catalog_dir
from kiosk.receipts import render_receipt
from sync.client import PlatformClient
from sync.demo_citizen import DemoCitizen
from sync.engine import SyncEngine
from sync.fees import PlatformFees
from sync.registry import PlatformRegistry
from tests.ui.documents.conftest import Counter, walk_to_review
from ui.backend import StoreBackend
from ui.flow import ProcedureFlow
from ui.main_window import MainWindow
from ui.screens.done import DoneScreen
from ui.screens.review import ReviewScreen

PAID = "12345678901234567890"


def _flow(qtbot: QtBot, counter: Counter, fees: PlatformFees) -> tuple[MainWindow, ProcedureFlow]:
    window = MainWindow()
    qtbot.addWidget(window)
    flow = ProcedureFlow(
        window,
        load_catalog(sample_catalog_dir()),
        region_code="2",
        backend=StoreBackend(counter.store, SyncEngine(counter.client, counter.store.outbox)),
        channel="counter",
        registry=PlatformRegistry(counter.client, DemoCitizen(counter.client)),
        fee_codes=fees,
    )
    walk_to_review(window, flow)
    return window, flow


def _give(qtbot: QtBot, flow: ProcedureFlow, window: MainWindow, code: str) -> str:
    review = window.current_screen()
    assert isinstance(review, ReviewScreen)
    panel = flow.fee_codes._panel
    assert panel is not None
    panel.fields["paravolo"].setText(code)
    panel.fields["paravolo"].editingFinished.emit()
    qtbot.waitUntil(lambda: not flow.fees_busy, timeout=10_000)
    return panel.states["paravolo"].text()


def _submit(qtbot: QtBot, flow: ProcedureFlow, window: MainWindow) -> None:
    review = window.current_screen()
    assert isinstance(review, ReviewScreen)
    review.submit_button.click()
    qtbot.waitUntil(lambda: not flow.fees_busy, timeout=10_000)


def test_a_paid_code_is_checked_bound_and_carried(qtbot: QtBot, counter: Counter) -> None:
    window, flow = _flow(qtbot, counter, PlatformFees(counter.client))
    assert "20 digits" not in _give(qtbot, flow, window, "12345")  # Greek screen
    assert "20 ψηφία" in _give(qtbot, flow, window, "12345")
    assert "δεν έχει πληρωθεί" in _give(qtbot, flow, window, "12345678901234567899")
    assert "επιβεβαιώθηκε" in _give(qtbot, flow, window, "1234 5678 9012 3456 7890")
    _submit(qtbot, flow, window)
    assert isinstance(window.current_screen(), DoneScreen)
    [line] = flow.last_submission.fees
    assert (line.payment_code, line.payment_status) == (PAID, "verified")

    # The next applicant brings the same code: refused before submitting, with what to do.
    flow.wipe()
    walk_to_review(window, flow)
    assert "νέο e-παράβολο" in _give(qtbot, flow, window, PAID)
    _submit(qtbot, flow, window)
    review = window.current_screen()
    assert isinstance(review, ReviewScreen)
    assert "νέο e-παράβολο" in review.refusals.text() and review.refusals.isVisibleTo(review)


def test_offline_the_code_is_pending_and_the_receipt_says_so(
    qtbot: QtBot, counter: Counter
) -> None:
    nowhere = PlatformClient("http://127.0.0.1:9", lambda: "token", timeout=0.5)
    try:
        window, flow = _flow(qtbot, counter, PlatformFees(nowhere))
        assert "μόλις υπάρξει σύνδεση" in _give(qtbot, flow, window, "12345678901234567891")
        _submit(qtbot, flow, window)
        assert isinstance(window.current_screen(), DoneScreen)
        [line] = flow.last_submission.fees
        assert line.payment_status == "pending"
        flow.window.toggle_language()
        pdf = render_receipt(flow.last_receipt, "a4")
        text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
        assert "12345678901234567891" in text.replace(" ", "")
    finally:
        nowhere.close()


def _slip(code: str | None) -> bytes:
    """A payment slip as a scanner would give it: the code as a Code 128 barcode."""
    page = Image.new("L", (1200, 800), 255)
    if code is not None:
        symbol = zxingcpp.create_barcode(code, zxingcpp.BarcodeFormat.Code128)
        page.paste(Image.fromarray(zxingcpp.write_barcode_to_image(symbol, scale=3)), (100, 300))
    out = io.BytesIO()
    page.save(out, "PNG")
    return out.getvalue()


def test_the_code_is_read_from_the_barcode_of_a_scanned_slip(
    qtbot: QtBot, counter: Counter
) -> None:
    _, flow = _flow(qtbot, counter, PlatformFees(counter.client))
    slips = [_slip(None), _slip(PAID)]
    flow.fee_codes.scan = lambda: slips.pop(0)  # the scanner's page (SANE is tested apart)
    flow.show_review()  # redrawn with its «read from a scan» buttons
    panel = flow.fee_codes._panel
    assert panel is not None
    panel.scan_requested.emit("paravolo")
    qtbot.waitUntil(lambda: not flow.fees_busy, timeout=10_000)
    assert "Δεν βρέθηκε κωδικός" in panel.states["paravolo"].text()
    panel.scan_requested.emit("paravolo")
    qtbot.waitUntil(lambda: not flow.fees_busy and panel.fields["paravolo"].text() == PAID)
    qtbot.waitUntil(lambda: not flow.fees_busy, timeout=10_000)
    assert "επιβεβαιώθηκε" in panel.states["paravolo"].text()


def test_the_next_application_starts_without_the_last_ones_code(
    qtbot: QtBot, counter: Counter
) -> None:
    window, flow = _flow(qtbot, counter, PlatformFees(counter.client))
    _give(qtbot, flow, window, "1234")
    assert flow.fee_codes.refusals
    flow.start("taxi-driver-licence")  # no wipe between: a counter opening the next one
    assert flow.fee_codes.codes == {} and flow.fee_codes.refusals == {}
