"""At the counter, a registry is asked only after the signed-in clerk records that the
applicant's identity was checked in person; acting for another person puts the
authorisation on the checklist and goes on the record; the fetch is made with the
clerk's platform session and is in the device's audit log without the number."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from kiosk.engine.submission_builder import build_submission
from tests.ui.counter.conftest import Counter
from tests.ui.counter.test_console import _sign_in
from tests.ui.typing import finish_editing, type_text
from ui.screens.evidence_panel import EvidencePanel
from ui.screens.identity_check import IdentityCheckForm
from ui.screens.step_form import StepScreen


def _step(counter: Counter) -> StepScreen:
    screen = counter.window.current_screen()
    assert isinstance(screen, StepScreen), type(screen)
    return screen


def _line(counter: Counter, field_id: str) -> QLineEdit:
    line = _step(counter).rows[field_id].editor.findChild(QLineEdit)
    assert line is not None
    return line


def _form(counter: Counter) -> IdentityCheckForm:
    form = _step(counter).findChild(IdentityCheckForm)
    assert form is not None
    return form


def test_the_clerk_records_the_identity_check_then_fetches_for_a_represented_person(
    qtbot: QtBot, counter: Counter
) -> None:
    _sign_in(counter)
    flow = counter.console.flow
    flow.start("taxi-driver-licence")
    line = _line(counter, "afm")
    type_text(line, "099999999")
    finish_editing(line)
    assert _line(counter, "surname").text() == "" and not flow.once_only.authorised

    form = _form(counter)
    form.last4.setText("12")
    form.record.click()
    assert "4 τελευταίους" in form.error.text() and not flow.once_only.authorised
    form.last4.setText("1234")
    form.relation.setCurrentIndex(form.relation.findData("authorised"))
    form.record.click()
    QApplication.processEvents()  # the panel forwards the check once the click is over
    assert flow.once_only.authorised
    session = flow.session
    assert session is not None and session.acting is not None
    assert session.acting.clerk_id == "clerk01" and session.acting.represented is not None
    representation = next(i for i in session.checklist() if i.document_id == "representation")
    assert representation.status == "bring" and "Εξουσιοδότηση" in representation.document.title.el

    panel = _step(counter).findChild(EvidencePanel)
    assert panel is not None
    (fetch,) = [
        b
        for b in panel.findChildren(QAbstractButton)
        if b.property("action") == "fetch:prefill:afm"
    ]
    fetch.click()
    QApplication.processEvents()
    qtbot.waitUntil(lambda: _line(counter, "surname").text() == "ΔΟΚΙΜΑΣΤΙΚΟΣ", timeout=10_000)

    audit = counter.store.db.execute(
        "SELECT actor, action, detail FROM audit WHERE action IN "
        "('identity_checked', 'registry_fetch') ORDER BY id"
    ).fetchall()
    assert [(a, b) for a, b, _ in audit] == [
        ("clerk01", "identity_checked"),
        ("clerk01", "registry_fetch"),
    ]
    assert "1234" not in audit[0][2] and "represented=authorised" in audit[0][2]
    assert "on_behalf=clerk" in audit[1][2] and "ΔΟΚΙΜΑΣΤΙΚΟΣ" not in audit[1][2]
    fetched_at = session.evidence["prefill:afm"].fetched_at
    assert fetched_at is not None
    submission = build_submission(
        session, channel="counter", created_at=fetched_at, require_ready=False
    )
    (record,) = submission.evidence
    assert record.on_behalf is not None and record.on_behalf.clerk_id == "clerk01"
    assert record.represented is not None and record.represented.relation == "authorised"
    assert record.fetch_id
