"""The submission document: identity at birth, visible answers only, files by hash."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

import pytest

from kiosk.engine.session import FillingSession
from kiosk.engine.submission_builder import NotReadyError, build_submission
from kiosk.submission import AttachmentRef, Submission
from tests.kiosk.engine.procedures import support_grant

BORN = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)
REPORT = AttachmentRef(
    sha256="c" * 64, file_name="έκθεση.pdf", media_type="application/pdf", size=2048
)
CONTRACT = AttachmentRef(
    sha256="d" * 64, file_name="contract.jpg", media_type="image/jpeg", size=99
)


def _filled() -> FillingSession:
    session = FillingSession(support_grant(), "9", uuid.uuid4(), today=date(2026, 11, 22))
    session.set_answer("kind", "sheep")
    session.set_answer("heads", 120)
    session.set_answer("insured", True)
    session.set_answer("vet_report", REPORT)
    session.add_item("herds")
    session.set_item_answer("herds", 0, "code", "ΓΡ-1")
    session.set_item_answer("herds", 0, "moved", False)
    session.set_item_answer("herds", 0, "destination", "Λάρισα")  # kept, hidden: not sent
    return session


def test_an_unfinished_session_is_refused_with_what_needs_attention() -> None:
    session = FillingSession(support_grant(), "9", uuid.uuid4())
    with pytest.raises(NotReadyError, match="kind, heads") as error:
        build_submission(session, channel="kiosk", created_at=BORN)
    assert [i.path for i in error.value.issues] == ["kind", "heads"]
    draft = build_submission(session, channel="counter", created_at=BORN, require_ready=False)
    assert draft.answers == {}


def test_the_submission_carries_visible_answers_calculations_files_and_fees() -> None:
    session = _filled()
    session.attach_document("insurance_contract", CONTRACT)
    submission = build_submission(session, channel="kiosk", created_at=BORN, finalised_at=BORN)
    assert submission.submission_id == session.submission_id
    assert submission.answers["herds"] == [{"code": "ΓΡ-1", "moved": False}]
    assert submission.answers["aid"] == "300.00"
    assert submission.answers["vet_report"]["sha256"] == REPORT.sha256
    assert [(a.sha256, a.field_id) for a in submission.attachments] == [
        (REPORT.sha256, "vet_report"),
        (CONTRACT.sha256, None),
    ]
    states = {d.document_id: (d.status, d.attachment_sha256) for d in submission.documents}
    assert states == {
        "insurance_contract": ("attached", CONTRACT.sha256),
        "cattle_register": ("not_required", None),
        "loss_report": ("bring", None),
    }
    assert [(f.fee_id, str(f.amount)) for f in submission.fees] == [("fee", "30.00")]


def test_the_json_is_canonical_and_reads_back_identically() -> None:
    session = _filled()
    first = build_submission(session, channel="kiosk", created_at=BORN, finalised_at=BORN)
    again = build_submission(session, channel="kiosk", created_at=BORN, finalised_at=BORN)
    assert first.to_json_bytes() == again.to_json_bytes()
    assert Submission.from_json_bytes(first.to_json_bytes()) == first
