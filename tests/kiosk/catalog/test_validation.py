from __future__ import annotations

import pytest

from kiosk.catalog.model import FormField, Procedure, Text
from kiosk.catalog.validation import DefinitionError, convert, decode, dump
from tests.kiosk.catalog.test_model import minimal_procedure


def _problems(data: object) -> list[tuple[str, str]]:
    with pytest.raises(DefinitionError) as error:
        convert(data, Procedure)
    return error.value.problems


def test_a_definition_that_is_not_an_object_is_one_problem_at_its_root() -> None:
    assert _problems(["steps"]) == [("", "Input should be a valid dictionary or object")]


def test_problems_inside_lists_name_each_item_by_its_index() -> None:
    data = minimal_procedure(keywords=["ταξί", 7], eligibility=[{"el": "Ενήλικος"}, "Ναι"])
    assert _problems(data) == [
        ("keywords[1]", "Input should be a valid string"),
        ("eligibility[1]", "Input should be a valid dictionary or object"),
    ]


def test_an_empty_list_where_one_item_is_needed_says_how_many() -> None:
    assert _problems(minimal_procedure(steps=[])) == [
        ("steps", "List should have at least 1 item after validation, not 0")
    ]


def test_bytes_that_are_not_json_say_so_and_json_is_checked_like_a_dict() -> None:
    with pytest.raises(DefinitionError, match="Invalid JSON"):
        decode(b'{"el": ', Text)
    with pytest.raises(DefinitionError) as error:
        decode(b'{"el": "", "fr": "x"}', Text)
    assert sorted(error.value.problems) == [
        ("el", "String should have at least 1 character"),
        ("fr", "Extra inputs are not permitted"),
    ]


def test_a_definition_is_written_with_only_what_differs_from_the_defaults() -> None:
    field = convert({"id": "afm", "type": "afm", "label": {"el": "ΑΦΜ"}}, FormField)
    assert dump(field, exclude_defaults=True) == {
        "id": "afm",
        "type": "afm",
        "label": {"el": "ΑΦΜ"},
    }
    assert dump(field, exclude_none=True)["required"] is False
    assert "help" not in dump(field, exclude_none=True)
