from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from kiosk.catalog.loader import sample_catalog_dir
from ui.cli import main


def test_search_lists_the_taxi_licence_first(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["catalog", "search", "αδεια ταξι"]) == 0
    assert "[taxi-driver-licence]" in capsys.readouterr().out.splitlines()[0]


def test_check_names_the_procedure_and_path_of_each_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    catalog = tmp_path / "catalog"
    shutil.copytree(sample_catalog_dir(), catalog)
    path = catalog / "procedures" / "taxi-driver-licence.json"
    data = json.loads(path.read_text("utf-8"))
    data["version"] = "one"
    path.write_text(json.dumps(data), "utf-8")
    assert main(["catalog", "check", str(catalog)]) == 1
    assert "taxi-driver-licence at version:" in capsys.readouterr().out
    assert main(["catalog", "check"]) == 0


def test_check_names_an_unreadable_file_in_a_folder_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "procedures").mkdir()
    (tmp_path / "procedures" / "deep.json").write_text("{" * 50_000, "utf-8")
    (tmp_path / "procedures" / "latin1.json").write_bytes("{'Α'}".encode("iso-8859-7"))
    assert main(["catalog", "check", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "deep.json: cannot read the file: nested deeper than 64 levels" in out
    assert "latin1.json: cannot read the file: not UTF-8 text" in out
