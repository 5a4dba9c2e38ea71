"""Every screen a citizen meets, in order, for the checks that must hold on all of them
(tests/ui/test_translations.py, tests/ui/test_accessibility.py).

`citizen_screens` drives the kiosk window as a person would (real clicks, typed answers,
a refused «Continue» on every step) and yields a name at each state worth checking:
home, finder with results and without, overview, each step of the taxi licence before
and after a refused «Continue», review, done (after a failed print), and the idle
countdown over the screen. Answers are typed in Latin letters so that any Greek left on
an English screen comes from the interface, not from the applicant."""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtWidgets import QAbstractButton, QLineEdit, QRadioButton
from pytestqt.qtbot import QtBot

from kiosk.catalog.loader import load_catalog, sample_catalog_dir
from tests.ui.typing import finish_editing, type_text
from ui.backend import MemoryBackend
from ui.flow import ProcedureFlow
from ui.kiosk_mode import KioskWindow
from ui.screens.done import DoneScreen
from ui.screens.finder import FinderScreen
from ui.screens.overview import OverviewScreen
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
    qtbot.addWidget(window)
    flow = ProcedureFlow(
        window, load_catalog(sample_catalog_dir()), region_code="2", backend=MemoryBackend()
    )
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


def settle(qtbot: QtBot, window: KioskWindow) -> None:
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
