"""The sample catalog: real procedures from the ΜΙΤΟΣ registry that load cleanly, whose
document checklists follow their conditions, whose Region overrides change only their
Region, and that a person can fill to a valid submission."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, date, datetime
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from kiosk.catalog.check import check_procedure
from kiosk.catalog.loader import CatalogLoad, load_catalog, sample_catalog_dir
from kiosk.catalog.model import FormField, Procedure, RegionOverride
from kiosk.catalog.regional import resolve_for_region
from kiosk.engine.session import FillingSession
from kiosk.engine.submission_builder import build_submission

TODAY = date(2026, 11, 22)
MITOS_FILE = Path("mitos") / "mitos_cpsvap_100_procedures.json"


@cache
def catalog() -> CatalogLoad:
    return load_catalog(sample_catalog_dir())


def _procedures() -> list[Procedure]:
    return sorted(catalog().procedures.values(), key=lambda p: p.id)


def _overrides() -> list[RegionOverride]:
    return catalog().overrides


def _mitos_ids() -> set[str]:
    """The registry extract is committed beside the catalog (resources/data/mitos/)."""
    path = Path(__file__).resolve().parents[3] / "resources" / "data" / MITOS_FILE
    return {entry["mitos_id"] for entry in json.loads(path.read_text("utf-8"))}


def _session(procedure: Procedure, answers: dict[str, Any], region: str = "2") -> FillingSession:
    return FillingSession(procedure, region, uuid.uuid4(), answers=dict(answers), today=TODAY)


def _required(procedure: Procedure, answers: dict[str, Any], region: str = "2") -> set[str]:
    return {i.document_id for i in _session(procedure, answers, region).checklist() if i.required}


def test_every_sample_loads_with_no_problems() -> None:
    load = catalog()
    assert load.problems == []
    assert len(load.procedures) >= 44
    assert len({o.procedure_id for o in load.overrides}) >= 5


@pytest.mark.parametrize("procedure", _procedures(), ids=lambda p: p.id)
def test_each_sample_cites_a_mitos_entry_and_has_greek_and_english_titles(
    procedure: Procedure,
) -> None:
    assert procedure.mitos_id in _mitos_ids()
    assert procedure.title.el and procedure.title.en
    assert procedure.summary.el and procedure.summary.en
    assert not procedure.draft
    assert procedure.legal_basis, "every sample names its legal basis"


def test_mitos_ids_are_not_shared_between_samples() -> None:
    ids = [p.mitos_id for p in _procedures()]
    assert len(ids) == len(set(ids))


# (procedure, answers of case A, answers of case B, required only in A, required only in B)
PLOT_OWNED = [{"tenure": "owned"}]
PLOT_LEASED = [{"tenure": "leased"}]
CONDITIONAL_CASES: list[tuple[str, dict[str, Any], dict[str, Any], set[str], set[str]]] = [
    (
        "taxi-driver-licence",
        {"nationality": "greek"},
        {"nationality": "other"},
        {"identity_card", "school_certificate"},
        {"residence_permit", "greek_language_certificate"},
    ),
    (
        "animal-transporter-licence-type2",
        {"applicant_type": "company", "first_issue": False},
        {"applicant_type": "individual", "first_issue": True},
        {"gemi_certificate", "previous_licence"},
        set(),
    ),
    (
        "taxi-driver-licence-renewal",
        {"lapsed_over_six_months": True, "nationality": "eu"},
        {"lapsed_over_six_months": False, "nationality": "greek"},
        {"reissue_fee_receipt", "eu_identity"},
        {"fee_receipt", "identity_card"},
    ),
    (
        "taxi-driver-licence-replacement",
        {"reason": "stolen"},
        {"reason": "damaged"},
        {"police_report"},
        {"damaged_licence"},
    ),
    (
        "animal-products-vehicle-fitness",
        {"by_representative": True},
        {"by_representative": False},
        {"authorisation"},
        set(),
    ),
    (
        "animal-by-products-vehicle-registration",
        {"vehicles": [{"kind": "vehicle"}, {"kind": "container"}]},
        {"vehicles": [{"kind": "container"}]},
        {"registration_certificate"},
        set(),
    ),
    (
        "olive-grove-gis-register",
        {"plots": PLOT_OWNED},
        {"plots": PLOT_LEASED},
        {"ownership_title"},
        {"farming_title"},
    ),
    (
        "vineyard-register",
        {"plots": PLOT_OWNED},
        {"plots": PLOT_LEASED},
        {"ownership_title"},
        set(),
    ),
    (
        "vine-planting-authorisation",
        {"applicant_type": "individual", "plots": PLOT_OWNED, "plant_organic": True},
        {"applicant_type": "company", "plots": PLOT_LEASED, "young_farmer": True},
        {"identity_card", "ownership_titles", "e9", "organic_declaration"},
        {"lease", "young_farmer_certificate"},
    ),
    (
        "vet-medicines-retail-licence",
        {"premises_tenure": "owned", "nationality": "greek"},
        {"premises_tenure": "leased", "nationality": "eu"},
        {"ownership_title", "identity_card"},
        {"lease", "equivalent_identity"},
    ),
    (
        "vet-medicines-wholesale-licence",
        {"premises_tenure": "owned", "nationality": "greek"},
        {"premises_tenure": "leased", "nationality": "eu"},
        {"ownership_title", "identity_card"},
        {"lease", "equivalent_identity"},
    ),
    (
        "feed-business-approval",
        {"trader_only": False, "operated_last_year": True},
        {"trader_only": True, "operated_last_year": False},
        {"haccp_file", "annual_declaration"},
        {"trader_declaration"},
    ),
    (
        "fresh-produce-traders-register",
        {"roles": ["exporter"], "applicant_type": "company", "street_markets": True},
        {"roles": ["domestic"], "applicant_type": "individual", "street_markets": False},
        {"gemi_certificate", "statute", "street_market_licence"},
        set(),
    ),
    (
        "beekeeper-hive-declaration",
        {"kind": "change", "change_reason": "acquired"},
        {"kind": "sales"},
        {"acquisition_proof"},
        {"honey_sales_documents"},
    ),
    (
        "agricultural-cooperatives-register",
        {"entity_type": "do"},
        {"entity_type": "as"},
        {"recognition_decision", "representativeness_certificate"},
        set(),
    ),
    (
        "mountain-areas-family-income-support",
        {"nationality": "greek", "family_type": "single_parent", "child_recognised": True},
        {"nationality": "eu", "family_type": "couple", "child_recognised": False},
        {"identity_document", "custody_document", "recognition_act"},
        {"eu_registration"},
    ),
    (
        "expatriate-id-card-former-ussr",
        {"applies_for": "self"},
        {"applies_for": "minor_child"},
        {"expatriate_status"},
        {"parent_edto", "child_birth_act", "marriage_or_adoption"},
    ),
    (
        "expatriate-id-card-turkey",
        {"relation": "widowed"},
        {"relation": "child", "adopted_or_recognised": True},
        {"marriage_certificate", "death_record"},
        {"family_status_child", "adoption_act"},
    ),
    (
        "speedboat-operator-licence",
        {"exempt": False, "active_seafarer": False, "by_representative": True},
        {"exempt": True, "active_seafarer": True, "by_representative": False},
        {"medical_certificates", "school_certificate", "authorisation"},
        {"exemption_diploma"},
    ),
    (
        "olive-oil-organisations-programme-change",
        {"budget_change": True, "equipment_replaced": True},
        {"budget_change": False, "equipment_replaced": False},
        {"expense_plan", "two_offers", "technical_report"},
        set(),
    ),
    (
        "pawnbroker-dealer-notification",
        {"employees": True},
        {"employees": False},
        {"employee_declarations"},
        set(),
    ),
    (
        "security-staff-work-licence",
        {
            "by_representative": True,
            "category": "a",
            "nationality": "greek",
            "identity_changed": True,
        },
        {
            "by_representative": False,
            "category": "b",
            "nationality": "eu",
            "identity_changed": False,
        },
        {"authorisation", "training_title_a", "identity_greek", "identity_change_declaration"},
        {"training_title_b", "identity_eu"},
    ),
    (
        "criminal-record-extract",
        {"by_representative": True},
        {"by_representative": False},
        {"authorisation"},
        set(),
    ),
    (
        "military-deferment-students",
        {"learning_difficulties": True, "by_representative": True},
        {"learning_difficulties": False, "by_representative": False},
        {"learning_difficulties_opinion", "authorisation"},
        set(),
    ),
    (
        "military-deferment-university-candidates",
        {"by_representative": True},
        {"by_representative": False},
        {"authorisation"},
        set(),
    ),
    (
        "personal-doctor-registration",
        {"submitted_by": "authorised"},
        {"submitted_by": "self"},
        {"authorisation"},
        set(),
    ),
]


@pytest.mark.parametrize(
    ("procedure_id", "case_a", "case_b", "only_a", "only_b"),
    CONDITIONAL_CASES,
    ids=[case[0] for case in CONDITIONAL_CASES],
)
def test_the_documents_checklist_differs_between_the_two_cases_as_the_definition_says(
    procedure_id: str,
    case_a: dict[str, Any],
    case_b: dict[str, Any],
    only_a: set[str],
    only_b: set[str],
) -> None:
    procedure = catalog().procedures[procedure_id]
    required_a, required_b = _required(procedure, case_a), _required(procedure, case_b)
    assert required_a - required_b == only_a
    assert required_b - required_a == only_b


def test_every_sample_whose_documents_have_conditions_is_covered_above() -> None:
    conditional = {p.id for p in _procedures() if any(d.required_if for d in p.documents)}
    assert conditional == {case[0] for case in CONDITIONAL_CASES}


def test_the_office_fetches_what_a_registry_holds_and_the_applicant_brings_the_rest() -> None:
    procedure = catalog().procedures["vet-medicines-retail-licence"]
    items = {
        i.document_id: i
        for i in _session(procedure, {"premises_tenure": "leased"}).checklist()
        if i.required
    }
    assert items["lease"].fetchable and items["lease"].status == "bring"  # until asked
    assert items["floor_plan"].status == "bring" and not items["floor_plan"].fetchable


def test_a_taxi_licence_renewed_after_six_months_costs_five_times_the_fee() -> None:
    procedure = catalog().procedures["taxi-driver-licence-renewal"]
    assert _session(procedure, {"lapsed_over_six_months": False}).total_fee() == Decimal("50.00")
    assert _session(procedure, {"lapsed_over_six_months": True}).total_fee() == Decimal("250.00")


# --- Region overrides -------------------------------------------------------------------
@pytest.mark.parametrize(
    "override", _overrides(), ids=lambda o: f"{o.procedure_id}.{o.region_code}"
)
def test_each_override_changes_what_it_claims_for_its_region_and_nothing_elsewhere(
    override: RegionOverride,
) -> None:
    common = catalog().procedures[override.procedure_id]
    mine = resolve_for_region(common, _overrides(), override.region_code)
    resolved = mine.procedure
    assert check_procedure(resolved) == []
    if override.authority is not None:
        assert resolved.authority == override.authority != common.authority
    fees = {fee.id: fee for fee in resolved.fees}
    assert all(fees[fee.id] == fee for fee in override.fees)
    documents = {d.id for d in resolved.documents}
    assert {d.id for d in override.extra_documents} <= documents
    assert not set(override.removed_documents) & documents
    assert mine.offices == tuple(override.offices) and mine.note == override.note
    assert resolved != common, "an override changes the procedure, not only its offices"
    assert all(o.contact and o.contact.hours for o in override.offices)
    for other in (str(code) for code in range(1, 14)):
        if other == override.region_code:
            continue
        elsewhere = resolve_for_region(common, _overrides(), other)
        assert elsewhere.procedure == common and elsewhere.offices == ()


def test_in_crete_the_office_fetches_the_cadastre_extract_that_others_bring() -> None:
    procedure = catalog().procedures["olive-grove-gis-register"]
    answers = {"plots": PLOT_OWNED}
    crete = resolve_for_region(procedure, _overrides(), "13").procedure
    fetchable = {i.document_id for i in _session(crete, answers, "13").checklist() if i.fetchable}
    statuses = {i.document_id: i.status for i in _session(crete, answers, "13").checklist()}
    assert fetchable == {"cadastre_extract"} and "ownership_title" not in statuses
    thessaly = resolve_for_region(procedure, _overrides(), "5").procedure
    statuses = {i.document_id: i.status for i in _session(thessaly, answers, "5").checklist()}
    assert statuses["ownership_title"] == "bring" and "cadastre_extract" not in statuses


def test_central_macedonia_charges_its_inspection_fee_per_vehicle() -> None:
    procedure = catalog().procedures["animal-products-vehicle-fitness"]
    answers = {"vehicles": [{"plate": "ΝΑΑ-1234"}, {"plate": "ΝΑΑ-5678"}]}
    macedonia = resolve_for_region(procedure, _overrides(), "2").procedure
    assert _session(macedonia, answers, "2").total_fee() == Decimal("40.00")
    attica = resolve_for_region(procedure, _overrides(), "9").procedure
    assert _session(attica, answers, "9").total_fee() == Decimal("0")


# --- a generic filler -------------------------------------------------------------------
VALID = {
    "afm": "090000045",
    "amka": "01017000009",  # born 1970-01-01, the date every birth date gets below
    "iban": "GR1601101250000000012300695",
    "phone": "6912345678",
    "email": "polites@example.gr",
    "postcode": "54622",
    "address": "Εγνατίας 1",
    "regional_unit": "0202",
    "long_text": "Περιγραφή για τη δοκιμή.",
    "money": "10.00",
    "declaration": True,
}


def _valid_answer(field: FormField) -> Any:
    """A plausible answer that satisfies the field's own rules."""
    if field.type in VALID:
        return VALID[field.type]
    if field.type == "date":
        born = field.id == "birth_date" or field.min_age is not None or field.max_age is not None
        return "1970-01-01" if born else "2026-10-01"
    if field.type == "choice":
        return field.choices[0].value
    if field.type == "multi_choice":
        return [field.choices[0].value]
    if field.type == "yes_no":
        return bool(field.constraints)  # a constrained yes/no is an eligibility "yes"
    if field.type == "number":
        return float(field.min_value) if field.min_value is not None else 1.0
    length = min(max(field.min_length or 8, 8), field.max_length or 8)
    return "1" * length


def _fill(session: FillingSession) -> None:
    """Answers every field a step shows, step by step, until the review. Answers can show
    further fields, so each step is answered until it shows nothing unanswered."""
    for _ in range(len(session.steps) + 1):
        if session.at_review:
            return
        step = session.current_step
        for group in step.groups:
            for _ in range(max(group.min_items, 1)):
                session.add_item(group.id)
        for _ in range(3):
            for group in step.groups:
                for index, item in enumerate(session.answers[group.id]):
                    for shown in session.visible_item_fields(group.id, index):
                        if shown.id not in item:
                            session.set_item_answer(group.id, index, shown.id, _valid_answer(shown))
            for shown in session.visible_fields():
                if shown.id not in session.answers:
                    session.set_answer(shown.id, _valid_answer(shown))
        moved = session.next()
        assert moved.moved, [(i.path, i.message.el) for i in moved.issues]


@pytest.mark.parametrize("procedure", _procedures(), ids=lambda p: p.id)
def test_each_sample_can_be_filled_to_a_valid_submission(procedure: Procedure) -> None:
    session = _session(procedure, {})
    _fill(session)
    assert session.at_review and session.ready_to_submit(), session.all_issues()
    now = datetime.now(UTC)
    submission = build_submission(session, channel="kiosk", created_at=now, finalised_at=now)
    assert submission.procedure_id == procedure.id
    assert {d.document_id for d in submission.documents} == {d.id for d in procedure.documents}
