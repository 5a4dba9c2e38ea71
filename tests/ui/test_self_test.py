from __future__ import annotations

import os
from pathlib import Path

import pytest

from ui import self_test
from ui.self_test import NotInBuildError, run_self_test


def test_self_test_prints_one_line_per_step_and_keeps_the_screenshot(tmp_path: Path) -> None:
    lines: list[str] = []
    assert run_self_test(say=lines.append, keep=tmp_path) == 0
    assert len(lines) == len(self_test.STEPS) + 1
    for (name, _step), line in zip(self_test.STEPS, lines, strict=False):
        assert name in line
        assert line.split()[0] in ("ok", "n/a")
    assert lines[-1].startswith("self-test: passed")
    assert (tmp_path / "home.png").read_bytes().startswith(b"\x89PNG")


def test_self_test_never_touches_the_devices_folders(
    tmp_path: Path, isolated_dirs: dict[str, Path]
) -> None:
    run_self_test(say=lambda _line: None)
    assert all(not any(folder.iterdir()) for folder in isolated_dirs.values())
    assert os.environ["KIOSK_DATA_DIR"] == str(isolated_dirs["data"])


def test_a_failing_step_fails_the_run_and_says_where(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(work: Path) -> str:
        raise ValueError("boom")

    def absent(work: Path) -> str:
        raise NotInBuildError("kiosk.example not available in this build")

    monkeypatch.setattr(self_test, "STEPS", (("broken", broken), ("absent", absent)))
    lines: list[str] = []
    assert run_self_test(say=lines.append) == 1
    assert lines[0].split()[0] == "FAILED" and "ValueError" in lines[0] and "boom" in lines[0]
    assert lines[1].split()[0] == "n/a" and "not available in this build" in lines[1]


def test_self_test_prints_the_receipt_through_qprinter_and_paints_a_chart(
    tmp_path: Path,
) -> None:
    from pypdf import PdfReader
    from PySide6.QtGui import QImage

    lines: list[str] = []
    assert run_self_test(say=lines.append, keep=tmp_path) == 0
    printing, charts = (
        next(line for line in lines if name in line) for name in ("printing", "charts")
    )
    assert printing.split()[0] == "ok" and "PDFium" in printing
    assert charts.split()[0] == "ok"

    printed = PdfReader(tmp_path / "printed.pdf")
    receipt = PdfReader(tmp_path / "receipt.pdf")
    assert len(printed.pages) == len(receipt.pages)
    # The printer page took the receipt's own size (80 mm roll), within a point.
    assert abs(float(printed.pages[0].mediabox.width) - float(receipt.pages[0].mediabox.width)) < 1
    chart = QImage(str(tmp_path / "chart.png"))
    assert (chart.width(), chart.height()) == (480, 320)
