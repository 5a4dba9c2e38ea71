"""The documents checklist: required or not, why, and who provides it."""

from __future__ import annotations

import uuid

from kiosk.engine.checklist import ChecklistItem, documents_checklist
from kiosk.engine.context import build_variables
from kiosk.engine.session import FillingSession
from kiosk.ports import LookupPurpose, RegistryRecord
from kiosk.submission import AttachmentRef
from tests.kiosk.engine.procedures import support_grant, transporter_licence


class _Nobody:
    """A registry (someone signed in) that holds nobody."""

    def lookup(
        self, registry: str, identifier: str, purpose: LookupPurpose | None = None
    ) -> RegistryRecord | None:
        return None


def _items(answers: dict[str, object]) -> dict[str, ChecklistItem]:
    procedure = support_grant()
    return {
        i.document_id: i
        for i in documents_checklist(procedure, build_variables(procedure, answers))
    }


def test_without_condition_text_the_reason_is_written_from_the_condition() -> None:
    items = _items({"kind": "cattle", "heads": 12, "insured": True})
    register = items["cattle_register"]
    assert register.status == "bring"
    assert register.reason.el == (
        "Απαιτείται επειδή «Είδος» είναι «Βοοειδή» και «Αριθμός ζώων» είναι τουλάχιστον «10»."
    )
    assert register.reason.get("en") == (
        "Required because «Kind» is «Cattle» and «Number of animals» is at least «10»."
    )
    insurance = items["insurance_contract"]
    assert insurance.reason.el == "Απαιτείται επειδή «Ασφαλισμένη;» είναι «Ναι»."


def test_a_condition_too_complex_to_write_out_gets_the_generic_reason() -> None:
    report = _items({"loss": "10.00"})["loss_report"]
    assert report.required and report.reason.get("en") == "Required because of your answers."


def test_a_document_not_required_says_so_and_keeps_its_condition_for_the_screen() -> None:
    register = _items({"kind": "sheep", "heads": 12})["cattle_register"]
    assert register.status == "not_required"
    assert register.reason.get("en") == "Not needed in your case."
    assert register.condition is not None


def test_once_only_documents_nobody_asked_for_are_to_bring_and_marked_fetchable() -> None:
    session = FillingSession(transporter_licence(), "2", uuid.uuid4())
    tax = next(i for i in session.checklist() if i.document_id == "tax_clearance")
    assert tax.status == "bring" and tax.fetchable and not tax.fetched_by_administration


def test_once_only_documents_asked_for_are_fetched_by_the_administration_with_a_note() -> None:
    session = FillingSession(transporter_licence(), "2", uuid.uuid4(), registry=_Nobody())
    session.choose_evidence("document:tax_clearance", "fetch")
    tax = next(i for i in session.checklist() if i.document_id == "tax_clearance")
    assert tax.status == "fetched_by_administration" and tax.fetched_by_administration
    assert tax.fetched_note is not None and "ΑΑΔΕ" in tax.fetched_note.el
    assert tax.reason.el == "Απαιτείται σε κάθε περίπτωση."


def test_a_scan_given_for_a_document_marks_it_attached_and_can_be_taken_back() -> None:
    session = FillingSession(transporter_licence(), "2", uuid.uuid4())
    scan = AttachmentRef(sha256="b" * 64, file_name="id.jpg", media_type="image/jpeg", size=10)
    assert session.attach_document("id_card", scan).checklist_changed
    assert next(i for i in session.checklist() if i.document_id == "id_card").status == "attached"
    assert session.detach_document("id_card").checklist_changed
    assert next(i for i in session.checklist() if i.document_id == "id_card").status == "bring"


def test_the_checklist_depends_only_on_the_answers() -> None:
    answers = {"applicant_type": "company", "first_issue": False}
    kiosk = FillingSession(transporter_licence(), "2", uuid.uuid4(), answers=dict(answers))
    counter = FillingSession(
        transporter_licence(), "2", uuid.uuid4(), answers=dict(answers), locale="en",
        visited=["applicant", "licence"], current_id="licence",
    )  # fmt: skip
    assert [(i.document_id, i.status) for i in kiosk.checklist()] == [
        (i.document_id, i.status) for i in counter.checklist()
    ]
