"""The engine walks a real procedure of the sample catalog from start to submission."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from decimal import Decimal

from kiosk.catalog.loader import load_catalog, sample_catalog_dir
from kiosk.engine.session import FillingSession
from kiosk.engine.submission_builder import build_submission


def test_taxi_licence_for_a_greek_citizen_with_mobility_problems() -> None:
    procedure = load_catalog(sample_catalog_dir()).procedures["taxi-driver-licence"]
    session = FillingSession(procedure, "2", uuid.uuid4(), today=date(2026, 11, 22))
    answers = {
        "afm": "090000045",
        "surname": "Παπαδοπούλου",
        "first_name": "Μαρία",
        "birth_date": "1970-01-01",
        "amka": "01017000009",
        "nationality": "greek",
    }
    for key, value in answers.items():
        assert not session.set_answer(key, value).issues, key
    assert session.next().moved
    for key, value in {"phone": "6912345678", "address": "Εγνατίας 1", "postcode": "54622"}.items():
        session.set_answer(key, value)
    assert session.next().moved
    refused = session.set_answer("licence_category_b", False)
    assert refused.issues and "κατηγορίας Β" in refused.issues[0].message.el
    session.set_answer("licence_category_b", True)
    session.set_answer("exam_date", "2026-10-01")
    session.set_answer("mobility_issue", True)
    session.set_answer("by_representative", False)
    assert session.next().moved
    session.set_answer("truthful", True)
    assert session.next().moved and session.at_review
    bring = {i.document_id for i in session.checklist() if i.status == "bring"}
    assert {"identity_card", "school_certificate", "orthopaedic_certificate"} <= bring
    assert "greek_language_certificate" not in bring and "authorisation" not in bring
    fetched = {
        i.document_id for i in session.checklist() if i.status == "fetched_by_administration"
    }
    assert fetched == set() and "criminal_record" in bring  # nobody signed in to ask for it
    now = datetime.now(UTC)
    submission = build_submission(session, channel="kiosk", created_at=now, finalised_at=now)
    assert submission.total_fee == Decimal("50.00")


def test_a_company_renewing_its_animal_transporter_licence_with_two_vehicles() -> None:
    catalog = load_catalog(sample_catalog_dir())
    procedure = catalog.procedures["animal-transporter-licence-type2"]
    stored: dict[str, object] = {}
    session = FillingSession(
        procedure, "9", uuid.uuid4(), today=date(2026, 11, 22), on_answer=stored.__setitem__
    )
    for key, value in {
        "applicant_type": "company",
        "afm": "090000045",
        "company_name": "Μεταφορές Α.Ε.",
        "gemi_number": "123456701000",
        "surname": "Παπαδόπουλος",
        "first_name": "Νίκος",
        "phone": "2101234567",
        "address": "Πειραιώς 10",
        "postcode": "10431",
    }.items():
        assert not session.set_answer(key, value).issues, key
    session.next()
    assert session.set_answer("first_issue", False).fields_shown == {"previous_licence_number"}
    session.set_answer("previous_licence_number", "ΑΤΤ-2019-44")
    session.next()
    assert [i.rule for i in session.next().issues] == ["repeat_min"]
    for index, plate in enumerate(("ΥΖΑ-1234", "ΥΖΑ-5678")):
        session.add_item("vehicles")
        session.set_item_answer("vehicles", index, "plate", plate)
    session.set_item_answer("vehicles", 1, "is_trailer", True)
    session.next()
    session.set_answer("truthful", True)
    assert session.next().moved and session.at_review and session.ready_to_submit()
    # Picked up at a counter from what the store kept: the same application.
    again = FillingSession.resume(procedure, "9", session.submission_id, dict(stored))
    now = datetime.now(UTC)
    submission = build_submission(again, channel="counter", created_at=now, finalised_at=now)
    assert (
        submission.to_json_bytes()
        == build_submission(
            session, channel="counter", created_at=now, finalised_at=now
        ).to_json_bytes()
    )
    statuses = {d.document_id: d.status for d in submission.documents}
    assert statuses["gemi_certificate"] == "bring"  # a registry holds it; nobody asked
    assert statuses["previous_licence"] == "bring"
    assert len(submission.answers["vehicles"]) == 2
