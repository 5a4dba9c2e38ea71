from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from decimal import Decimal

from kiosk.engine.review import review_summary
from kiosk.engine.session import FillingSession
from kiosk.engine.submission_builder import build_submission
from kiosk.ports import RegistryRecord, RegistryUnavailableError
from tests.kiosk.engine.procedures import transporter_licence

TODAY = date(2026, 11, 22)
VALID_AFM = "090000045"


def _session(**kwargs: object) -> FillingSession:
    return FillingSession(
        procedure=transporter_licence(),
        region_code="2",
        submission_id=uuid.UUID("6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f"),
        today=TODAY,
        **kwargs,  # type: ignore[arg-type]
    )


def _fill_applicant(session: FillingSession, kind: str = "individual") -> None:
    session.set_answer("applicant_type", kind)
    session.set_answer("afm", VALID_AFM)
    session.set_answer("surname", "Παπαδοπούλου")
    if kind == "company":
        session.set_answer("gemi_number", "123456701000")


def test_next_refuses_to_leave_a_step_with_a_missing_required_answer() -> None:
    session = _session()
    changes = session.next()
    assert not changes.moved
    assert {issue.path for issue in changes.issues} >= {"applicant_type", "afm", "surname"}
    assert session.current_step.id == "applicant"
    assert "Συμπληρώστε" in changes.issues[0].message.el
    assert "fill in" in changes.issues[0].message.get("en")


def test_choosing_company_shows_the_gemi_field_and_requires_its_document() -> None:
    session = _session()
    _fill_applicant(session)
    changes = session.set_answer("applicant_type", "company")
    assert changes.fields_shown == {"gemi_number"}
    assert changes.checklist_changed
    gemi = next(i for i in session.checklist() if i.document_id == "gemi_certificate")
    assert gemi.required and gemi.status == "fetched_by_administration"
    assert gemi.reason.get("en") == "Because the applicant is a company."


def test_hidden_answers_are_kept_but_not_submitted() -> None:
    session = _session()
    _fill_applicant(session, "company")
    session.set_answer("applicant_type", "individual")
    assert session.answers["gemi_number"] == "123456701000"
    assert "gemi_number" not in session.submitted_answers()


def test_walk_to_review_then_back_keeps_every_answer() -> None:
    saved: dict[str, object] = {}
    session = _session(on_answer=saved.__setitem__)
    _fill_applicant(session)
    assert session.next().moved
    session.set_answer("first_issue", False)
    session.set_answer("previous_licence_number", "ΘΕΣ-1234")
    assert session.next().moved
    session.set_answer("vehicles", [{"plate": "ΝΒΧ-1234"}, {"plate": "ΝΒΧ-5678"}])
    assert session.next().moved
    session.set_answer("truthful", True)
    assert session.next().moved and session.at_review
    assert session.progress == (4, 4)
    before = dict(session.answers)
    session.back()
    session.back()
    session.jump("applicant")
    assert session.answers == before == {k: v for k, v in saved.items() if k != "_session"}
    assert saved["_session"]["visited"] == [
        "applicant",
        "licence",
        "vehicles_step",
        "declaration_step",
    ]
    assert session.ready_to_submit()


def test_repeat_group_items_are_validated_with_their_paths() -> None:
    session = _session()
    session.set_answer("vehicles", [{"plate": "ΝΒΧ-1234"}, {"plate": ""}])
    step = next(s for s in session.steps if s.id == "vehicles_step")
    assert [i.path for i in session.issues(step)] == ["vehicles[1].plate"]


def test_identifiers_are_checked_with_their_rules() -> None:
    session = _session()
    assert session.set_answer("afm", "123456789").issues[0].rule == "afm"
    assert not session.set_answer("afm", VALID_AFM).issues
    assert session.set_answer("phone", "12345").issues[0].rule == "phone"
    assert not session.set_answer("phone", "6912345678").issues
    assert session.set_answer("postcode", "99999").issues[0].rule == "postcode"
    assert session.set_answer("birth_date", "2030-01-01").issues[0].rule == "future_date"
    assert session.set_answer("birth_date", "2015-01-01").issues[0].rule == "min_age"


def test_amka_must_start_with_the_birth_date() -> None:
    session = _session()
    session.set_answer("birth_date", "1970-01-01")
    assert session.set_answer("amka", "01017000009").issues == ()
    assert session.set_answer("amka", "02027000005").issues[0].rule == "amka_birth_date"
    assert session.set_answer("amka", "01017000001").issues[0].rule == "amka"


def test_fees_follow_the_number_of_vehicles() -> None:
    session = _session()
    session.set_answer("vehicles", [{"plate": "Α"}, {"plate": "Β"}, {"plate": "Γ"}])
    amounts = {line.fee_id: line.amount for line in session.fees()}
    assert amounts == {"paravolo": Decimal("20.00"), "per_vehicle": Decimal("15.00")}


class _Registry:
    def __init__(self, available: bool = True) -> None:
        self.available = available

    def lookup(self, registry: str, identifier: str) -> RegistryRecord | None:
        if not self.available:
            raise RegistryUnavailableError("link down")
        return RegistryRecord(registry, identifier, {"surname": "ΔΟΚΙΜΑΣΤΙΚΗ"})


def test_once_only_prefill_fills_the_surname_from_the_taxpayer_registry() -> None:
    session = _session(registry=_Registry())
    changes = session.set_answer("afm", VALID_AFM)
    assert changes.prefilled == {"surname"}
    assert session.answers["surname"] == "ΔΟΚΙΜΑΣΤΙΚΗ"
    assert next(c.status for c in session.once_only_checks() if c.field_id == "afm") == "verified"


def test_registry_down_leaves_the_check_pending_and_never_blocks() -> None:
    session = _session(registry=_Registry(available=False))
    changes = session.set_answer("afm", VALID_AFM)
    assert changes.prefilled == frozenset()
    statuses = {c.registry: c.status for c in session.once_only_checks()}
    assert statuses["taxpayer"] == "pending"
    session.set_answer("applicant_type", "individual")
    session.set_answer("surname", "Παπαδοπούλου")
    assert session.next().moved


def test_submission_carries_identity_visible_answers_documents_and_fees() -> None:
    session = _session()
    _fill_applicant(session)
    session.set_answer("first_issue", True)
    session.set_answer("vehicles", [{"plate": "ΝΒΧ-1234"}])
    session.set_answer("truthful", True)
    born = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)
    submission = build_submission(session, channel="kiosk", created_at=born, finalised_at=born)
    assert submission.submission_id == session.submission_id
    assert submission.procedure_version == "1.2.0"
    statuses = {d.document_id: d.status for d in submission.documents}
    assert statuses == {
        "id_card": "bring",
        "gemi_certificate": "not_required",
        "previous_licence": "not_required",
        "tax_clearance": "fetched_by_administration",
    }
    assert submission.total_fee == Decimal("25.00")
    again = build_submission(session, channel="kiosk", created_at=born, finalised_at=born)
    assert again.to_json_bytes() == submission.to_json_bytes()


def test_review_summary_speaks_the_chosen_language() -> None:
    session = _session(locale="en")
    _fill_applicant(session)
    session.set_answer("first_issue", True)
    summary = review_summary(session)
    rows = dict(summary.sections[0].rows)
    assert rows["Applicant type"] == "Individual"
    assert dict(summary.sections[1].rows)["First issue?"] == "Yes"
    assert [i.document_id for i in summary.documents_to_bring] == ["id_card"]
