"""A citizen walks a whole real procedure at the kiosk, typing Greek, against the
reference server on loopback."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import msgspec
import pytest
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QRadioButton, QWidget
from pytestqt.qtbot import QtBot

from kiosk.catalog.loader import load_catalog, sample_catalog_dir
from sync.client import PlatformClient
from sync.demo_citizen import DemoCitizen
from sync.registry import PlatformRegistry
from tests.ui.typing import finish_editing, type_text
from ui.backend import MemoryBackend, StoreBackend
from ui.demo_walkthrough import demo_backend, reference_platform
from ui.flow import ProcedureFlow
from ui.main_window import MainWindow
from ui.screens.done import DoneScreen
from ui.screens.finder import FinderScreen
from ui.screens.review import ReviewScreen
from ui.screens.step_form import StepScreen


@pytest.fixture
def platform() -> Iterator[PlatformClient]:
    with reference_platform() as client:
        yield client


@pytest.fixture
def backend(platform: PlatformClient) -> Iterator[StoreBackend]:
    with demo_backend(platform) as store_backend:
        yield store_backend


def _window(qtbot: QtBot, backend: Any, registry: Any = None) -> tuple[MainWindow, ProcedureFlow]:
    window = MainWindow()
    qtbot.addWidget(window)
    flow = ProcedureFlow(
        window,
        load_catalog(sample_catalog_dir()),
        region_code="2",
        backend=backend,
        registry=registry,
    )
    flow.show_home()
    window.resize(1280, 860)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    return window, flow


def _line(screen: StepScreen, field_id: str) -> QLineEdit:
    line = screen.rows[field_id].editor.findChild(QLineEdit)
    assert line is not None
    return line


def _type(screen: StepScreen, field_id: str, value: str) -> None:
    line = _line(screen, field_id)
    type_text(line, value)
    finish_editing(line)


def _choose(screen: StepScreen, field_id: str, label: str) -> None:
    for radio in screen.rows[field_id].editor.findChildren(QRadioButton):
        if radio.text() == label:
            radio.click()
            return
    raise AssertionError(f"no option {label!r} for {field_id}")


def _step(window: MainWindow) -> StepScreen:
    screen = window.current_screen()
    assert isinstance(screen, StepScreen), type(screen)
    return screen


def _texts(root: QWidget) -> str:
    parts = [w.text() for w in root.findChildren(QLabel)] + [
        w.text() for w in root.findChildren(QLineEdit)
    ]
    parts += [w.text() for w in root.findChildren(QAbstractButton)]
    return "\n".join(parts)


def test_citizen_finds_fills_and_submits_the_taxi_licence(
    qtbot: QtBot, platform: PlatformClient, backend: StoreBackend
) -> None:
    window, flow = _window(qtbot, backend, PlatformRegistry(platform, DemoCitizen(platform)))
    flow.show_finder()
    finder = window.current_screen()
    assert isinstance(finder, FinderScreen)
    type_text(finder.query, "άδεια ταξί")
    first = finder.findChildren(QAbstractButton, "procedure")[0]
    assert "ταξί" in first.text()
    first.click()
    start = next(
        b
        for b in window.current_screen().findChildren(QAbstractButton)
        if b.objectName() == "primary"
    )
    start.click()

    screen = _step(window)
    screen.next_button.click()
    assert "Συμπληρώστε" in screen.issue_text("afm")
    _type(screen, "afm", "099999987")
    assert _line(screen, "surname").text() == ""  # nobody signed in: no registry is asked
    _type(screen, "surname", "ΔΟΚΙΜΑΣΤΙΚΗ")
    _type(screen, "first_name", "ΠΟΛΙΤΙΣΣΑ")
    _type(screen, "birth_date", "15/06/1988")
    _type(screen, "amka", "15068899994")
    _choose(screen, "nationality", "Ελληνική")
    screen.next_button.click()

    screen = _step(window)
    _type(screen, "phone", "6912345678")
    _type(screen, "address", "Εγνατίας 1, Θεσσαλονίκη")
    _type(screen, "postcode", "546")
    screen.next_button.click()
    assert "5 ψηφία" in _step(window).issue_text("postcode")
    _line(screen, "postcode").clear()
    _type(screen, "postcode", "54622")
    screen.next_button.click()

    screen = _step(window)
    _choose(screen, "licence_category_b", "Ναι")
    _type(screen, "exam_date", "01/10/2026")
    _choose(screen, "mobility_issue", "Όχι")
    _choose(screen, "by_representative", "Όχι")
    screen.next_button.click()
    screen = _step(window)
    screen.rows["truthful"].editor.findChildren(QAbstractButton)[0].click()
    screen.next_button.click()

    review = window.current_screen()
    assert isinstance(review, ReviewScreen)
    shown = _texts(review)
    assert "Εγνατίας 1, Θεσσαλονίκη" in shown and "50,00 €" in shown
    assert "Απόσπασμα ποινικού μητρώου" in shown  # to bring: nobody asked the office for it
    review.submit_button.click()
    done = window.current_screen()
    assert isinstance(done, DoneScreen)
    assert "Αριθμός πρωτοκόλλου: 2026/" in _texts(done)
    session_id = flow.last_submission.submission_id
    record = backend.store.drafts.get(session_id)
    assert record.status == "accepted" and record.protocol_number in _texts(done)
    assert (
        backend.store.drafts.answers(session_id)["address"] == "Εγνατίας 1, Θεσσαλονίκη"
    )  # saved as given
    receipt = flow.last_receipt
    assert receipt.protocol_number and receipt.protocol_number.startswith("2026/")
    assert receipt.region_name == "ΠΕΡΙΦΕΡΕΙΑ ΚΕΝΤΡΙΚΗΣ ΜΑΚΕΔΟΝΙΑΣ"
    assert receipt.applicant_name == "ΠΟΛΙΤΙΣΣΑ ΔΟΚΙΜΑΣΤΙΚΗ"


def test_offline_submission_says_plainly_it_is_queued(qtbot: QtBot) -> None:
    window, flow = _window(qtbot, MemoryBackend(protocol_number=None))
    flow.start("animal-transporter-licence-type2")
    session = flow.session
    assert session is not None
    for key, value in {
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
    }.items():
        session.set_answer(key, value)
    while not session.at_review:
        assert session.next().moved
    flow.submit()
    assert "θα σταλεί αυτόματα" in _texts(window)
    done = window.current_screen()
    assert isinstance(done, DoneScreen)
    done.print_button.click()  # this kiosk has no printer configured
    assert "Δεν βρέθηκε εκτυπωτής" in done.print_message.text()
    assert done.receipt_view.pixmap() is not None and not done.receipt_view.pixmap().isNull()
    assert done.receipt_view.pixmap().width() >= 640  # large enough to read, not a thumbnail


def test_going_home_wipes_every_trace_of_the_applicant(qtbot: QtBot) -> None:
    window, flow = _window(qtbot, MemoryBackend())
    flow.start("taxi-driver-licence")
    _type(_step(window), "surname", "Παπαδοπούλου")
    _type(_step(window), "afm", "090000045")
    flow.wipe()
    qtbot.wait(10)
    assert flow.session is None
    remaining = _texts(window)
    assert "Παπαδοπούλου" not in remaining and "090000045" not in remaining


def test_language_switches_at_run_time_and_keeps_the_answers(qtbot: QtBot) -> None:
    window, flow = _window(qtbot, MemoryBackend())
    flow.start("taxi-driver-licence")
    _type(_step(window), "surname", "Παπαδοπούλου")
    window.language_button.click()
    screen = _step(window)
    assert screen.rows["surname"].title.text().startswith("Surname")
    assert _line(screen, "surname").text() == "Παπαδοπούλου"
    assert window.language_button.text() == "Ελληνικά"


def test_switching_language_keeps_the_errors_of_the_values_still_wrong(qtbot: QtBot) -> None:
    window, flow = _window(qtbot, MemoryBackend())
    flow.start("taxi-driver-licence")
    _type(_step(window), "afm", "123")  # not an AFM: an error under it
    _step(window).next_button.click()
    assert _step(window).issue_text("afm") and _step(window).issue_text("surname")
    window.language_button.click()
    screen = _step(window)
    assert _line(screen, "afm").text() == "123"
    assert "AFM" in screen.issue_text("afm")  # still said, in English
    assert screen.issue_text("surname") == "Please fill in this field."
    assert screen.rows["afm"].error.isVisibleTo(screen)
    assert screen.summary_error.isVisibleTo(screen)


def test_focus_moves_to_the_first_field_to_fix(qtbot: QtBot) -> None:
    window, flow = _window(qtbot, MemoryBackend())
    flow.start("taxi-driver-licence")
    screen = _step(window)
    screen.next_button.click()
    qtbot.waitUntil(_line(screen, "afm").hasFocus, timeout=2000)
    assert screen.summary_error.isVisible()


def test_a_draft_resumes_on_the_definition_version_it_was_started_on(qtbot: QtBot) -> None:
    catalog = load_catalog(sample_catalog_dir())
    started_on = catalog.procedures["taxi-driver-licence"]
    first = started_on.steps[0]
    renamed = msgspec.structs.replace(first, title=msgspec.structs.replace(first.title, el="Νέο"))
    catalog.procedures[started_on.id] = msgspec.structs.replace(
        started_on, version="9.0.0", steps=[renamed, *started_on.steps[1:]]
    )
    asked: list[tuple[str, str]] = []

    def archived(procedure_id: str, version: str) -> Any:
        asked.append((procedure_id, version))
        return started_on

    window = MainWindow()
    qtbot.addWidget(window)
    flow = ProcedureFlow(
        window, catalog, region_code="2", backend=MemoryBackend(), definitions=archived
    )
    from datetime import UTC, datetime
    from uuid import uuid4

    flow.resume(uuid4(), started_on.id, {}, datetime.now(UTC), started_on.version)
    assert asked == [(started_on.id, started_on.version)]
    assert flow.session is not None and flow.session.procedure.version == started_on.version
    assert first.title.el in _texts(_step(window)) and "Νέο" not in _texts(_step(window))
