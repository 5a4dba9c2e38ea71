"""Once Only, lawfully: nothing is fetched before the person asks, what is fetched is
shown and can be refused, the documents checklist follows the choices, and the
submission records every choice and fetch."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

import pytest

from kiosk.engine.changes import Changes
from kiosk.engine.evidence import Acting, Representation, acting_words, procedure_evidence
from kiosk.engine.session import FillingSession, UnknownFieldError
from kiosk.ports import LookupPurpose, RegistryRecord, RegistryRefusedError
from tests.kiosk.engine.procedures import transporter_licence

VALID_AFM = "090000045"
FETCHED_AT = datetime(2026, 12, 6, 8, 0, tzinfo=UTC)


class _CountingRegistry:
    """A registry that counts what it is asked, and answers with a fetch id."""

    def __init__(self) -> None:
        self.asked: list[tuple[str, str, LookupPurpose | None]] = []

    def lookup(
        self, registry: str, identifier: str, purpose: LookupPurpose | None = None
    ) -> RegistryRecord | None:
        self.asked.append((registry, identifier, purpose))
        return RegistryRecord(
            registry, identifier, {"surname": "ΔΟΚΙΜΑΣΤΙΚΗ"}, f"fetch-{len(self.asked)}", FETCHED_AT
        )


def _session(**kwargs: object) -> FillingSession:
    return FillingSession(
        procedure=transporter_licence(),
        region_code="2",
        submission_id=uuid.UUID("6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f"),
        today=date(2026, 11, 22),
        **kwargs,  # type: ignore[arg-type]
    )


def _status(session: FillingSession, document_id: str) -> str:
    return next(i.status for i in session.checklist() if i.document_id == document_id)


def test_the_procedure_binds_one_prefill_and_its_registry_documents() -> None:
    items = {e.key: e for e in procedure_evidence(transporter_licence())}
    name = items["prefill:afm"]
    assert name.registry == "taxpayer" and name.evidence_type == "taxpayer_identity"
    assert name.field_ids == ("surname",) and name.attributes == ("surname",)
    assert "Φορολογικό Μητρώο" in name.title.el
    assert items["document:tax_clearance"].document_id == "tax_clearance"


def test_without_a_registry_typing_an_afm_asks_nobody_and_records_no_check() -> None:
    session = _session()
    assert not session.can_fetch
    changes = session.set_answer("afm", VALID_AFM)
    assert changes.prefilled == frozenset() and session.answers.get("surname") is None
    assert session.once_only_checks() == [] and session.checks == {}
    assert _status(session, "tax_clearance") == "bring"


def test_without_a_registry_the_fetch_choice_is_refused_unchanged() -> None:
    session = _session()
    assert session.choose_evidence("prefill:afm", "fetch") == Changes()
    assert session.evidence == {}


def test_nothing_is_fetched_before_the_person_asks_for_it() -> None:
    registry = _CountingRegistry()
    session = _session(registry=registry, acting=Acting(kind="citizen_grant"))
    session.set_answer("afm", VALID_AFM)
    assert registry.asked == [] and session.answers.get("surname") is None
    changes = session.choose_evidence("prefill:afm", "fetch")
    assert changes.prefilled == {"surname"} and changes.fetched == {"prefill:afm"}
    assert changes.evidence_changed
    registry_name, identifier, purpose = registry.asked[0]
    assert (registry_name, identifier) == ("taxpayer", VALID_AFM)
    assert purpose == LookupPurpose(
        session.submission_id, "animal-transporter-licence", "taxpayer_identity", ("surname",)
    )
    state = session.evidence["prefill:afm"]
    assert state.choice == "fetched" and state.fetch_id == "fetch-1"
    assert state.values == {"surname": "ΔΟΚΙΜΑΣΤΙΚΗ"} and state.acting is not None


def test_choosing_to_bring_it_asks_no_registry_even_when_one_is_there() -> None:
    registry = _CountingRegistry()
    session = _session(registry=registry)
    session.choose_evidence("prefill:afm", "bring")
    session.set_answer("afm", VALID_AFM)
    assert registry.asked == [] and session.once_only_checks() == []


def test_a_rejected_fetch_is_not_used_and_goes_on_the_record_as_rejected() -> None:
    registry = _CountingRegistry()
    session = _session(registry=registry, acting=Acting(kind="citizen_grant"))
    session.choose_evidence("prefill:afm", "fetch")
    session.set_answer("afm", VALID_AFM)
    changes = session.reject_evidence("prefill:afm")
    assert changes.values_changed == {"surname"} and session.answers["surname"] is None
    assert session.prefilled == set() and session.once_only_checks() == []
    assert session.evidence["prefill:afm"].values == {}
    (record,) = session.evidence_records()
    assert record.choice == "rejected" and record.fetch_id == "fetch-1"
    assert record.registry == "taxpayer" and record.evidence_type == "taxpayer_identity"


def test_bring_after_a_fetch_is_a_rejection() -> None:
    session = _session(registry=_CountingRegistry())
    session.choose_evidence("prefill:afm", "fetch")
    session.set_answer("afm", VALID_AFM)
    session.choose_evidence("prefill:afm", "bring")
    assert session.evidence["prefill:afm"].choice == "rejected"


def test_the_documents_checklist_follows_each_choice() -> None:
    session = _session(registry=_CountingRegistry())
    assert _status(session, "tax_clearance") == "bring"
    assert session.choose_evidence("document:tax_clearance", "fetch").checklist_changed
    assert _status(session, "tax_clearance") == "fetched_by_administration"
    assert session.choose_evidence("document:tax_clearance", "bring").checklist_changed
    assert _status(session, "tax_clearance") == "bring"


def test_the_record_says_on_whose_behalf_each_fetch_was_made() -> None:
    acting = Acting(kind="clerk", clerk_id="c-7", represented=Representation(relation="authorised"))
    session = _session(registry=_CountingRegistry(), acting=acting)
    session.choose_evidence("prefill:afm", "fetch")
    session.choose_evidence("document:tax_clearance", "fetch")
    session.set_answer("afm", VALID_AFM)
    records = {r.evidence_type: r for r in session.evidence_records()}
    assert records["taxpayer_identity"].acting == acting
    words = acting_words(acting)
    assert "c-7" in words.el and "εξουσιοδότηση" in words.el
    assert "authorisation" in words.get("en")
    assert acting_words(Acting(kind="citizen_grant")).get("en") == "with your sign-in"
    assert records["taxpayer_identity"].fetched_at == FETCHED_AT
    assert records["tax_clearance"].choice == "fetch" and records["tax_clearance"].fetch_id is None
    assert records["tax_clearance"].acting == acting  # asked by whom, though not yet made


def test_the_choices_resume_with_the_draft_but_not_who_was_acting() -> None:
    stored: dict[str, object] = {}
    session = _session(
        registry=_CountingRegistry(), on_answer=stored.__setitem__, acting=Acting(kind="clerk")
    )
    session.choose_evidence("prefill:afm", "fetch")
    session.set_answer("afm", VALID_AFM)
    again = FillingSession.resume(transporter_licence(), "2", session.submission_id, stored)
    assert again.evidence == session.evidence and again.acting is None and again.registry is None


def test_a_new_afm_clears_the_fetched_name_and_asks_again_for_the_new_one() -> None:
    registry = _CountingRegistry()
    session = _session(registry=registry)
    session.choose_evidence("prefill:afm", "fetch")
    session.set_answer("afm", VALID_AFM)
    session.set_answer("afm", "094014201")
    assert [identifier for _, identifier, _ in registry.asked] == [VALID_AFM, "094014201"]
    assert session.evidence["prefill:afm"].fetch_id == "fetch-2"


def test_an_unknown_evidence_key_or_choice_is_refused() -> None:
    session = _session()
    with pytest.raises(UnknownFieldError):
        session.choose_evidence("prefill:nothing", "fetch")
    with pytest.raises(ValueError, match="fetch"):
        session.choose_evidence("prefill:afm", "maybe")


class _RefusingRegistry:
    def lookup(
        self, registry: str, identifier: str, purpose: LookupPurpose | None = None
    ) -> RegistryRecord | None:
        raise RegistryRefusedError("not theirs", "not_your_record")


def test_a_look_up_refused_for_this_person_leaves_nothing_pending_and_is_to_bring() -> None:
    session = _session(registry=_RefusingRegistry(), acting=Acting(kind="citizen_grant"))
    session.choose_evidence("prefill:afm", "fetch")
    changes = session.set_answer("afm", VALID_AFM)
    assert changes.evidence_changed and session.answers.get("surname") is None
    state = session.evidence["prefill:afm"]
    assert (state.choice, state.refused) == ("bring", "not_your_record")
    assert session.once_only_checks() == [] and session.checks == {}
    (record,) = session.evidence_records()
    assert record.choice == "bring" and record.fetch_id is None
