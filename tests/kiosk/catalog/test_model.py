from __future__ import annotations

from typing import Any

import msgspec
import pytest
from msgspec import ValidationError

from kiosk.catalog.model import Procedure
from kiosk.catalog.validation import DefinitionError, convert


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
    procedure = msgspec.convert(minimal_procedure(), Procedure)
    assert procedure.title.get("el") == "Άδεια οδήγησης ταξί"
    assert procedure.title.get("en") == "Taxi driving licence"
    assert procedure.summary.get("en") == procedure.summary.el  # falls back to Greek
    assert [f.id for f in procedure.all_fields()] == ["afm", "first_issue"]
    assert procedure.version_key == (1, 0, 0)


def test_missing_greek_title_is_refused_with_its_path() -> None:
    with pytest.raises(DefinitionError) as error:
        convert(minimal_procedure(title={"en": "Taxi"}), Procedure)
    assert ("title.el", "Field required") in error.value.problems


def test_version_must_be_semantic() -> None:
    with pytest.raises(ValidationError):
        msgspec.convert(minimal_procedure(version="1.0"), Procedure)


def test_a_choice_field_without_choices_is_refused() -> None:
    data = minimal_procedure()
    data["steps"][0]["fields"].append(
        {"id": "kind", "type": "choice", "label": {"el": "Είδος"}, "choices": []}
    )
    with pytest.raises(ValidationError, match="at least two choices"):
        msgspec.convert(data, Procedure)


def test_a_fee_needs_exactly_one_way_to_compute_it() -> None:
    data = minimal_procedure(
        fees=[{"id": "f", "label": {"el": "Τέλος"}, "amount": "5", "amount_expression": "5.0"}]
    )
    with pytest.raises(ValidationError, match="exactly one"):
        msgspec.convert(data, Procedure)


def test_unknown_keys_are_refused_rather_than_ignored() -> None:
    with pytest.raises(ValidationError):
        msgspec.convert(minimal_procedure(colour="blue"), Procedure)


def test_every_problem_is_reported_at_once_with_its_path_in_the_authors_words() -> None:
    data = minimal_procedure(version="1.0", colour="blue")
    data["steps"][0]["fields"][0]["label"] = {"en": "AFM"}
    data["steps"][0]["fields"].append({"id": "kind", "type": "choice", "label": {"el": "Είδος"}})
    data["fees"][0]["amount"] = "-5"
    data["documents"][0]["accepted_forms"] = ["fax"]
    with pytest.raises(DefinitionError) as error:
        convert(data, Procedure)
    assert sorted(error.value.problems) == [
        ("colour", "Extra inputs are not permitted"),
        ("documents[0].accepted_forms[0]",
         "Input should be 'original', 'certified_copy', 'simple_copy' or 'digital'"),
        ("fees[0]", "fee 'paravolo': the amount is below zero"),
        ("steps[0].fields[0].label.el", "Field required"),
        ("steps[0].fields[2]", "field 'kind': a choice needs at least two choices"),
        ("version", "String should match pattern "
         r"'^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$'"),
    ]  # fmt: skip


def test_a_number_where_text_belongs_is_not_turned_into_text() -> None:
    with pytest.raises(DefinitionError) as error:
        convert(minimal_procedure(mitos_id=742507), Procedure)
    assert error.value.problems == [("mitos_id", "Input should be a valid string")]


@pytest.mark.parametrize(
    "changes",
    [{"id": "taxi-driver-licence\n"}, {"version": "1.0.0\n"}],
    ids=["id", "version"],
)
def test_a_pattern_matches_the_whole_value_not_up_to_a_final_line_break(
    changes: dict[str, Any],
) -> None:
    # Python's `$` also matches before a final "\n"; such an id would reach file names.
    with pytest.raises(DefinitionError) as error:
        convert(minimal_procedure(**changes), Procedure)
    [(path, message)] = error.value.problems
    assert path == next(iter(changes))
    assert message.startswith("String should match pattern '^") and message.endswith("$'")


def test_numbers_and_yes_no_written_as_text_are_read_as_the_old_models_read_them() -> None:
    data = minimal_procedure(duration_days="20", draft="true")
    data["steps"][0]["fields"][0]["required"] = "false"
    procedure = convert(data, Procedure)
    assert (procedure.duration_days, procedure.draft) == (20, True)
    assert procedure.steps[0].fields[0].required is False
