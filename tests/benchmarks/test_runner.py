"""The suite cannot rot: the runner runs every area present at tiny sizes inside the
test gate, and says plainly which areas are missing or broken."""

from __future__ import annotations

import json
import sys
import types
from pathlib import Path
from typing import Any

import pytest

from benchmarks.run import AREAS, main, measure_area

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


@pytest.fixture(scope="module")
def smoke_results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("bench") / "bench.json"
    assert main(["--smoke", "--runs", "1", "--json", str(out)]) == 0
    results: dict[str, Any] = json.loads(out.read_text("utf-8"))
    return results


def test_smoke_run_gives_each_area_its_figures_or_says_it_is_not_available(
    smoke_results: dict[str, Any],
) -> None:
    assert list(smoke_results["areas"]) == list(AREAS)
    for area, targets in AREAS.items():
        result = smoke_results["areas"][area]
        if not (BENCHMARKS / f"{area}.py").exists():
            assert result == {"available": False, "note": f"benchmarks/{area}.py has not landed"}
            continue
        assert result["available"] and "error" not in result, result
        # counts (packets lost, connections reset) may be 0; nothing is negative
        assert all(value["median"] >= 0 for value in result["figures"].values()), area
        # Chromium, the anchor, is skipped in smoke runs: so are the targets against it.
        expected = {t.figure for t in targets if "chromium" not in t.figure}
        assert {t["figure"] for t in result["targets"]} == expected


def test_smoke_run_records_the_machine_it_ran_on(smoke_results: dict[str, Any]) -> None:
    machine = smoke_results["machine"]
    assert machine["cores"] >= 1 and machine["memory_gib"] > 0
    assert machine["qt"].count(".") == 2 and machine["python"].startswith("3.")
    assert smoke_results["smoke"] is True and smoke_results["runs"] == 1


def test_idle_memory_of_the_app_and_the_bare_window_is_read_from_proc(
    smoke_results: dict[str, Any],
) -> None:
    figures = smoke_results["areas"]["memory"]["figures"]
    for probe in ("app", "bare"):
        pss, rss = figures[f"{probe}_pss_mib"]["median"], figures[f"{probe}_rss_mib"]["median"]
        assert 10 < pss <= rss  # PSS shares pages out, so it never exceeds RSS
    assert figures["app_rss_mib"]["median"] > figures["bare_rss_mib"]["median"]
    assert 10 < figures["frameless_bare_pss_mib"]["median"] < figures["app_pss_mib"]["median"]


def test_startup_is_also_told_against_a_bare_window_as_frameless_as_the_kiosk_s(
    smoke_results: dict[str, Any],
) -> None:
    figures = {k: v["median"] for k, v in smoke_results["areas"]["startup"]["figures"].items()}
    assert figures["frameless_bare_start_ms"] > 0
    assert figures["start_vs_frameless_bare_ratio"] == pytest.approx(
        figures["app_start_ms"] / figures["frameless_bare_start_ms"]
    )
    assert figures["loaded_vs_frameless_bare_ratio"] == pytest.approx(
        figures["app_loaded_ms"] / figures["frameless_bare_start_ms"]
    )


def test_an_area_that_has_not_landed_is_reported_as_not_available() -> None:
    assert measure_area("telepathy", runs=1, smoke=True) == {
        "available": False,
        "note": "benchmarks/telepathy.py has not landed",
    }


def test_an_area_whose_measure_raises_is_reported_as_failed_and_fails_the_run(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    broken = types.ModuleType("benchmarks.store")

    def measure(smoke: bool) -> dict[str, float]:
        raise OSError("disk full")

    broken.measure = measure  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "benchmarks.store", broken)
    out = tmp_path / "bench.json"
    assert main(["--smoke", "--runs", "1", "--only", "store", "--json", str(out)]) == 1
    assert json.loads(out.read_text("utf-8"))["areas"]["store"] == {
        "available": True,
        "error": "OSError: disk full",
    }


def test_figures_are_aggregated_over_the_runs_that_took_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    samples = iter([{"a_ms": 3.0, "b_ms": 1.0}, {"a_ms": 1.0}, {"a_ms": 2.0, "b_ms": 5.0}])
    fake = types.ModuleType("benchmarks.fake")
    fake.measure = lambda smoke: next(samples)  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "benchmarks.fake", fake)
    figures = measure_area("fake", runs=3, smoke=True)["figures"]
    assert figures["a_ms"] == {"min": 1.0, "median": 2.0, "max": 3.0, "runs": 3}
    assert figures["b_ms"] == {"min": 1.0, "median": 3.0, "max": 5.0, "runs": 2}


def test_fewer_than_one_run_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--runs", "0"])
    assert "--runs must be at least 1" in capsys.readouterr().err
