"""Pathological definitions and values give a clear error at once, never a hang."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

import msgspec
import pytest
from msgspec import ValidationError

from kiosk.catalog.dependencies import cycles
from kiosk.catalog.model import Procedure
from kiosk.engine.definition import DefinitionError
from kiosk.engine.session import FillingSession
from kiosk.engine.values import AnswerValueError
from kiosk.paths import resources_dir
from kiosk.submission import submission_json_schema
from tests.kiosk.engine.procedures import transporter_licence


def _changed(path: list[Any], key: str, value: Any) -> Procedure:
    data: dict[str, Any] = msgspec.to_builtins(transporter_licence())
    node: Any = data
    for part in path:
        node = node[part]
    node[key] = value
    return msgspec.convert(data, Procedure)


def _start(procedure: Procedure) -> FillingSession:
    return FillingSession(procedure, "2", uuid.uuid4())


def test_a_deeply_nested_condition_is_refused_with_its_path() -> None:
    deep = "(" * 200 + "first_issue == false" + ")" * 200
    with pytest.raises(DefinitionError, match=r"steps\[1\]\.fields\[1\]\.show_if: nested deeper"):
        _start(_changed(["steps", 1, "fields", 1], "show_if", deep))


def test_nested_comprehensions_that_would_run_for_ever_are_refused() -> None:
    inner = "false"
    for name in "abcdef":
        inner = f"[0,1,2,3,4,5,6,7,8,9].exists({name}, {inner})"
    with pytest.raises(DefinitionError, match="comprehensions"):
        _start(_changed(["documents", 2], "required_if", inner))


def test_a_field_shown_by_its_own_answer_is_refused() -> None:
    procedure = _changed(["steps", 1, "fields", 1], "show_if", "previous_licence_number == 'x'")
    with pytest.raises(DefinitionError, match="depends on itself") as error:
        _start(procedure)
    assert error.value.problems[0].path == "previous_licence_number"


def test_conditions_in_a_cycle_are_refused() -> None:
    data: dict[str, Any] = msgspec.to_builtins(transporter_licence())
    data["steps"][0]["fields"][6]["show_if"] = "postcode != null"
    data["steps"][0]["fields"][7]["show_if"] = "phone != null"
    with pytest.raises(
        DefinitionError, match=r"phone -> postcode -> phone|postcode -> phone -> postcode"
    ):
        _start(msgspec.convert(data, Procedure))


def test_a_step_shown_only_by_its_own_answers_is_refused() -> None:
    procedure = _changed(["steps", 1], "show_if", "first_issue == true")
    with pytest.raises(DefinitionError, match="step:licence: shown only by answers"):
        _start(procedure)


def test_an_expression_that_does_not_compile_names_its_fee() -> None:
    with pytest.raises(DefinitionError, match=r"fees\[1\]\.amount_expression: invalid"):
        _start(_changed(["fees", 1], "amount_expression", "size(vehicles * "))


def test_a_huge_repeat_group_is_refused_by_the_format() -> None:
    with pytest.raises(ValidationError, match="<= 50"):
        _changed(["steps", 2, "groups", 0], "max_items", 10_000)


def test_an_oversized_or_too_deep_answer_is_refused_and_nothing_is_stored() -> None:
    saved: dict[str, Any] = {}
    session = FillingSession(transporter_licence(), "2", uuid.uuid4(), on_answer=saved.__setitem__)
    with pytest.raises(AnswerValueError, match="'vehicles': more than 200 items"):
        session.set_answer("vehicles", [{"plate": "x"}] * 10_000)
    deep: Any = "x"
    for _ in range(10):
        deep = [deep]
    with pytest.raises(AnswerValueError, match="nested deeper"):
        session.set_answer("vehicles", deep)
    with pytest.raises(AnswerValueError, match="a set cannot be kept"):
        session.set_answer("surname", {"x"})
    assert "vehicles" not in session.answers and not saved


def test_too_many_items_in_a_stored_draft_are_reported_not_walked() -> None:
    items = [{"plate": f"ΝΒΧ-{n}"} for n in range(120)]
    session = FillingSession(transporter_licence(), "2", uuid.uuid4(), answers={"vehicles": items})
    step = next(s for s in session.steps if s.id == "vehicles_step")
    assert [i.rule for i in session.issues(step)] == ["repeat_max"]
    assert len(session.variables["vehicles"]) == 5


def test_published_submission_schema_is_up_to_date() -> None:
    published = json.loads(
        Path(resources_dir() / "schemas" / "submission.schema.json").read_text("utf-8")
    )
    assert published == json.loads(json.dumps(submission_json_schema()))


def _chain(length: int) -> Procedure:
    """Each field shown unless the previous one was answered «όχι»: every condition
    reads the one before, the shape that made opening cubic (10,000 fields: 186 s)."""
    fields = [
        {"id": f"f{n}", "type": "text", "label": {"el": f"Πεδίο {n}"}}
        | ({"show_if": f'f{n - 1} != "όχι"'} if n else {})
        for n in range(length)
    ]
    data: dict[str, Any] = msgspec.to_builtins(transporter_licence())
    data["steps"] = [
        {"id": f"s{s}", "title": {"el": "Βήμα"}, "fields": fields[s : s + 20]}
        for s in range(0, length, 20)
    ]
    data.update(id="long-chain", documents=[], fees=[])
    return msgspec.convert(data, Procedure)


class _Counting:
    """Counts what a function is asked, and passes it on."""

    def __init__(self, function: Any) -> None:
        self.function = function
        self.calls = 0

    def __call__(self, *args: Any) -> Any:
        self.calls += 1
        return self.function(*args)


def test_a_10000_field_chain_opens_with_work_linear_in_its_size(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import kiosk.engine.context as context
    import kiosk.engine.definition as definition

    length = 10_000
    procedure = _chain(length)
    conditions = _Counting(context.evaluate_condition)
    analysed = _Counting(definition.analyse)
    monkeypatch.setattr(context, "evaluate_condition", conditions)
    monkeypatch.setattr(definition, "analyse", analysed)
    session = _start(procedure)
    assert analysed.calls == length - 1  # each expression read once
    assert conditions.calls <= length // 20  # only the steps' conditions, to find the first

    session.set_answer("f1", "ναι")
    conditions.calls = 0
    session.set_answer("f4999", "όχι")
    # What was shown before is known from the previous answer: each condition once.
    assert conditions.calls <= length + length // 20
    assert "f5000" not in session.visible_field_ids()
    assert {"f4999", "f5001", "f9999"} <= session.visible_field_ids()


class _CountingGraph(dict[str, set[str]]):
    reads = 0

    def __getitem__(self, key: str) -> set[str]:
        self.reads += 1
        return super().__getitem__(key)


def test_cycles_are_found_in_one_walk_of_the_dependency_graph() -> None:
    length = 10_000
    chain = _CountingGraph({f"f{n}": {f"f{n - 1}"} if n else set() for n in range(length)})
    assert cycles(chain) == []
    assert chain.reads <= 2 * length  # each field's reads looked at once or twice
    chain["f0"] = {f"f{length - 1}"}
    (cycle,) = cycles(chain)
    assert (cycle[0], cycle[-1], len(cycle)) == ("f0", "f0", length + 1)
