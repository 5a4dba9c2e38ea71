"""A document that does not make a record gets every problem named, in pydantic's words,
and never its values in a message."""

from __future__ import annotations

from typing import Annotated

from msgspec import Meta

from kiosk.analytics.aggregate import DailyAggregate
from kiosk.record_problems import bracketed, dotted, problems, walk
from kiosk.records import whole
from kiosk.submission import Submission

SID = "3f2b8c1e-9a4d-4e55-bb1a-0c6f1d2e3a4b"


def test_every_missing_unknown_and_wrong_field_is_named_with_its_path() -> None:
    body = {
        "submission_id": SID,
        "procedure_id": "",
        "channel": "Παπαδόπουλος",
        "created_at": "yesterday",
        "fees": [{"fee_id": "a", "amount": "1.00"}],
        "evidence": [{"registry": "x", "evidence_type": "y", "choice": "maybe"}],
        "answers": {},
        "surname": "Παπαδόπουλος",
    }
    found = {p.path: p.message for p in problems(body, Submission)}
    assert found == {
        "procedure_id": "String should have at least 1 character",
        "procedure_version": "Field required",
        "region_code": "Field required",
        "channel": "Input should be 'kiosk' or 'counter'",
        "created_at": "Input should be a valid datetime",
        "finalised_at": "Field required",
        "fees.0.label": "Field required",
        "evidence.0.choice": "Input should be 'fetch', 'bring' or 'rejected'",
        "surname": "Extra inputs are not permitted",
    }
    assert not any("Παπαδόπουλος" in message for message in found.values())


def test_a_records_own_check_is_reported_once_its_fields_are_right() -> None:
    hours = [-1] + [0] * 23
    day = {"procedure_id": "taxi", "channel": "kiosk", "started_by_hour": hours}
    document = {"office_id": "kep", "region_code": "9", "day": "2026-11-22", "procedures": [day]}
    (problem,) = problems(document, DailyAggregate)
    assert (problem.path, problem.message) == (
        "procedures.0.started_by_hour",
        "counts cannot be negative",
    )


def test_a_fee_below_zero_or_with_fractions_of_a_cent_names_its_amount() -> None:
    document = {
        "submission_id": SID,
        "procedure_id": "taxi",
        "procedure_version": "1",
        "region_code": "9",
        "channel": "kiosk",
        "created_at": "2026-11-22T09:30:00Z",
        "finalised_at": "2026-11-22T09:30:00Z",
        "answers": {},
        "fees": [
            {"fee_id": "a", "label": "A", "amount": "-1.00"},
            {"fee_id": "b", "label": "B", "amount": "1.005"},
            {"fee_id": "c", "label": "C", "amount": "NaN"},
        ],
    }
    assert {p.path: p.message for p in problems(document, Submission)} == {
        "fees.0.amount": "Input should be greater than or equal to 0",
        "fees.1.amount": "Decimal input should have no more than 2 decimal places",
        "fees.2.amount": "Input should be a finite number",
    }


def test_a_valid_document_has_no_problems_and_a_list_is_not_a_record() -> None:
    document = {"office_id": "kep", "region_code": "9", "day": "2026-11-22"}
    assert problems(document, DailyAggregate) == []
    (problem,) = problems([], DailyAggregate)
    assert (problem.path, problem.message) == ("", "Input should be a valid dictionary or object")


def test_a_pattern_matches_the_whole_value_not_up_to_a_final_line_break() -> None:
    """msgspec matches with re.search, where `$` also matches before a final "\\n": the
    records' patterns end in \\Z, and the message still shows the pattern with `$`."""
    document = {"office_id": "kep\n", "region_code": "9\n", "day": "2026-11-22"}
    assert {p.path: p.message for p in problems(document, DailyAggregate)} == {
        "office_id": "String should match pattern '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'",
        "region_code": "String should match pattern '^[0-9]{1,2}$'",
    }


def test_one_walk_names_a_problem_dotted_for_the_protocol_and_bracketed_for_authors() -> None:
    body = {"office_id": "kep", "region_code": "9", "day": "2026-11-22", "procedures": [{}]}
    found = walk(body, DailyAggregate)
    assert [(dotted(f.at), bracketed(f.at)) for f in found] == [
        ("procedures.0.procedure_id", "procedures[0].procedure_id"),
        ("procedures.0.channel", "procedures[0].channel"),
        ("procedures.0.started_by_hour", "procedures[0].started_by_hour"),
    ]
    assert {f.message for f in found} == {"Field required"}


def test_every_wrong_item_of_a_list_is_named_and_a_pattern_is_quoted_as_written() -> None:
    assert [(dotted(f.at), f.message) for f in walk(["ok", 7, None], list[str])] == [
        ("1", "Input should be a valid string"),
        ("2", "Input should be a valid string"),
    ]
    (found,) = walk("ab\n", Annotated[str, Meta(pattern=whole(r"^\w+$"))])
    assert found.message == r"String should match pattern '^\w+$'"


def test_a_list_too_short_says_how_many_items_it_had() -> None:
    (found,) = walk([], Annotated[list[int], Meta(min_length=2)])
    assert found.message == "List should have at least 2 items after validation, not 0"


def test_each_wrong_value_of_a_mapping_is_named_by_its_key() -> None:
    found = walk({"a": 1, "b": "two", "c": None}, dict[str, int] | None)
    assert [(bracketed(f.at), f.message) for f in found] == [
        ("b", "Input should be a valid integer"),
        ("c", "Input should be a valid integer"),
    ]
