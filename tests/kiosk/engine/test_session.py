from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from decimal import Decimal

import msgspec
import pytest

from kiosk.catalog.model import Fee, Text
from kiosk.engine.fees import fees_for_answers
from kiosk.engine.review import review_summary
from kiosk.engine.session import FillingSession, UnknownFieldError
from kiosk.engine.submission_builder import build_submission
from kiosk.ports import LookupPurpose, RegistryRecord, RegistryUnavailableError
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


def _fetching(**kwargs: object) -> FillingSession:
    """A session someone signed in to, where the person asked for the name to be fetched."""
    session = _session(**kwargs)
    session.choose_evidence("prefill:afm", "fetch")
    return session


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
    assert gemi.required and gemi.status == "bring" and gemi.fetchable  # nobody asked
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
    assert session.set_answer("postcode", "5462").issues[0].rule == "postcode"
    unknown = session.set_answer("postcode", "99999").issues[0]  # five digits, no such place
    assert unknown.rule == "postcode_unknown" and "5 ψηφία" not in unknown.message.el
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


def test_an_answer_kept_on_a_hidden_field_adds_no_fee_as_the_platform_computes_it() -> None:
    """The platform recomputes the fees from the submitted (visible) answers; the device
    charges the same, so a company's answer kept after switching to an individual is not
    charged for (and the application is not refused for a fee the platform cannot see)."""
    procedure = transporter_licence()
    company_fee = Fee(
        id="company_fee",
        label=Text(el="Παράβολο εταιρείας"),
        amount=Decimal("40.00"),
        applies_if="gemi_number != null",
    )
    procedure = msgspec.structs.replace(procedure, fees=[*procedure.fees, company_fee])
    session = FillingSession(
        procedure=procedure, region_code="2", submission_id=uuid.uuid4(), today=TODAY
    )
    _fill_applicant(session, "company")
    assert "company_fee" in {line.fee_id for line in session.fees()}
    session.set_answer("applicant_type", "individual")
    assert session.answers["gemi_number"] == "123456701000"  # kept, in case it changes back
    assert "company_fee" not in {line.fee_id for line in session.fees()}
    assert session.fees() == fees_for_answers(procedure, session.submitted_answers())


class _Registry:
    def __init__(self, available: bool = True) -> None:
        self.available = available

    def lookup(
        self, registry: str, identifier: str, purpose: LookupPurpose | None = None
    ) -> RegistryRecord | None:
        if not self.available:
            raise RegistryUnavailableError("link down")
        return RegistryRecord(registry, identifier, {"surname": "ΔΟΚΙΜΑΣΤΙΚΗ"})


def test_once_only_prefill_fills_the_surname_from_the_taxpayer_registry() -> None:
    session = _fetching(registry=_Registry())
    changes = session.set_answer("afm", VALID_AFM)
    assert changes.prefilled == {"surname"}
    assert session.answers["surname"] == "ΔΟΚΙΜΑΣΤΙΚΗ"
    assert next(c.status for c in session.once_only_checks() if c.field_id == "afm") == "verified"


def test_registry_down_leaves_the_check_pending_and_never_blocks() -> None:
    session = _fetching(registry=_Registry(available=False))
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
        "tax_clearance": "bring",  # a registry holds it, but nobody asked for it
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
    assert [i.document_id for i in summary.documents_to_bring] == ["id_card", "tax_clearance"]


def test_repeat_items_are_added_answered_and_removed_one_by_one() -> None:
    saved: dict[str, object] = {}
    session = _session(on_answer=saved.__setitem__)
    session.add_item("vehicles")
    session.add_item("vehicles")
    changes = session.set_item_answer("vehicles", 1, "plate", "")
    assert [i.path for i in changes.issues] == ["vehicles[1].plate"]
    assert session.set_item_answer("vehicles", 1, "plate", "ΝΒΧ-5678").issues == ()
    assert session.remove_item("vehicles", 0).fees_changed
    assert session.answers["vehicles"] == saved["vehicles"] == [{"plate": "ΝΒΧ-5678"}]
    for _ in range(4):
        session.add_item("vehicles")
    refused = session.add_item("vehicles")
    assert [i.rule for i in refused.issues] == ["repeat_max"] and len(
        session.answers["vehicles"]
    ) == 5


def test_a_draft_resumes_from_what_the_store_kept() -> None:
    stored: dict[str, object] = {}
    session = _session(on_answer=stored.__setitem__, registry=_Registry())
    _fill_applicant(session)
    session.next()
    session.set_answer("first_issue", True)
    again = FillingSession.resume(
        transporter_licence(), "2", session.submission_id, dict(stored), today=TODAY
    )
    assert again.answers == session.answers and "_session" not in again.answers
    assert again.current_step.id == "licence" and again.visited == ["applicant", "licence"]
    assert again.prefilled == set() and again.checks == session.checks
    assert again.submitted_answers() == session.submitted_answers()


def test_a_damaged_session_state_resumes_the_answers_from_the_first_step() -> None:
    again = FillingSession.resume(
        transporter_licence(), "2", uuid.uuid4(), {"afm": VALID_AFM, "_session": {"visited": 3}}
    )
    assert again.answers == {"afm": VALID_AFM} and again.current_step.id == "applicant"


def test_a_corrected_prefilled_value_is_the_persons_own() -> None:
    session = _fetching(registry=_Registry())
    session.set_answer("afm", VALID_AFM)
    assert session.prefilled == {"surname"}
    session.set_answer("surname", "Παπαδοπούλου")
    assert session.prefilled == set() and session.answers["surname"] == "Παπαδοπούλου"
    changes = session.set_answer("afm", "094014201")  # another taxpayer
    assert changes.prefilled == frozenset() and session.answers["surname"] == "Παπαδοπούλου"


def test_a_new_key_clears_what_the_old_key_filled() -> None:
    registry = _Registry()
    session = _fetching(registry=registry)
    session.set_answer("afm", VALID_AFM)
    registry.available = False
    changes = session.set_answer("afm", "094014201")
    assert changes.values_changed == {"surname"} and changes.checks_changed
    assert session.answers["surname"] is None and session.prefilled == set()


def test_pending_checks_are_retried_when_the_registry_is_back() -> None:
    registry = _Registry(available=False)
    session = _fetching(registry=registry)
    session.set_answer("afm", VALID_AFM)
    assert session.checks["prefill:afm"].status == "pending"
    registry.available = True
    changes = session.retry_pending_checks()
    assert changes.prefilled == {"surname"} and changes.checks_changed
    assert session.checks["prefill:afm"].status == "verified"


def test_a_check_on_a_hidden_key_field_is_not_submitted() -> None:
    session = _fetching(registry=_Registry(available=False))
    session.set_answer("applicant_type", "company")
    session.choose_evidence("document:gemi_certificate", "fetch")
    session.choose_evidence("document:tax_clearance", "fetch")
    session.set_answer("gemi_number", "123456701000")
    session.set_answer("applicant_type", "individual")
    assert {c.field_id for c in session.once_only_checks()} == {"afm"}


def test_when_an_answer_hides_the_current_step_the_one_before_becomes_current() -> None:
    data = msgspec.to_builtins(transporter_licence())
    data["steps"][2]["show_if"] = "first_issue == true"
    session = FillingSession(
        msgspec.convert(data, type(transporter_licence())), "2", uuid.uuid4(),
        answers={"first_issue": True}, visited=["applicant", "licence", "vehicles_step"],
        current_id="vehicles_step", today=TODAY,
    )  # fmt: skip
    assert session.current_step.id == "vehicles_step" and session.progress == (3, 4)
    changes = session.set_answer("first_issue", False)
    assert changes.steps_changed and changes.moved and changes.fields_hidden == {"vehicles"}
    assert session.current_step.id == "licence" and session.progress == (2, 3)


def test_jump_goes_only_to_visited_steps() -> None:
    session = _session()
    with pytest.raises(ValueError, match="has not been visited"):
        session.jump("declaration_step")


def test_an_answer_for_an_unknown_field_is_refused() -> None:
    with pytest.raises(UnknownFieldError):
        _session().set_answer("shoe_size", 44)


def test_a_sessions_repr_names_the_application_but_none_of_its_answers() -> None:
    session = _session()
    _fill_applicant(session)
    shown = repr(session)
    assert "transporter" in shown and "6f1c2d3e" in shown
    assert VALID_AFM not in shown and "Παπαδοπούλου" not in shown
