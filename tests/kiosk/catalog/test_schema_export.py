"""The published JSON Schemas (resources/schemas/) are what the models say: regenerating
them changes nothing, and nothing stale lies beside them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kiosk.catalog.model import SEMVER
from kiosk.catalog.schema_export import main
from kiosk.paths import resources_dir

REGENERATE = "stale: run `python -m kiosk.catalog.schema_export` and commit the result"


def test_regenerating_the_schemas_reproduces_the_committed_files(tmp_path: Path) -> None:
    assert main([str(tmp_path)]) == 0
    published = resources_dir() / "schemas"
    fresh = {path.name: path.read_text("utf-8") for path in tmp_path.glob("*.json")}
    committed = {path.name: path.read_text("utf-8") for path in published.glob("*.json")}
    assert sorted(fresh) == sorted(committed), REGENERATE
    for name, text in fresh.items():
        assert committed[name] == text, f"{name} {REGENERATE}"


def test_the_command_writes_every_schema_and_says_where(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main([str(tmp_path / "out")])
    said = capsys.readouterr().out
    for name in ("procedure", "region-override", "submission"):
        assert (tmp_path / "out" / f"{name}.schema.json").is_file()
        assert f"{name}.schema.json" in said


def test_the_procedure_schema_is_a_2020_12_schema_an_editor_can_check_files_with() -> None:
    schema = json.loads((resources_dir() / "schemas" / "procedure.schema.json").read_text("utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["type"] == "object"
    assert {"id", "version", "title", "summary", "authority", "steps"} <= set(schema["required"])
    assert "$schema" in schema["properties"]  # a file naming its schema is not refused
    assert schema["properties"]["version"]["pattern"] == SEMVER
    assert schema["properties"]["steps"]["minItems"] == 1
    for name, definition in [("Procedure", schema), *schema["$defs"].items()]:
        assert definition["additionalProperties"] is False, name  # a typo is an error
    assert schema["$defs"]["Constraint"]["description"].startswith("A rule the answer")
    amount = schema["$defs"]["Fee"]["properties"]["amount"]["anyOf"]
    assert {"type": "number", "minimum": 0} in amount
    assert {"type": "string", "format": "decimal"} in amount
    group = schema["$defs"]["RepeatGroup"]["properties"]["max_items"]
    assert (group["minimum"], group["maximum"]) == (1, 50)
