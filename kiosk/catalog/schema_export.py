"""Publishes the JSON Schemas of the definition format (resources/schemas/).

Regenerate them after changing the models: `python -m kiosk.catalog.schema_export`
(tests/kiosk/catalog/test_schema_export.py fails while the committed ones are stale)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import msgspec

from kiosk.catalog.model import Procedure, RegionOverride
from kiosk.records import as_written
from kiosk.submission import submission_json_schema

DIALECT = "https://json-schema.org/draft/2020-12/schema"
# A definition file names its schema for the editor; the loader reads past it.
SCHEMA_PROPERTY = {
    "description": "The JSON Schema this file follows, for editors; ignored when loading.",
    "type": "string",
}


def schemas() -> dict[str, dict[str, Any]]:
    return {
        "procedure.schema.json": record_schema(Procedure),
        "region-override.schema.json": record_schema(RegionOverride),
        "submission.schema.json": submission_json_schema(),
    }


def record_schema(record: type[msgspec.Struct]) -> dict[str, Any]:
    """msgspec's 2020-12 schema of a record, as an editor wants it: the record itself at
    the root (not a $ref), a file's own `$schema` key allowed, and decimals taken as
    JSON numbers or strings, as the loader takes them (a fee's amount at least 0)."""
    generated = msgspec.json.schema(record)
    definitions: dict[str, Any] = _decimals(generated["$defs"])
    if "Fee" in definitions:
        amount = definitions["Fee"]["properties"]["amount"]
        amount["anyOf"][0]["minimum"] = 0
        amount["description"] = "At least 0; give this or amount_expression."
    root = definitions.pop(record.__name__)
    root["properties"] = {"$schema": SCHEMA_PROPERTY, **root["properties"]}
    return {"$schema": DIALECT, **root, "$defs": definitions}


def _decimal() -> list[dict[str, Any]]:
    return [{"type": "number"}, {"type": "string", "format": "decimal"}]


def _decimals(node: Any) -> Any:
    """msgspec says a decimal is a string; the loader also takes a JSON number."""
    if isinstance(node, list):
        return [_decimals(value) for value in node]
    if not isinstance(node, dict):
        return node
    if isinstance(node.get("pattern"), str):  # see kiosk.records.whole
        node = node | {"pattern": as_written(node["pattern"])}
    if node.get("format") == "decimal":
        return {key: value for key, value in node.items() if key not in ("type", "format")} | {
            "anyOf": _decimal()
        }
    out = {key: _decimals(value) for key, value in node.items()}
    if "anyOf" in node:  # flatten: decimal | null as number | string | null
        out["anyOf"] = [
            member
            for value in node["anyOf"]
            for member in (_decimal() if value.get("format") == "decimal" else [_decimals(value)])
        ]
    return out


def render(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def export_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in schemas().items():
        path = folder / name
        path.write_text(render(schema), encoding="utf-8")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    from kiosk.paths import resources_dir

    args = sys.argv[1:] if argv is None else argv
    folder = Path(args[0]) if args else resources_dir() / "schemas"
    for path in export_schemas(folder):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
