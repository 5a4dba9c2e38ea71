from __future__ import annotations

import msgspec

from kiosk.analytics.hints import hints_for, registry_holding
from kiosk.analytics.summary import summarise
from kiosk.catalog.model import Procedure
from tests.kiosk.analytics.synthetic_office import ERROR_FIELD, LEFT_STEP, office_aggregates


def test_the_step_where_kiosk_applicants_leave_is_found_with_its_figures(
    catalog: dict[str, Procedure],
) -> None:
    summary = summarise(office_aggregates(catalog))["taxi-driver-licence"]
    hints = hints_for(summary, catalog["taxi-driver-licence"], catalog)
    leaving = [h for h in hints if h.kind == "abandonment"]
    assert leaving[0].subject_id == LEFT_STEP
    figures = leaving[0].figures
    assert 0.25 < leaving[0].score < 0.45  # 35 % were set to leave there
    assert leaving[0].score == figures["abandoned"] / figures["reached"]  # type: ignore[operator]
    assert "median_seconds" in figures


def test_the_field_with_most_errors_is_found_with_its_rule(catalog: dict[str, Procedure]) -> None:
    summary = summarise(office_aggregates(catalog))["taxi-driver-licence"]
    errors = [
        h for h in hints_for(summary, catalog["taxi-driver-licence"], catalog) if h.kind == "errors"
    ]
    assert [h.subject_id for h in errors] == [ERROR_FIELD, "phone"]
    assert errors[0].figures["top_rule"] == "afm" and 0.18 < errors[0].score < 0.32


def test_hints_are_ranked_by_the_share_of_applicants_affected(
    catalog: dict[str, Procedure],
) -> None:
    for summary in summarise(office_aggregates(catalog)).values():
        scores = [h.score for h in hints_for(summary, catalog[summary.procedure_id], catalog)]
        assert scores == sorted(scores, reverse=True)


def test_a_document_a_registry_holds_is_a_once_only_candidate(
    catalog: dict[str, Procedure],
) -> None:
    summary = summarise(office_aggregates(catalog))["animal-transporter-licence-type2"]
    once_only = [
        h
        for h in hints_for(summary, catalog[summary.procedure_id], catalog)
        if h.kind == "once_only"
    ]
    assert [h.subject_id for h in once_only] == ["vehicle_approval"]
    assert once_only[0].figures["registry"] == "vehicle"
    assert once_only[0].figures["bring"] <= summary.submitted  # type: ignore[operator]


def test_documents_already_fetched_or_unrelated_to_a_registry_are_not_candidates(
    catalog: dict[str, Procedure],
) -> None:
    taxi = catalog["taxi-driver-licence"]
    assert registry_holding(taxi, "criminal_record", catalog) is None  # fetched already
    assert registry_holding(taxi, "photos", catalog) is None  # "identity-card type" photos
    assert registry_holding(taxi, "identity_card", catalog) == ("identity", "amka", "title")


def test_the_same_evidence_fetched_in_another_procedure_makes_a_candidate(
    catalog: dict[str, Procedure],
) -> None:
    taxi = catalog["taxi-driver-licence"]
    animal = catalog["animal-transporter-licence-type2"]
    criminal = next(d for d in taxi.documents if d.id == "criminal_record")
    asked = msgspec.structs.replace(criminal, once_only=None)
    changed = msgspec.structs.replace(animal, documents=[*animal.documents, asked])
    holder = registry_holding(changed, "criminal_record", {**catalog, animal.id: changed})
    assert holder is not None
    registry, identifier, source = holder
    assert (registry, identifier) == ("police", criminal.once_only.identifier_field)  # type: ignore[union-attr]
    fetcher = catalog[source.removeprefix("catalog:")]  # a procedure that fetches it itself
    assert any(d.id == "criminal_record" and d.once_only for d in fetcher.documents)


def test_too_few_applicants_make_no_hint(catalog: dict[str, Procedure]) -> None:
    first_day = office_aggregates(catalog)[:1]
    summary = summarise(first_day)["taxi-driver-licence"]
    assert hints_for(summary, catalog["taxi-driver-licence"], catalog, min_reached=500) == []
