"""Loads a catalog folder: procedures, Region overrides and the manifest.

Layout: `procedures/<id>.json` (one Procedure each), `overrides/<id>.<region>.json`
(RegionOverride), `catalog.json` (manifest). A broken file is reported with the path
inside the definition and left out; it never stops the others from loading."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, TypeVar

import msgspec

from kiosk.catalog.model import PROCEDURE_ID, SEMVER, Procedure, RegionOverride
from kiosk.catalog.untrusted import BundleError, json_object
from kiosk.catalog.validation import DefinitionError, convert

VERSIONS_DIR = "versions"  # versions/<id>/<version>.json: kept for drafts started on them
R = TypeVar("R", Procedure, RegionOverride)


class Problem(msgspec.Struct, frozen=True):
    procedure_id: str  # or the file name when the id cannot be read
    path: str  # inside the definition, e.g. steps[2].fields[0].label.el
    message: str

    def __str__(self) -> str:
        where = f" at {self.path}" if self.path else ""
        return f"{self.procedure_id}{where}: {self.message}"


class CatalogLoad(msgspec.Struct, kw_only=True):
    procedures: dict[str, Procedure] = {}
    overrides: list[RegionOverride] = []
    manifest: dict[str, Any] = {}
    problems: list[Problem] = []


def _json_file(path: Path) -> dict[str, Any]:
    """A file of the folder as a JSON object, read as a bundle's entries are (a folder is
    as untrusted as a bundle: invalid UTF-8 or 100,000 nested brackets must be a problem
    named, not a traceback); OSError and BundleError say why it cannot be read."""
    return json_object(path.name, path.read_bytes(), prefix="")


def _read(path: Path, model: type[R], load: CatalogLoad) -> R | None:
    try:
        data = _json_file(path)
    except (OSError, BundleError) as error:
        load.problems.append(Problem(path.name, "", f"cannot read the file: {error}"))
        return None
    data.pop("$schema", None)
    owner = str(data.get("id") or data.get("procedure_id") or path.stem)
    try:
        return convert(data, model)
    except DefinitionError as error:
        load.problems.extend(Problem(owner, where, message) for where, message in error.problems)
        return None


def load_catalog(folder: Path) -> CatalogLoad:
    load = CatalogLoad()
    manifest = folder / "catalog.json"
    if manifest.exists():
        try:
            load.manifest = _json_file(manifest)
        except (OSError, BundleError) as error:
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


class DefinitionUnavailableError(LookupError):
    """That version of that procedure is not in the catalog (nor kept in its archive)."""


def find_definition(folder: Path, procedure_id: str, version: str) -> Path | None:
    """The file holding exactly this version: the archive first, then the current ones."""
    if not (re.fullmatch(PROCEDURE_ID, procedure_id) and re.fullmatch(SEMVER, version)):
        return None  # never build a path from anything else
    archived = folder / VERSIONS_DIR / procedure_id / f"{version}.json"
    if archived.is_file():
        return archived
    for path in sorted((folder / "procedures").glob("*.json")):
        try:
            data = _json_file(path)
        except (OSError, BundleError):
            continue
        if (data.get("id"), data.get("version")) == (
            procedure_id,
            version,
        ):
            return path
    return None


def load_definition(folder: Path, procedure_id: str, version: str) -> Procedure:
    """One version of one procedure, current or archived: a draft started on version 1
    stays completable after version 2 is installed."""
    path = find_definition(folder, procedure_id, version)
    if path is None:
        raise DefinitionUnavailableError(
            f"{procedure_id} version {version} is not in the catalog at {folder}"
        )
    load = CatalogLoad()
    procedure: Procedure | None = _read(path, Procedure, load)
    if procedure is not None:
        from kiosk.catalog.check import check_procedure

        load.problems.extend(check_procedure(procedure))
    if procedure is None or load.problems:
        raise DefinitionUnavailableError(
            f"{path}: " + "; ".join(str(problem) for problem in load.problems)
        )
    return procedure


def sample_catalog_dir() -> Path:
    from kiosk.paths import resources_dir

    return resources_dir() / "catalog"
