"""The counter's day shows the office's applications from its other devices (a kiosk's),
says as of when that list is true, and reprints a kiosk citizen's receipt from the
platform's copy (sync/office_feed.py → kiosk.store.office_copy → the Today screen)."""

from __future__ import annotations

import io
import uuid
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtWidgets import QWidget

from sync.client import PlatformClient
from tests.kiosk.store.factories import submission_for
from tests.ui.counter.conftest import Counter
from tests.ui.counter.test_console import _sign_in, _table_text, _today
from ui.background import wait_while
from ui.printing import PRINTED, PrintResult
from ui.screens.receipt import ReceiptScreen


def _a_kiosk_submits(counter: Counter) -> tuple[str, str]:
    """Another device of the office (a kiosk, its own token) sends an application:
    (its id, the protocol number the platform gave it)."""
    store = counter.server_app.state.store  # type: ignore[attr-defined]
    _device, token = store.redeem_code(store.create_enrolment_code("demo-office"))
    sid = uuid.uuid4()
    with PlatformClient(counter.server.url, lambda: token, timeout=2.0) as kiosk:
        ack = kiosk.put_submission(sid, submission_for(sid, surname="ΚΙΟΣΚΙΟΥ").to_json_bytes())
    return str(sid), ack.protocol_number


def test_a_kiosk_s_application_is_listed_and_its_receipt_reprinted_at_the_counter(
    counter: Counter,
) -> None:
    sid, number = _a_kiosk_submits(counter)
    printed: list[bytes] = []

    def printer(pdf: bytes, _parent: QWidget) -> PrintResult:
        printed.append(pdf)
        return PRINTED

    counter.console._print = printer
    before = counter.lane.last_result
    counter.lane.kick()
    wait_while(lambda: counter.lane.last_result is before, timeout_s=10)
    _sign_in(counter)
    today = _today(counter)
    rows = _table_text(today)
    assert [r[2] for r in rows] == ["Περίπτερο (άλλη συσκευή)"] and rows[0][4] == number
    assert any("όπως ήταν στις" in note.text() for note in today.office_notes)

    today.select(next(r.submission_id for r in today.rows if str(r.submission_id) == sid))
    opened = today.message.text()  # opening it says what the platform knows of it
    assert f"πρωτόκολλο {number}: Καταχωρίστηκε" in opened and "επανεκτυπώσετε" in opened
    today.reprint_button.click()
    receipt = counter.window.current_screen()  # the receipt full size, before printing
    assert isinstance(receipt, ReceiptScreen)
    receipt.print_button.click()
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(printed[0])).pages)
    assert number in text


def test_the_sync_bar_tells_a_revoked_device_what_to_do() -> None:
    from sync.engine import SyncState
    from ui.counter.sync_bar import describe

    words = describe(SyncState(online=True, revoked=True), "en")
    assert words.startswith("The platform has revoked this device") and "kiosk enroll" in words


def test_a_kiosk_s_refused_application_is_taken_over_and_corrected_at_the_counter(
    counter: Counter, tmp_path: Path
) -> None:
    from kiosk.store import export_draft, open_store
    from tests.kiosk.counter.conftest import queued
    from ui.screens.step_form import StepScreen

    store = counter.server_app.state.store  # type: ignore[attr-defined]
    _device, token = store.redeem_code(store.create_enrolment_code("demo-office"))
    kiosk_store = open_store(tmp_path / "kiosk.sqlite3")
    try:
        sid = queued(kiosk_store, surname="ΚΙΟΣΚΙΟΥ")
        kiosk_store.outbox.next_batch(5)
        kiosk_store.outbox.mark_quarantined(sid, "invalid", {"afm": "check digit"})
        payload = export_draft(kiosk_store.drafts, sid)
    finally:
        kiosk_store.close()
    with PlatformClient(counter.server.url, lambda: token, timeout=2.0) as kiosk:
        assert kiosk.report_refused("demo-office", sid, payload, "invalid", ["afm"]) == "waiting"
    before = counter.lane.last_result
    counter.lane.kick()
    wait_while(lambda: counter.lane.last_result is before, timeout_s=10)
    _sign_in(counter)
    today = _today(counter)
    today.correct_buttons[sid].click()
    wait_while(lambda: not isinstance(counter.window.current_screen(), StepScreen), timeout_s=10)
    assert counter.store.drafts.answers(sid)["surname"] == "ΚΙΟΣΚΙΟΥ"
    assert counter.store.drafts.get(sid).status == "draft"


def test_a_counter_offline_when_it_opens_the_day_says_as_of_when_or_not_yet() -> None:
    from datetime import UTC, date, datetime

    from kiosk.catalog.loader import load_catalog, sample_catalog_dir
    from kiosk.counter.day import CounterDay, OfficeNews, Waiting
    from ui.counter.read_model import office_lines

    catalog = load_catalog(sample_catalog_dir())

    def day(news: OfficeNews) -> CounterDay:
        return CounterDay(date(2026, 12, 6), (), (), Waiting(), news)

    as_of = datetime(2026, 12, 6, 7, 5, tzinfo=UTC)  # 09:05 in Athens
    never = office_lines(day(OfficeNews()), catalog, "en", online=False)
    assert never == ["The other devices' applications have not been loaded yet (no link to "
                     "the platform so far)."]  # fmt: skip
    offline = office_lines(day(OfficeNews(as_of, parked=("08:40",))), catalog, "el", False)
    assert offline[0].startswith("Εκτός σύνδεσης") and "09:05" in offline[0]
    assert "08:40" in offline[1]
    online = office_lines(day(OfficeNews(as_of)), catalog, "en", online=True)
    assert online == ["The office's applications from the platform: as of 09:05."]


def test_the_as_of_line_turns_to_offline_when_the_link_goes_down(counter: Counter) -> None:
    before = counter.lane.last_result
    counter.lane.kick()
    wait_while(lambda: counter.lane.last_result is before, timeout_s=10)
    _sign_in(counter)
    today = _today(counter)
    rows = today.table.rowCount()
    assert "όπως ήταν στις" in today.office_notes[0].text()
    # What a failed health check does to the engine's state (sync/engine.py), without
    # waiting for a dead link's backoff; the lane tells the console on the GUI thread.
    counter.lane._engine._update(online=False)
    wait_while(lambda: not today.office_notes[0].text().startswith("Εκτός σύνδεσης"), 5)
    assert counter.window.current_screen() is today and today.table.rowCount() == rows
