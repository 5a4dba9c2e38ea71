"""The suite cannot rot: every area runs at tiny sizes inside the test gate."""

from __future__ import annotations

import json
from pathlib import Path

from benchmarks.run import AREAS, main


def test_smoke_run_reports_every_area_with_figures_and_targets(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    areas = [a for a in AREAS if a != "sync"]  # sync has its own smoke test
    args = ["--smoke", "--runs", "1", "--json", str(out)]
    for area in areas:
        args += ["--only", area]
    assert main(args) == 0
    results = json.loads(out.read_text("utf-8"))
    assert results["machine"]["cores"] >= 1
    for area in areas:
        result = results["areas"][area]
        assert result["available"], result
        assert all(value["median"] > 0 for value in result["figures"].values())
        assert {t["figure"] for t in result["targets"]} == {t.figure for t in AREAS[area]}
