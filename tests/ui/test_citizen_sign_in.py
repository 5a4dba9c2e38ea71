"""The citizen signs in on their own phone (RFC 8628) against the real reference server
on loopback: a FAKE citizen walks the platform's pages over HTTP; the kiosk's fields
are filled only after the approval AND the person's request, its QR code reads back
as the platform's link, and the idle wipe revokes the grant on the platform. A refusal
says so and leaves what was typed as it was."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import zxingcpp
from PIL import Image
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QLineEdit
from pytestqt.qtbot import QtBot

from kiosk.catalog.loader import load_catalog, sample_catalog_dir
from kiosk.engine.submission_builder import build_submission
from sync.demo_citizen import answer_on_phone
from sync.registry import PlatformRegistry
from tests.ui.onceonly_support import CountedPlatform, counted_platform
from tests.ui.typing import finish_editing, type_text
from ui.backend import StoreBackend
from ui.demo_walkthrough import DEMO_ANSWERS, demo_backend
from ui.flow import ProcedureFlow
from ui.main_window import MainWindow
from ui.screens.citizen_sign_in import CitizenSignInScreen
from ui.screens.evidence_panel import EvidencePanel
from ui.screens.review import ReviewScreen
from ui.screens.step_form import StepScreen


@pytest.fixture
def platform() -> Iterator[CountedPlatform]:
    with counted_platform() as counted:
        yield counted


@pytest.fixture
def backend(platform: CountedPlatform) -> Iterator[StoreBackend]:
    with demo_backend(platform.client) as store_backend:
        yield store_backend


def _kiosk(qtbot: QtBot, platform: CountedPlatform, backend: StoreBackend) -> ProcedureFlow:
    window = MainWindow()
    qtbot.addWidget(window)
    flow = ProcedureFlow(
        window, load_catalog(sample_catalog_dir()), region_code="2", backend=backend,
        registry=PlatformRegistry(platform.client), citizen_client=platform.client,
    )  # fmt: skip
    window.resize(1280, 860)
    window.show()
    qtbot.waitActive(window)
    flow.start("taxi-driver-licence")
    return flow


def _step(flow: ProcedureFlow) -> StepScreen:
    screen = flow.window.current_screen()
    assert isinstance(screen, StepScreen), type(screen)
    return screen


def _line(flow: ProcedureFlow, field_id: str) -> QLineEdit:
    line = _step(flow).rows[field_id].editor.findChild(QLineEdit)
    assert line is not None
    return line


def _press(flow: ProcedureFlow, action: str) -> None:
    panel = _step(flow).findChild(EvidencePanel)
    assert panel is not None
    (found,) = [b for b in panel.findChildren(QAbstractButton) if b.property("action") == action]
    found.click()
    QApplication.processEvents()  # the panel forwards the intent once the click is over


def _signing_in(qtbot: QtBot, flow: ProcedureFlow) -> CitizenSignInScreen:
    line = _line(flow, "afm")
    type_text(line, "099999999")
    finish_editing(line)
    _press(flow, "sign_in")
    screen = flow.window.current_screen()
    assert isinstance(screen, CitizenSignInScreen)
    qtbot.waitUntil(lambda: bool(screen.user_code), timeout=10_000)
    return screen


def _decoded(screen: CitizenSignInScreen) -> list[str]:
    assert screen.qr is not None
    image = screen.qr.grab().toImage().convertToFormat(QImage.Format.Format_RGB888)
    pixels = Image.frombytes(
        "RGB", (image.width(), image.height()), bytes(image.constBits()), "raw", "RGB",
        image.bytesPerLine(),
    )  # fmt: skip
    return [code.text for code in zxingcpp.read_barcodes(pixels)]


def test_the_name_is_filled_only_after_the_citizen_approves_and_asks_and_the_wipe_revokes(
    qtbot: QtBot, platform: CountedPlatform, backend: StoreBackend
) -> None:
    flow = _kiosk(qtbot, platform, backend)
    screen = _signing_in(qtbot, flow)
    code = screen.user_code
    assert len(code) == 9 and code[4] == "-"
    assert _decoded(screen) == [f"{platform.url}/citizen?code={code}"]
    assert platform.asked("/v1/registry") == []

    page = answer_on_phone(platform.url, code, "099999999")  # the FAKE citizen approves
    assert page.status_code == 200
    qtbot.waitUntil(lambda: isinstance(flow.window.current_screen(), StepScreen), timeout=20_000)
    assert flow.once_only.authorised
    assert _line(flow, "surname").text() == ""  # signed in, but nothing asked for yet
    assert platform.asked("/v1/registry") == []

    _press(flow, "fetch:prefill:afm")
    qtbot.waitUntil(lambda: _line(flow, "surname").text() == "ΔΟΚΙΜΑΣΤΙΚΟΣ", timeout=10_000)
    assert _line(flow, "first_name").text() == "ΠΟΛΙΤΗΣ"
    assert len(platform.asked("/v1/registry")) == 1
    session = flow.session
    assert session is not None
    state = session.evidence["prefill:afm"]
    assert state.choice == "fetched" and state.fetch_id and state.acting is not None
    assert state.fetched_at is not None
    submission = build_submission(
        session, channel="kiosk", created_at=state.fetched_at, require_ready=False
    )
    (record,) = submission.evidence
    assert record.fetch_id == state.fetch_id and record.on_behalf is not None
    assert record.on_behalf.kind == "citizen_grant"

    flow.wipe()  # the idle wipe: the grant ends here and on the platform
    assert not flow.once_only.authorised
    qtbot.waitUntil(
        lambda: ("DELETE", "/v1/citizen/grants/current") in platform.seen, timeout=10_000
    )


def test_a_refusal_on_the_phone_says_so_and_the_typed_afm_is_kept(
    qtbot: QtBot, platform: CountedPlatform, backend: StoreBackend
) -> None:
    flow = _kiosk(qtbot, platform, backend)
    screen = _signing_in(qtbot, flow)
    answer_on_phone(platform.url, screen.user_code, "099999999", decision="deny")
    qtbot.waitUntil(lambda: not screen.problem.isHidden(), timeout=20_000)
    assert "δεν εγκρίθηκε" in screen.problem.text()
    assert "φέρνοντας τα έγγραφα" in screen.problem.text()
    assert screen.qr is not None and screen.qr.isHidden()
    assert not flow.once_only.authorised
    screen.bring_button.click()
    assert _line(flow, "afm").text() == "099999999"
    panel = _step(flow).findChild(EvidencePanel)
    assert panel is not None
    assert "Δεν έχετε συνδεθεί" in "\n".join(w.text() for w in panel.findChildren(QLabel))
    assert platform.asked("/v1/registry") == []


def test_a_grant_gives_only_the_citizens_own_record_and_the_screen_says_so(
    qtbot: QtBot, platform: CountedPlatform, backend: StoreBackend
) -> None:
    flow = _kiosk(qtbot, platform, backend)
    screen = _signing_in(qtbot, flow)
    answer_on_phone(platform.url, screen.user_code, "099999987")  # another person approves
    qtbot.waitUntil(lambda: isinstance(flow.window.current_screen(), StepScreen), timeout=20_000)
    panel = _step(flow).findChild(EvidencePanel)
    assert panel is not None
    assert "Συνδεθήκατε ως" in "\n".join(w.text() for w in panel.findChildren(QLabel))
    _press(flow, "fetch:prefill:afm")  # for 099999999, typed before: not theirs
    qtbot.waitUntil(lambda: "δεν δίνει αυτά τα στοιχεία" in _panel_words(flow), timeout=10_000)
    assert _line(flow, "surname").text() == "" and _line(flow, "afm").text() == "099999999"
    assert len(platform.asked("/v1/registry")) == 1  # asked once, refused by the platform
    session = flow.session
    assert session is not None and session.once_only_checks() == []  # nothing left pending
    state = session.evidence["prefill:afm"]
    assert (state.choice, state.refused) == ("bring", "not_your_record")


def _panel_words(flow: ProcedureFlow) -> str:
    panel = _step(flow).findChild(EvidencePanel)
    return "\n".join(w.text() for w in panel.findChildren(QLabel)) if panel else ""


def test_a_signed_in_application_is_accepted_by_the_platform_with_its_record(
    qtbot: QtBot, platform: CountedPlatform, backend: StoreBackend
) -> None:
    flow = _kiosk(qtbot, platform, backend)
    screen = _signing_in(qtbot, flow)
    answer_on_phone(platform.url, screen.user_code, "099999999")
    qtbot.waitUntil(lambda: isinstance(flow.window.current_screen(), StepScreen), timeout=20_000)
    _press(flow, "fetch:prefill:afm")
    qtbot.waitUntil(lambda: _line(flow, "surname").text() == "ΔΟΚΙΜΑΣΤΙΚΟΣ", timeout=10_000)
    _press(flow, "fetch:document:criminal_record")  # the office fetches it later
    first, *rest = DEMO_ANSWERS
    for step_answers in [{k: v for k, v in first.items() if k != "afm" and "name" not in k}, *rest]:
        step = _step(flow)
        for field_id, value in step_answers.items():
            step.rows[field_id].editor.set_value(value)
            step.answer_given.emit(field_id, value)
        flow._next()
    review = flow.window.current_screen()
    assert isinstance(review, ReviewScreen), type(review)
    review.submit_button.click()
    submission = flow.last_submission
    record = backend.store.drafts.get(submission.submission_id)
    assert record.status == "accepted" and record.protocol_number  # no 422: the record holds
    kinds = {(e.evidence_type, e.choice) for e in submission.evidence}
    assert kinds == {("taxpayer_identity", "fetch"), ("criminal_record", "fetch")}
    fetched = next(e for e in submission.evidence if e.fetch_id)
    assert fetched.on_behalf is not None and fetched.on_behalf.kind == "citizen_grant"
    assert not flow.once_only.authorised  # submitted: the grant ended with it
    qtbot.waitUntil(
        lambda: ("DELETE", "/v1/citizen/grants/current") in platform.seen, timeout=10_000
    )
    names = [item.evidence for item in flow.last_receipt.fetched]
    assert names == ["Επώνυμο, Όνομα", "Απόσπασμα ποινικού μητρώου γενικής χρήσης"]
