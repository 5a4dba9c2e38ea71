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
