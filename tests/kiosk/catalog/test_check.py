from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import msgspec
import pytest

from kiosk.catalog.check import check_procedure
from kiosk.catalog.loader import (
    DefinitionUnavailableError,
    load_catalog,
    load_definition,
    sample_catalog_dir,
)
from kiosk.catalog.model import Procedure
from tests.kiosk.catalog.test_model import minimal_procedure


def _problems(data: dict[str, Any]) -> list[tuple[str, str]]:
    return [(p.path, p.message) for p in check_procedure(msgspec.convert(data, Procedure))]


def _sample_files() -> list[Path]:
    return sorted((sample_catalog_dir() / "procedures").glob("*.json"))


def test_the_sample_catalog_has_procedure_files() -> None:
    assert len(_sample_files()) >= 10


@pytest.mark.parametrize("path", _sample_files(), ids=lambda p: p.stem)
def test_every_sample_procedure_file_passes_the_checker(path: Path) -> None:
    # The raw file, not load_catalog()'s result: the loader leaves out what the checker
    # refuses, so checking what it loaded could never fail.
    data = json.loads(path.read_text("utf-8"))
    data.pop("$schema", None)
    assert _problems(data) == []


def test_a_bad_expression_is_named_with_its_path() -> None:
    data = minimal_procedure()
    data["documents"][0]["required_if"] = "first_issue =="
    ((path, message),) = _problems(data)
    assert path == "documents[0].required_if" and "invalid expression" in message


def test_a_reference_to_an_unknown_field_is_reported() -> None:
    data = minimal_procedure()
    data["steps"][0]["fields"][1]["show_if"] = 'applicant_kind == "company"'
    assert ("steps[0].fields[1].show_if", "refers to unknown field 'applicant_kind'") in _problems(
        data
    )


def test_duplicate_field_ids_are_reported() -> None:
    data = minimal_procedure()
    data["steps"][0]["fields"].append({"id": "afm", "type": "text", "label": {"el": "Ξανά"}})
    assert any("duplicate field id 'afm'" in message for _, message in _problems(data))


def test_a_condition_cycle_is_reported_with_its_members() -> None:
    data = minimal_procedure()
    fields = data["steps"][0]["fields"]
    fields[0]["show_if"] = "first_issue == true"
    fields[1]["show_if"] = 'afm != ""'
    messages = [message for _, message in _problems(data)]
    assert any("cycle" in m and "afm" in m and "first_issue" in m for m in messages)


def test_the_loader_reports_a_procedure_with_problems_and_leaves_it_out(tmp_path: Path) -> None:
    catalog = tmp_path / "catalog"
    shutil.copytree(sample_catalog_dir(), catalog)
    path = catalog / "procedures" / "taxi-driver-licence.json"
    data = json.loads(path.read_text("utf-8"))
    data["documents"][0]["required_if"] = "nationality == greek"  # an unquoted string
    path.write_text(json.dumps(data), "utf-8")
    load = load_catalog(catalog)
    assert "taxi-driver-licence" not in load.procedures
    assert "animal-transporter-licence-type2" in load.procedures
    assert [(p.procedure_id, p.path) for p in load.problems] == [
        ("taxi-driver-licence", "documents[0].required_if"),
        ("taxi-driver-licence", "procedure_id"),  # its Attica override has nothing to apply to now
    ]


THREE_DEEP_WITH_A_SPACE = "[1,2]. exists(a, [1,2]. exists(b, [1,2]. exists(c, true)))"
HIDDEN_BY_A_RAW_STRING = "r'\\' == '' && [1].exists(a, [1].exists(b, [1].exists(c, true)))"
MAP_IN_MAP = "[" + ",".join(map(str, range(150))) + "].map(x, [1,2,3].map(y, x + y)).size() > 0"


@pytest.mark.parametrize(
    ("expression", "reason"),
    [
        (THREE_DEEP_WITH_A_SPACE, "comprehensions"),
        (HIDDEN_BY_A_RAW_STRING, "comprehensions"),
        ("r'\\' == '' || " + "(" * 40 + "true" + ")" * 40, "nested deeper"),
        (MAP_IN_MAP, "too long to evaluate"),
    ],
)
def test_an_expression_past_the_limits_is_refused_naming_its_field_and_expression(
    expression: str, reason: str
) -> None:
    data = minimal_procedure()
    data["steps"][0]["fields"][1]["show_if"] = expression
    ((path, message),) = _problems(data)
    assert path == "steps[0].fields[1].show_if"
    assert message.startswith("'first_issue': ") and reason in message
    assert f"«{expression[:80]}" in message


def _catalog_with(tmp_path: Path, expression: str) -> Path:
    catalog = tmp_path / "catalog"
    shutil.copytree(sample_catalog_dir(), catalog)
    path = catalog / "procedures" / "taxi-driver-licence.json"
    data = json.loads(path.read_text("utf-8"))
    data["documents"][0]["required_if"] = expression
    path.write_text(json.dumps(data), "utf-8")
    return catalog


@pytest.mark.parametrize("expression", [THREE_DEEP_WITH_A_SPACE, HIDDEN_BY_A_RAW_STRING])
def test_a_definition_past_the_limits_is_left_out_by_the_loader_and_never_opens(
    tmp_path: Path, expression: str
) -> None:
    catalog = _catalog_with(tmp_path, expression)
    load = load_catalog(catalog)
    assert "taxi-driver-licence" not in load.procedures
    assert "animal-transporter-licence-type2" in load.procedures
    assert any(
        p.procedure_id == "taxi-driver-licence" and "comprehensions" in p.message
        for p in load.problems
    )
    with pytest.raises(DefinitionUnavailableError, match="comprehensions"):
        load_definition(catalog, "taxi-driver-licence", "1.0.0")


def _chain(length: int) -> Procedure:
    """Each field shown unless the previous one was answered «όχι»."""
    fields = [
        {"id": f"f{n}", "type": "text", "label": {"el": f"Πεδίο {n}"}}
        | ({"show_if": f'f{n - 1} != "όχι"'} if n else {})
        for n in range(length)
    ]
    steps = [
        {"id": f"s{s}", "title": {"el": "Βήμα"}, "fields": fields[s : s + 20]}
        for s in range(0, length, 20)
    ]
    return msgspec.convert(minimal_procedure(steps=steps, documents=[], id="long-chain"), Procedure)


def test_a_cycle_closing_a_10000_field_chain_is_its_only_problem() -> None:
    """Once cubic in the chain's length (4,000 fields: 12 s): now one linear pass."""
    data = msgspec.to_builtins(_chain(10_000))
    data["steps"][0]["fields"][0]["show_if"] = 'f9999 != "όχι"'
    messages = [p.message for p in check_procedure(msgspec.convert(data, Procedure))]
    assert len(messages) == 1 and "cycle" in messages[0]
    assert messages[0].count("→") == 10_000  # the whole loop, f0 → … → f9999 → f0
