"""Loads a catalog folder: procedures, Region overrides and the manifest.

Layout: `procedures/<id>.json` (one Procedure each), `overrides/<id>.<region>.json`
(RegionOverride), `catalog.json` (manifest). A broken file is reported with the path
inside the definition and left out; it never stops the others from loading."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from kiosk.catalog.model import Procedure, RegionOverride


@dataclass(frozen=True)
class Problem:
    procedure_id: str  # or the file name when the id cannot be read
    path: str  # inside the definition, e.g. steps[2].fields[0].label.el
    message: str

    def __str__(self) -> str:
        where = f" at {self.path}" if self.path else ""
        return f"{self.procedure_id}{where}: {self.message}"


@dataclass
class CatalogLoad:
    procedures: dict[str, Procedure] = field(default_factory=dict)
    overrides: list[RegionOverride] = field(default_factory=list)
    manifest: dict[str, Any] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def location(loc: tuple[int | str, ...]) -> str:
    """pydantic's ('steps', 2, 'fields', 0, 'label', 'el') -> steps[2].fields[0].label.el"""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _read(path: Path, model: type[BaseModel], load: CatalogLoad) -> Any | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        load.problems.append(Problem(path.name, "", f"cannot read the file: {error}"))
        return None
    if isinstance(data, dict):
        data.pop("$schema", None)
    owner = (
        str(data.get("id") or data.get("procedure_id") or path.stem)
        if isinstance(data, dict)
        else path.name
    )
    try:
        return model.model_validate(data)
    except ValidationError as error:
        for detail in error.errors():
            load.problems.append(Problem(owner, location(tuple(detail["loc"])), detail["msg"]))
        return None


def load_catalog(folder: Path) -> CatalogLoad:
    load = CatalogLoad()
    manifest = folder / "catalog.json"
    if manifest.exists():
        try:
            load.manifest = json.loads(manifest.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as error:
            load.problems.append(Problem("catalog.json", "", f"cannot read the manifest: {error}"))
    for path in sorted((folder / "procedures").glob("*.json")):
        procedure = _read(path, Procedure, load)
        if procedure is None:
            continue
        if procedure.id in load.procedures:
            load.problems.append(
                Problem(procedure.id, "id", f"duplicate procedure id in {path.name}")
            )
            continue
        from kiosk.catalog.check import check_procedure  # check imports Problem from here

        found = check_procedure(procedure)
        if found:
            load.problems.extend(found)  # reported and left out: never half-run
            continue
        load.procedures[procedure.id] = procedure
    for path in sorted((folder / "overrides").glob("*.json")):
        override = _read(path, RegionOverride, load)
        if override is None:
            continue
        if override.procedure_id not in load.procedures:
            load.problems.append(
                Problem(
                    override.procedure_id,
                    "procedure_id",
                    f"override {path.name} names an unknown procedure",
                )
            )
            continue
        load.overrides.append(override)
    return load


def sample_catalog_dir() -> Path:
    from kiosk.paths import resources_dir

    return resources_dir() / "catalog"
