from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from kiosk.catalog.model import Procedure


def minimal_procedure(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": "taxi-driver-licence",
        "version": "1.0.0",
        "mitos_id": "742507",
        "title": {"el": "Άδεια οδήγησης ταξί", "en": "Taxi driving licence"},
        "summary": {"el": "Έκδοση ειδικής άδειας οδήγησης ΕΔΧ αυτοκινήτου."},
        "authority": {"name": {"el": "Διεύθυνση Μεταφορών και Επικοινωνιών"}},
        "steps": [
            {
                "id": "applicant",
                "title": {"el": "Στοιχεία αιτούντος", "en": "Applicant"},
                "fields": [
                    {"id": "afm", "type": "afm", "label": {"el": "ΑΦΜ"}, "required": True},
                    {
                        "id": "first_issue",
                        "type": "yes_no",
                        "label": {"el": "Πρώτη έκδοση;", "en": "First issue?"},
                    },
                ],
            }
        ],
        "fees": [{"id": "paravolo", "label": {"el": "Παράβολο"}, "amount": "30.00"}],
        "documents": [
            {
                "id": "medical_certificate",
                "title": {"el": "Ιατρική γνωμάτευση"},
                "required_if": "first_issue == true",
            }
        ],
    }
    data.update(changes)
    return data


def test_a_well_formed_definition_validates_and_reads_in_both_languages() -> None:
    procedure = Procedure.model_validate(minimal_procedure())
    assert procedure.title.get("el") == "Άδεια οδήγησης ταξί"
    assert procedure.title.get("en") == "Taxi driving licence"
    assert procedure.summary.get("en") == procedure.summary.el  # falls back to Greek
    assert [f.id for f in procedure.all_fields()] == ["afm", "first_issue"]
    assert procedure.version_key == (1, 0, 0)


def test_missing_greek_title_is_refused_with_its_path() -> None:
    with pytest.raises(ValidationError) as error:
        Procedure.model_validate(minimal_procedure(title={"en": "Taxi"}))
    assert ("title", "el") in [tuple(e["loc"]) for e in error.value.errors()]


def test_version_must_be_semantic() -> None:
    with pytest.raises(ValidationError):
        Procedure.model_validate(minimal_procedure(version="1.0"))


def test_a_choice_field_without_choices_is_refused() -> None:
    data = minimal_procedure()
    data["steps"][0]["fields"].append(
        {"id": "kind", "type": "choice", "label": {"el": "Είδος"}, "choices": []}
    )
    with pytest.raises(ValidationError, match="at least two choices"):
        Procedure.model_validate(data)


def test_a_fee_needs_exactly_one_way_to_compute_it() -> None:
    data = minimal_procedure(
        fees=[{"id": "f", "label": {"el": "Τέλος"}, "amount": "5", "amount_expression": "5.0"}]
    )
    with pytest.raises(ValidationError, match="exactly one"):
        Procedure.model_validate(data)


def test_unknown_keys_are_refused_rather_than_ignored() -> None:
    with pytest.raises(ValidationError):
        Procedure.model_validate(minimal_procedure(colour="blue"))
