from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from kiosk.catalog.check import check_procedure
from kiosk.catalog.loader import load_catalog, sample_catalog_dir
from kiosk.catalog.model import Procedure
from tests.kiosk.catalog.test_model import minimal_procedure


def _problems(data: dict[str, Any]) -> list[tuple[str, str]]:
    return [(p.path, p.message) for p in check_procedure(Procedure.model_validate(data))]


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
