"""Publishes the JSON Schemas of the definition format (resources/schemas/).

Regenerate them after changing the models: `python -m kiosk.catalog.schema_export`
(tests/kiosk/catalog/test_schema_export.py fails while the committed ones are stale)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from kiosk.catalog.model import Procedure, RegionOverride
from kiosk.submission import submission_json_schema


def schemas() -> dict[str, dict[str, Any]]:
    return {
        "procedure.schema.json": Procedure.model_json_schema(),
        "region-override.schema.json": RegionOverride.model_json_schema(),
        "submission.schema.json": submission_json_schema(),
    }


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
