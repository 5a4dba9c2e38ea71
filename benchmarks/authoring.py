"""Authoring at Region scale: 500 procedures converted from XLSX workbooks
(`kiosk catalog from-sheet`'s work, without the writing), and `catalog check` (load and
check) over a folder of 500 definitions. The 500 are the 14 samples under new ids."""

from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path

import msgspec

from kiosk.catalog.loader import load_catalog, sample_catalog_dir
from kiosk.catalog.model import Procedure
from kiosk.catalog.sheets import read_sheet, write_sheet
from kiosk.catalog.validation import dump

COUNT = 500


def _procedures(count: int) -> list[Procedure]:
    samples = list(load_catalog(sample_catalog_dir()).procedures.values())
    return [
        msgspec.structs.replace(samples[n % len(samples)], id=f"{samples[n % len(samples)].id}-{n}")
        for n in range(count)
    ]


def measure(smoke: bool) -> dict[str, float]:
    count = 20 if smoke else COUNT
    procedures = _procedures(count)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "procedures").mkdir()
        sheets = []
        for procedure in procedures:
            path = root / f"{procedure.id}.xlsx"
            write_sheet(procedure, [], path)
            sheets.append(path)
            data = dump(procedure, exclude_defaults=True)
            (root / "procedures" / f"{procedure.id}.json").write_text(
                json.dumps(data, ensure_ascii=False), encoding="utf-8"
            )
        start = time.perf_counter()
        for path in sheets:
            read_sheet(path)
        convert_s = time.perf_counter() - start
        start = time.perf_counter()
        load = load_catalog(root)
        check_s = time.perf_counter() - start
        assert len(load.procedures) == count and not load.problems
    return {
        "procedures": float(count),
        "from_sheet_total_s": convert_s,
        "from_sheet_per_procedure_ms": convert_s * 1000 / count,
        "catalog_check_total_s": check_s,
        "catalog_check_per_procedure_ms": check_s * 1000 / count,
    }
