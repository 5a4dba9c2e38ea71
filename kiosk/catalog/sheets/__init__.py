"""Procedures as spreadsheets (XLSX and ODS), after XLSForm's conventions.

One workbook holds one procedure and its Region overrides: `survey` (steps as
`begin group`, repeat groups as `begin repeat`, fields with type, name, label::el,
label::en, hint, required, relevant, constraint, calculation), `choices`, `settings`,
and this product's own sheets: `legal_basis`, `documents`, `fees`, `regions`,
`region_fees`, `region_documents`, `region_offices`. `${field}` references become CEL.
Written out through a temporary folder beside the target, so a failed conversion
leaves nothing half-written. See docs/authoring-sheets.md."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

from kiosk.catalog.model import Procedure, RegionOverride
from kiosk.catalog.sheets.cells import SheetError, SheetProblem
from kiosk.catalog.sheets.grid import GridError, read_workbook, write_workbook
from kiosk.catalog.sheets.read import book_to_procedure
from kiosk.catalog.sheets.write import NotRepresentableError, procedure_to_book
from kiosk.catalog.validation import dump

SHEET_SUFFIXES = (".xlsx", ".ods")

__all__ = [
    "SHEET_SUFFIXES",
    "GridError",
    "NotRepresentableError",
    "SheetError",
    "SheetProblem",
    "read_sheet",
    "sheet_files",
    "sheets_to_catalog",
    "write_sheet",
]


def read_sheet(path: Path) -> tuple[Procedure, list[RegionOverride]]:
    """One workbook -> its checked procedure and overrides; SheetError or GridError."""
    return book_to_procedure(read_workbook(path))


def write_sheet(procedure: Procedure, overrides: list[RegionOverride], path: Path) -> None:
    write_workbook(procedure_to_book(procedure, overrides), path)


def sheet_files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(
            p
            for p in path.iterdir()
            if p.suffix.lower() in SHEET_SUFFIXES and not p.name.startswith((".", "~$"))
        )
    return [path]


def sheets_to_catalog(
    sources: list[Path], out: Path
) -> tuple[list[Procedure], dict[Path, list[SheetProblem] | str]]:
    """Convert every workbook; write the catalog folder only if all of them converted.

    Existing files of `out` are kept (a procedure's file is replaced by its new
    version); the new folder is assembled beside `out` and renamed into place."""
    procedures: list[Procedure] = []
    overrides: list[RegionOverride] = []
    failures: dict[Path, list[SheetProblem] | str] = {}
    for source in sources:
        try:
            procedure, regional = read_sheet(source)
        except SheetError as error:
            failures[source] = error.problems
            continue
        except (GridError, OSError) as error:
            failures[source] = str(error)
            continue
        procedures.append(procedure)
        overrides.extend(regional)
    if failures:
        return procedures, failures
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        if out.exists():
            shutil.copytree(out, staging, dirs_exist_ok=True)
        (staging / "procedures").mkdir(exist_ok=True)
        (staging / "overrides").mkdir(exist_ok=True)
        for procedure in procedures:
            _dump(staging / "procedures" / f"{procedure.id}.json", procedure)
        for override in overrides:
            name = f"{override.procedure_id}.{override.region_code}.json"
            _dump(staging / "overrides" / name, override)
        if out.exists():
            old = out.with_name(f".{out.name}.old")
            shutil.rmtree(old, ignore_errors=True)
            os.replace(out, old)
            os.replace(staging, out)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(staging, out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return procedures, failures


def _dump(path: Path, model: Procedure | RegionOverride) -> None:
    data = dump(model, exclude_defaults=True)
    if isinstance(model, Procedure):
        data = {"id": data.pop("id"), **data}
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
