"""A clerk's day at the counter, on a real store and the reference server on loopback."""

from __future__ import annotations

import io
import itertools
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from kiosk.catalog.loader import load_catalog, sample_catalog_dir
from kiosk.clerks import ClerkSignIn
from kiosk.engine.session import FillingSession
from kiosk.store import open_store
from sync.clerks import PlatformClerkDirectory
from tests.kiosk.store.factories import submission_for
from tests.sync.conftest import Platform, platform  # noqa: F401  (the reference server fixture)
from tests.ui.counter.conftest import Counter
from tests.ui.typing import type_text
from ui.background import wait_while
from ui.counter.console import CounterConsole
from ui.counter.dashboard_page import DashboardPage
from ui.counter.sign_in import SignInScreen
from ui.counter.today import TodayScreen
from ui.dashboard.tables import cell_texts
from ui.demo_walkthrough import DEMO_ANSWERS
from ui.main_window import MainWindow
from ui.printing import NO_PRINTER, PRINTED, PrintResult
from ui.screens.done import DoneScreen
from ui.screens.finder import FinderScreen
from ui.screens.parked import ParkedCodeScreen
from ui.screens.receipt import ReceiptScreen
from ui.screens.review import ReviewScreen
from ui.screens.step_form import StepScreen

KIOSK_NAME = {"surname": "ΔΟΚΙΜΑΣΤΙΚΗ", "first_name": "ΠΟΛΙΤΙΣΣΑ"}  # typed: no registry here


def _texts(root: QWidget) -> str:
    parts = [w.text() for w in root.findChildren(QLabel) if w.isVisible()]
    parts += [w.text() for w in root.findChildren(QLineEdit)]
    parts += [w.text() for w in root.findChildren(QAbstractButton)]
    return "\n".join(parts)


def _table_text(screen: TodayScreen) -> list[list[str]]:
    table = screen.table
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def _sign_in(counter: Counter, clerk: str = "clerk01", password: str = "demo-pass-01") -> None:
    screen = counter.window.current_screen()
    assert isinstance(screen, SignInScreen)
    type_text(screen.clerk_id, clerk)
    type_text(screen.password, password)
    screen.submit.click()
    wait_while(lambda: counter.console.signing_in)  # the platform answers on a worker


def _today(counter: Counter) -> TodayScreen:
    screen = counter.window.current_screen()
    assert isinstance(screen, TodayScreen), type(screen)
    return screen


def _fill(counter: Counter, answers: dict[str, Any]) -> None:
    screen = counter.window.current_screen()
    assert isinstance(screen, StepScreen)
    for field_id, value in answers.items():
        screen.rows[field_id].editor.set_value(value)
        screen.answer_given.emit(field_id, value)


def _kiosk_draft(counter: Counter, answers: dict[str, Any], channel: str = "kiosk") -> Any:
    """A draft as a kiosk leaves it: answers and session state saved as they were given."""
    procedure = load_catalog(sample_catalog_dir()).procedures["taxi-driver-licence"]
    record = counter.store.drafts.create(procedure.id, procedure.version, "2", channel)  # type: ignore[arg-type]
    sid = record.submission_id
    session = FillingSession(
        procedure, "2", sid, on_answer=lambda k, v: counter.store.drafts.save_answer(sid, k, v)
    )
    for key, value in {**answers, **KIOSK_NAME}.items():
        session.set_answer(key, value)
    assert session.next().moved
    return sid


def test_clerk_signs_in_files_an_application_and_sees_it_registered_today(
    qtbot: QtBot, counter: Counter
) -> None:
    _sign_in(counter)
    today = _today(counter)
    assert "Υπάλληλος Δοκιμών Α" in counter.console.clerk_label.text()
    today.findChildren(QAbstractButton)[0].click()  # «Νέα αίτηση»
    finder = counter.window.current_screen()
    assert isinstance(finder, FinderScreen)
    type_text(finder.query, "taxi")
    finder.findChildren(QAbstractButton, "procedure")[0].click()
    counter.console.flow.start("taxi-driver-licence")
    for answers in DEMO_ANSWERS:
        _fill(counter, answers)
        counter.console.flow._next()
    review = counter.window.current_screen()
    assert isinstance(review, ReviewScreen)
    review.submit_button.click()

    done = counter.window.current_screen()
    assert isinstance(done, DoneScreen)
    qtbot.waitUntil(lambda: "Αριθμός πρωτοκόλλου: 2026/" in _texts(done), timeout=15_000)
    sid = counter.console.flow.last_submission.submission_id
    record = counter.store.drafts.get(sid)
    assert (record.channel, record.clerk_id, record.status) == ("counter", "clerk01", "accepted")

    done.findChildren(QAbstractButton, "primary")[0].click()  # back to the clerk's list
    rows = _table_text(_today(counter))
    assert rows[0][1:] == [
        "Ειδική άδεια οδήγησης ταξί (ΕΔΧ)",
        "Γκισέ",
        "Καταχωρίστηκε",
        record.protocol_number,
    ]
    qtbot.waitUntil(lambda: "0 σε αναμονή" in counter.console.sync_bar.text())
    assert counter.console.sync_bar.text().startswith("Σε σύνδεση")


def test_the_office_dashboard_counts_the_applications_filed_at_this_counter(
    qtbot: QtBot, counter: Counter
) -> None:
    _sign_in(counter)
    flow = counter.console.flow
    flow.start("taxi-driver-licence")
    for answers in DEMO_ANSWERS:
        _fill(counter, answers)
        flow._next()
    flow.submit()
    flow.start("taxi-driver-licence")  # a second applicant gives up on the first step
    flow.show_home()
    flow.wipe()

    tomorrow = datetime.now(UTC) + timedelta(days=1)  # today's figures count once closed
    counter.console._clock = lambda: tomorrow
    _today(counter).findChildren(QAbstractButton)[3].click()  # «Στατιστικά γραφείου»
    page = counter.window.current_screen()
    assert isinstance(page, DashboardPage)
    qtbot.waitUntil(lambda: page.dashboard is not None)  # the figures come from a lane
    assert page.dashboard is not None
    taxi = next(r for r in cell_texts(page.dashboard.procedures) if "ταξί" in r[0])
    assert taxi[1:3] == ["2", "1"]  # started, submitted
    page.findChildren(QAbstractButton)[0].click()  # back to the list
    assert isinstance(counter.window.current_screen(), TodayScreen)


def test_wrong_password_is_announced_and_recorded_without_the_password(
    counter: Counter,
) -> None:
    _sign_in(counter, password="μάντεψε")
    screen = counter.window.current_screen()
    assert isinstance(screen, SignInScreen)
    assert screen.error.text() == "Λάθος κωδικός υπαλλήλου ή συνθηματικό."
    assert screen.password.text() == ""
    rows = counter.store.db.execute("SELECT actor, action, detail FROM audit").fetchall()
    assert ("clerk01", "clerk.sign_in_refused", "wrong") in rows
    assert "μάντεψε" not in str(rows)


def test_a_draft_started_at_a_kiosk_is_finished_at_the_counter_where_it_was_left(
    counter: Counter,
) -> None:
    sid = _kiosk_draft(counter, DEMO_ANSWERS[0])
    _sign_in(counter)
    today = _today(counter)
    assert _table_text(today)[0][2:4] == ["Περίπτερο", "Πρόχειρη"]
    today.select(sid)
    today.continue_button.click()
    step = counter.window.current_screen()
    assert isinstance(step, StepScreen)
    assert "phone" in step.rows  # the kiosk had reached the contact step
    counter.console.flow._back()
    first = counter.window.current_screen()
    assert isinstance(first, StepScreen)
    assert first.rows["afm"].editor.value() == "099999987"


def test_a_refused_application_shows_what_to_do_and_reopens_for_correction(
    counter: Counter,
) -> None:
    sid = _kiosk_draft(counter, DEMO_ANSWERS[0], channel="counter")
    counter.store.drafts.finalise(sid, submission_for(sid, afm="099999987"))
    counter.store.outbox.mark_quarantined(sid, "invalid", {"amka": "does not match"})
    _sign_in(counter)
    today = _today(counter)
    shown = _texts(today)
    assert "Χρειάζονται προσοχή (1)" in shown
    assert "η πλατφόρμα την απέρριψε (ΑΜΚΑ)" in shown  # the field's label, not its id
    assert "διορθώστε τα πεδία" in shown
    today.correct_buttons[sid].click()
    assert isinstance(counter.window.current_screen(), StepScreen)
    assert counter.store.drafts.get(sid).status == "draft"


def test_reprint_after_sync_carries_the_protocol_number(counter: Counter) -> None:
    printed: list[bytes] = []

    def printer(pdf: bytes, _parent: QWidget) -> PrintResult:
        printed.append(pdf)  # a real printer cannot run here: the PDF is what it would get
        return PRINTED

    counter.console._print = printer
    sid = _kiosk_draft(counter, DEMO_ANSWERS[0], channel="counter")
    counter.store.drafts.finalise(sid, submission_for(sid, first_name="ΠΟΛΙΤΙΣΣΑ"))
    counter.store.outbox.mark_accepted(sid, "2026/000042", datetime.now(UTC))
    _sign_in(counter)
    today = _today(counter)
    today.select(sid)
    today.reprint_button.click()
    receipt = counter.window.current_screen()  # the receipt, full size, before printing
    assert isinstance(receipt, ReceiptScreen) and receipt.page.pixmap().width() >= 800
    receipt.print_button.click()  # the system's print dialog, here `printer`
    assert len(printed) == 1
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(printed[0])).pages)
    assert "2026/000042" in text
    assert receipt.message.text() == "Η απόδειξη εκτυπώθηκε."
    receipt.back_button.click()
    assert isinstance(counter.window.current_screen(), TodayScreen)


def test_a_counter_without_a_printer_saves_the_receipt_as_pdf(
    counter: Counter, tmp_path: Path
) -> None:
    counter.console._print = lambda _pdf, _parent: NO_PRINTER
    sid = _kiosk_draft(counter, DEMO_ANSWERS[0], channel="counter")
    counter.store.drafts.finalise(sid, submission_for(sid, first_name="ΠΟΛΙΤΙΣΣΑ"))
    _sign_in(counter)
    _today(counter).select(sid)
    _today(counter).reprint_button.click()
    receipt = counter.window.current_screen()
    assert isinstance(receipt, ReceiptScreen)
    receipt.print_button.click()
    assert "γκισέ" not in receipt.message.text()  # the clerk is the counter
    assert "Αποθηκεύστε την απόδειξη ως PDF" in receipt.message.text()
    asked: list[str] = []

    def choose(_parent: QWidget, _title: str, suggested: str, _pattern: str) -> str:
        asked.append(suggested)
        return str(tmp_path / "usb" / "apodeixi")  # the clerk types a name without .pdf

    (tmp_path / "usb").mkdir()
    receipt._ask_path = choose
    receipt.save_button.click()
    saved = tmp_path / "usb" / "apodeixi.pdf"
    assert saved.read_bytes() == receipt.pdf and saved.read_bytes().startswith(b"%PDF")
    assert asked[0].endswith(".pdf") and str(saved) in receipt.message.text()


def test_a_parked_code_with_the_right_pin_opens_the_draft(counter: Counter) -> None:
    sid = _kiosk_draft(counter, DEMO_ANSWERS[0])
    code, pin = counter.store.parking.park(sid)
    _sign_in(counter)
    _today(counter).findChildren(QAbstractButton)[1].click()  # «Αίτηση με κωδικό»
    screen = counter.window.current_screen()
    assert isinstance(screen, ParkedCodeScreen)
    type_text(screen.code, code)
    type_text(screen.pin, "000000" if pin != "000000" else "111111")
    screen.open_button.click()
    wait_while(lambda: counter.console.flow.parking_busy)  # scrypt runs on a worker
    assert screen.error.text() == "Λάθος PIN. Προσπάθειες που απομένουν: 4."
    type_text(screen.pin, pin)
    screen.open_button.click()
    wait_while(lambda: counter.console.flow.parking_busy)
    assert isinstance(counter.window.current_screen(), StepScreen)


def test_signing_out_leaves_no_applicant_data_on_screen(counter: Counter) -> None:
    _kiosk_draft(counter, DEMO_ANSWERS[0])
    _sign_in(counter)
    _today(counter).select(_today(counter).rows[0].submission_id)
    _today(counter).continue_button.click()
    counter.console.sign_out()
    assert isinstance(counter.window.current_screen(), SignInScreen)
    assert counter.console.flow.session is None
    remaining = _texts(counter.window)
    assert "099999987" not in remaining and "ΔΟΚΙΜΑΣΤΙΚΗ" not in remaining
    assert not counter.console.sign_out_button.isVisible()


def test_the_clerks_list_switches_to_english_at_run_time(counter: Counter) -> None:
    _sign_in(counter)
    counter.window.toggle_language()
    today = _today(counter)
    assert "Today's applications" in _texts(today)
    assert counter.console.sign_out_button.text() == "Sign out"
    assert counter.console.sync_bar.text().startswith(("Online", "Checking"))


def test_applications_stuck_behind_a_dead_link_are_shown_with_what_to_do(
    counter: Counter,
) -> None:
    assert counter.lane.stop()  # the link is down: nothing leaves the device
    sid = _kiosk_draft(counter, DEMO_ANSWERS[0], channel="counter")
    counter.store.drafts.finalise(sid, submission_for(sid, afm="099999987"))
    two_hours_ago = (datetime.now(UTC) - timedelta(hours=2)).isoformat()
    with counter.store.db.conn:
        counter.store.db.execute(
            "UPDATE drafts SET updated_at = ? WHERE submission_id = ?", (two_hours_ago, str(sid))
        )
    _sign_in(counter)
    note = _today(counter).waiting_note
    assert note.isVisible()
    assert note.text().startswith("1 αιτήσεις περιμένουν να σταλούν πάνω από μία ώρα")
    assert "kiosk doctor" in note.text()
    assert "Χρειάζονται προσοχή (1)" in _texts(_today(counter))


def test_a_slow_platform_does_not_freeze_the_sign_in(
    qtbot: QtBot,
    platform: Platform,  # noqa: F811
    tmp_path: Path,
) -> None:
    from sync.server.faults import Fault

    code = platform.store.create_enrolment_code("demo-office")
    redeemed = platform.store.redeem_code(code)
    assert redeemed is not None
    platform.faults.add(Fault("delay", "POST", "/v1/clerks/verify", times=1, delay=1.5))
    store = open_store(tmp_path / "device.sqlite3")
    window = MainWindow()
    qtbot.addWidget(window)
    client = platform.client(token=redeemed[1], timeout=5.0)
    console = CounterConsole(
        window,
        load_catalog(sample_catalog_dir()),
        store,
        ClerkSignIn(PlatformClerkDirectory(client)),
        region_code="2",
    )
    console.show_sign_in()
    window.show()
    screen = window.current_screen()
    assert isinstance(screen, SignInScreen)
    type_text(screen.clerk_id, "clerk01")
    type_text(screen.password, "demo-pass-01")
    beats: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: beats.append(time.monotonic()))
    timer.start(10)
    started = time.monotonic()
    screen.submit.click()
    assert time.monotonic() - started < 1.0  # the click returns at once
    assert not screen.submit.isEnabled()  # and cannot be pressed twice meanwhile
    qtbot.waitUntil(lambda: isinstance(window.current_screen(), TodayScreen), timeout=10_000)
    timer.stop()
    assert max(b - a for a, b in itertools.pairwise(beats)) < 1.0
    window.close()
    store.close()


def test_a_draft_of_a_procedure_gone_from_the_catalog_is_explained_in_the_clerks_language(
    counter: Counter,
) -> None:
    gone = counter.store.drafts.create("retired-procedure", "1.0.0", "2", "counter")
    _sign_in(counter)
    today = _today(counter)
    today.select(gone.submission_id)
    today.continue_button.click()
    assert today.message.text().startswith("retired-procedure: η διαδικασία δεν υπάρχει")
    counter.window.toggle_language()
    today = _today(counter)
    today.select(gone.submission_id)
    today.continue_button.click()
    assert today.message.text() == (
        "retired-procedure: this procedure is not in this device's catalog; ask IT to update it."
    )
