"""What the preview shows: a workbook or a catalog folder read into a CatalogLoad, with
every problem as one line of text (sheet and cell for a workbook)."""

from __future__ import annotations

from pathlib import Path

from kiosk.catalog.loader import CatalogLoad, load_catalog
from kiosk.catalog.sheets import SHEET_SUFFIXES, GridError, SheetError, read_sheet


def load_source(path: Path) -> tuple[CatalogLoad, list[str]]:
    """Never raises for a bad definition: the problems are the preview's panel."""
    if path.suffix.lower() in SHEET_SUFFIXES:
        try:
            procedure, overrides = read_sheet(path)
        except SheetError as error:
            return CatalogLoad(), [str(problem) for problem in error.problems]
        except (GridError, OSError) as error:
            return CatalogLoad(), [str(error)]
        return CatalogLoad(procedures={procedure.id: procedure}, overrides=overrides), []
    if not (path / "procedures").is_dir():
        return CatalogLoad(), [f"{path}: not a workbook (.xlsx, .ods) nor a catalog folder"]
    load = load_catalog(path)
    return load, [str(problem) for problem in load.problems]


def watched_paths(path: Path) -> list[Path]:
    """The file itself, or every definition file of a folder (and the folders, for new files)."""
    if path.is_file():
        return [path]
    files = [path, path / "procedures", path / "overrides"]
    files += sorted((path / "procedures").glob("*.json")) + sorted(
        (path / "overrides").glob("*.json")
    )
    return [p for p in files if p.exists()]
