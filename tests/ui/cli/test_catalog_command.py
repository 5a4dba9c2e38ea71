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
