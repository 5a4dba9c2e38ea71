"""`kiosk catalog to-sheet` and `from-sheet` as an author runs them."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.catalog.loader import load_catalog, sample_catalog_dir
from ui.cli import main


def test_to_sheet_then_from_sheet_gives_back_a_catalog_that_checks_clean(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheets, out = tmp_path / "sheets", tmp_path / "catalog"

    assert main(["catalog", "to-sheet", str(sample_catalog_dir()), "--out", str(sheets)]) == 0
    assert main(["catalog", "from-sheet", str(sheets), "--out", str(out)]) == 0
    assert main(["catalog", "check", str(out)]) == 0

    sample = load_catalog(sample_catalog_dir())
    counts = f"{len(sample.procedures)} procedures, {len(sample.overrides)} Region overrides"
    assert f"{counts}, 0 problems" in capsys.readouterr().out
    assert load_catalog(out).procedures == sample.procedures


def test_a_bad_workbook_prints_its_cell_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    workbook, out = tmp_path / "taxi.ods", tmp_path / "catalog"
    main(
        [
            "catalog", "to-sheet", str(sample_catalog_dir()), "--procedure",
            "taxi-driver-licence", "--format", "ods", "--out", str(workbook),
        ]
    )  # fmt: skip
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really")

    code = main(["catalog", "from-sheet", str(tmp_path), "--out", str(out)])

    captured = capsys.readouterr()
    assert code == 1
    assert "broken.xlsx: cannot be read as a spreadsheet" in captured.out
    assert "nothing written" in captured.err and "Traceback" not in captured.err
    assert not out.exists()
