from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from kiosk.catalog.model import Procedure
from kiosk.engine.session import FillingSession
from kiosk.paths import resources_dir
from kiosk.submission import submission_json_schema
from tests.kiosk.engine.procedures import transporter_licence


def _with_condition(expression: str) -> Procedure:
    data: dict[str, Any] = transporter_licence().model_dump(mode="json")
    data["steps"][1]["fields"][1]["show_if"] = expression
    return Procedure.model_validate(data)


def test_a_deeply_nested_condition_hides_the_field_instead_of_hanging() -> None:
    procedure = _with_condition("(" * 200 + "first_issue == false" + ")" * 200)
    session = FillingSession(procedure, "2", uuid.uuid4())
    session.set_answer("first_issue", False)
    session.set_answer("previous_licence_number", "ΘΕΣ-1")
    assert "previous_licence_number" not in session.submitted_answers()


def test_a_self_referencing_condition_evaluates_once_and_hides_the_field() -> None:
    procedure = _with_condition("previous_licence_number != null && previous_licence_number == 'x'")
    session = FillingSession(procedure, "2", uuid.uuid4())
    session.set_answer("previous_licence_number", "x")
    assert session.submitted_answers()["previous_licence_number"] == "x"


def test_a_huge_repeat_group_is_refused_by_the_format() -> None:
    data: dict[str, Any] = transporter_licence().model_dump(mode="json")
    data["steps"][2]["groups"][0]["max_items"] = 10_000
    with pytest.raises(ValidationError):
        Procedure.model_validate(data)


def test_published_submission_schema_is_up_to_date() -> None:
    published = json.loads(
        Path(resources_dir() / "schemas" / "submission.schema.json").read_text("utf-8")
    )
    assert published == json.loads(json.dumps(submission_json_schema()))
