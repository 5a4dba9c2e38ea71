"""Every screen a citizen meets, in order, for the checks that must hold on all of them
(tests/ui/test_translations.py, tests/ui/test_accessibility.py), and likewise the
parking screens (`parking_screens`) and a clerk's screens in counter mode
(`counter_screens`, tests/ui/counter/test_accessibility.py).

`citizen_screens` drives the kiosk window as a person would (real clicks, typed answers,
a refused «Continue» on every step) and yields a name at each state worth checking:
home, finder with results and without, overview, each step of the taxi licence before
and after a refused «Continue», review, done (after a failed print), and the idle
countdown over the screen. Answers are typed in Latin letters so that any Greek left on
an English screen comes from the interface, not from the applicant."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

from PySide6.QtWidgets import QAbstractButton, QLineEdit, QMainWindow, QRadioButton
from pytestqt.qtbot import QtBot

from kiosk.catalog.loader import load_catalog, sample_catalog_dir
from sync.engine import SyncState
from tests.kiosk.store.factories import submission_for
from tests.ui.counter.conftest import Counter
from tests.ui.counter.test_console import _kiosk_draft, _sign_in
from tests.ui.typing import finish_editing, type_text
from ui.backend import MemoryBackend
from ui.background import wait_while
from ui.counter.dashboard_page import DashboardPage
from ui.counter.sign_in import SignInScreen
from ui.counter.today import TodayScreen
from ui.demo_walkthrough import DEMO_ANSWERS
from ui.flow import ProcedureFlow
from ui.kiosk_mode import KioskWindow
from ui.screens.done import DoneScreen
from ui.screens.finder import FinderScreen
from ui.screens.home import HomeScreen
from ui.screens.overview import OverviewScreen
from ui.screens.parked import ParkedCodeScreen, ParkedTicketScreen
from ui.screens.receipt import ReceiptScreen
from ui.screens.review import ReviewScreen
from ui.screens.step_form import StepScreen

PROCEDURE = "taxi-driver-licence"
WINDOW_SIZE = (1280, 800)

# What a citizen answers on each step of the taxi licence, as (field, value): text for
# line edits, True/False for yes/no, a choice's value, True for a declaration.
ANSWERS: dict[str, list[tuple[str, object]]] = {
    "applicant": [
        ("afm", "090000045"),
        ("surname", "Papadopoulou"),
        ("first_name", "Maria"),
        ("birth_date", "15/06/1988"),
        ("amka", "15068899994"),
        ("nationality", 0),
    ],
    "contact": [
        ("phone", "6912345678"),
        ("address", "Egnatias 1"),
        ("postcode", "54622"),
    ],
    "eligibility": [
        ("licence_category_b", 0),
        ("exam_date", "01/10/2026"),
        ("mobility_issue", 1),
        ("by_representative", 1),
    ],
    "declaration": [("truthful", 0)],
}


def kiosk_window(qtbot: QtBot, locale: str) -> tuple[KioskWindow, ProcedureFlow]:
    window = KioskWindow(locale)
    flow = ProcedureFlow(
        window, load_catalog(sample_catalog_dir()), region_code="2", backend=MemoryBackend()
    )
    # The applicant is forgotten before the window goes: its focused field, destroyed
    # later (in the next test's event loop), would otherwise hand the flow an answer.
    qtbot.addWidget(window, before_close_func=lambda _window: flow.wipe_session())
    flow.show_home()
    window.resize(*WINDOW_SIZE)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    return window, flow


def current_step(window: KioskWindow) -> StepScreen:
    screen = window.current_screen()
    assert isinstance(screen, StepScreen), type(screen)
    return screen


def answer(screen: StepScreen, field_id: str, value: object) -> None:
    editor = screen.rows[field_id].editor
    line = editor.findChild(QLineEdit)
    if isinstance(value, str) and line is not None:
        type_text(line, value)
        finish_editing(line)
        return
    assert isinstance(value, int)
    buttons = [b for b in editor.findChildren(QAbstractButton) if b.isVisible()]
    if isinstance(buttons[0], QRadioButton) or len(buttons) > 1:
        buttons[value].click()
    else:
        buttons[0].click()


def settle(qtbot: QtBot, window: QMainWindow) -> None:
    """Let layouts, deferred deletions and activation finish before looking (offscreen,
    the window is briefly inactive after its minimum size changes)."""
    qtbot.wait(1)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    central = window.centralWidget()
    if central is not None and central.layout() is not None:
        central.layout().activate()


def citizen_screens(qtbot: QtBot, window: KioskWindow, flow: ProcedureFlow) -> Iterator[str]:
    settle(qtbot, window)
    yield "home"
    window.current_screen().find_button.click()  # type: ignore[union-attr]
    finder = window.current_screen()
    assert isinstance(finder, FinderScreen)
    type_text(finder.query, "taxi")
    settle(qtbot, window)
    yield "finder"
    finder.query.clear()
    type_text(finder.query, "zzzz")
    settle(qtbot, window)
    yield "finder-no-results"
    finder.query.clear()
    type_text(finder.query, "taxi")
    finder.findChildren(QAbstractButton, "procedure")[0].click()
    overview = window.current_screen()
    assert isinstance(overview, OverviewScreen)
    settle(qtbot, window)
    yield "overview"
    next(b for b in overview.findChildren(QAbstractButton) if b.objectName() == "primary").click()
    for step_id, answers in ANSWERS.items():
        screen = current_step(window)
        assert screen.step.id == step_id
        settle(qtbot, window)
        yield f"step-{step_id}"
        screen.next_button.click()
        settle(qtbot, window)
        yield f"step-{step_id}-refused"
        for field_id, value in answers:
            answer(screen, field_id, value)
        screen.next_button.click()
    review = window.current_screen()
    assert isinstance(review, ReviewScreen)
    settle(qtbot, window)
    yield "review"
    review.submit_button.click()
    done = window.current_screen()
    assert isinstance(done, DoneScreen)
    done.print_button.click()  # no printer here: the message and the receipt on screen
    settle(qtbot, window)
    yield "done"
    window.overlay.show_seconds(30)
    settle(qtbot, window)
    yield "still-there"


def _wrong(pin: str) -> str:
    return "000000" if pin != "000000" else "111111"


def parking_screens(qtbot: QtBot, window: KioskWindow, flow: ProcedureFlow) -> Iterator[str]:
    """A citizen leaves the taxi licence for later: the step with its «Save for later»
    link, the code and PIN shown once, then the code entry with a wrong PIN."""
    flow.start(PROCEDURE)
    step = current_step(window)
    settle(qtbot, window)
    yield "step"
    step.next_button.click()
    settle(qtbot, window)
    yield "step-refused"
    for field_id, value in ANSWERS["applicant"][:3]:
        answer(step, field_id, value)
    step.park_button.click()
    qtbot.waitUntil(lambda: isinstance(window.current_screen(), ParkedTicketScreen))
    ticket = window.current_screen()
    assert isinstance(ticket, ParkedTicketScreen)
    code = ticket.code_label.text().split(": ")[1]
    pin = ticket.pin_label.text().split(": ")[1]
    settle(qtbot, window)
    yield "ticket"
    ticket.finish_button.click()
    home = window.current_screen()
    assert isinstance(home, HomeScreen)
    home.resume_button.click()
    entry = window.current_screen()
    assert isinstance(entry, ParkedCodeScreen)
    settle(qtbot, window)
    yield "code"
    type_text(entry.code, code)
    type_text(entry.pin, _wrong(pin))
    entry.open_button.click()
    wait_while(lambda: flow.parking_busy)  # the PIN is checked on a worker
    settle(qtbot, window)
    yield "code-refused"


def counter_screens(
    qtbot: QtBot, counter: Counter, size: tuple[int, int] | None = WINDOW_SIZE
) -> Iterator[str]:
    """A clerk's day: sign-in refused then accepted; the list with a kiosk draft, a
    receipt to reprint and an application the platform refused; the sync bar offline;
    a parked code with a wrong PIN; the office dashboard. `size` None: the window
    keeps the size it has (on a real screen, the one the app chose)."""
    window, store = counter.window, counter.store
    if size is not None:
        window.resize(*size)
    draft = _kiosk_draft(counter, DEMO_ANSWERS[0])
    code, pin = store.parking.park(draft)
    for status in ("accepted", "quarantined"):
        sid = _kiosk_draft(counter, DEMO_ANSWERS[0], channel="counter")
        store.drafts.finalise(sid, submission_for(sid, afm="099999987"))
        if status == "accepted":
            store.outbox.mark_accepted(sid, "2026/000042", datetime.now(UTC))
            accepted = sid
        else:
            store.outbox.mark_quarantined(sid, "invalid", {"amka": "does not match"})
    assert isinstance(window.current_screen(), SignInScreen)
    settle(qtbot, window)
    yield "sign-in"
    _sign_in(counter, password="wrong-password")
    settle(qtbot, window)
    yield "sign-in-refused"
    refused = window.current_screen()
    assert isinstance(refused, SignInScreen)
    refused.clerk_id.clear()
    _sign_in(counter)
    today = window.current_screen()
    assert isinstance(today, TodayScreen)
    settle(qtbot, window)
    yield "today"
    counter.lane.stop()  # what the lane shows when the platform stops answering
    counter.console.sync_bar.show_state(SyncState(pending=2, online=False))
    settle(qtbot, window)
    yield "today-offline"
    today.select(accepted)
    today.reprint_button.click()  # the receipt, full size, to print or save as PDF
    assert isinstance(window.current_screen(), ReceiptScreen)
    settle(qtbot, window)
    yield "receipt"
    window.current_screen().back_button.click()  # type: ignore[union-attr]
    today = window.current_screen()
    assert isinstance(today, TodayScreen)
    today.code_button.click()
    entry = window.current_screen()
    assert isinstance(entry, ParkedCodeScreen)
    settle(qtbot, window)
    yield "code"
    type_text(entry.code, code)
    type_text(entry.pin, _wrong(pin))
    entry.open_button.click()
    wait_while(lambda: counter.console.flow.parking_busy)
    settle(qtbot, window)
    yield "code-refused"
    entry.cancel_button.click()
    today = window.current_screen()
    assert isinstance(today, TodayScreen)
    today.dashboard_button.click()
    page = window.current_screen()
    assert isinstance(page, DashboardPage)
    qtbot.waitUntil(lambda: page.screen is not None)  # the figures come from a lane
    settle(qtbot, window)
    yield "dashboard"
