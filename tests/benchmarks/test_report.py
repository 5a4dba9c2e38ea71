from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from benchmarks.report import main, markdown

RESULTS: dict[str, Any] = {
    "machine": {
        "cpu": "Test CPU 3000",
        "cores": 2,
        "memory_gib": 7.7,
        "os": "Linux-6.1",
        "python": "3.11.7",
        "pyside6": "6.7.0",
        "qt": "6.7.0",
        "load_average": [1.5, 1.2, 1.0],
    },
    "load_average_after": [1.9, 1.3, 1.0],
    "smoke": False,
    "runs": 5,
    "seconds": 600.0,
    "areas": {
        "store": {
            "available": True,
            "figures": {"autosave_ms": {"min": 0.4, "median": 0.5, "max": 0.9, "runs": 5}},
            "targets": [
                {
                    "figure": "autosave_ms",
                    "target": "≤ 2",
                    "source": "issue 5",
                    "median": 0.5,
                    "met": True,
                }
            ],
            "notes": ["WAL, synchronous FULL"],
        },
        "startup": {
            "available": True,
            "figures": {"start_vs_bare_ratio": {"min": 3.0, "median": 3.5, "max": 4.0, "runs": 5}},
            "targets": [
                {
                    "figure": "start_vs_bare_ratio",
                    "target": "≤ 1.5",
                    "source": "issue 7",
                    "median": 3.5,
                    "met": False,
                }
            ],
        },
        "receipts": {"available": False, "note": "benchmarks/receipts.py has not landed"},
        "sync": {"available": True, "error": "OSError: port in use"},
    },
}


def test_results_page_names_the_machine_and_says_which_targets_are_met() -> None:
    page = markdown(RESULTS, note="Two other helpers were running tests.")
    assert "- CPU: Test CPU 3000, 2 cores" in page
    assert "- Python 3.11.7, PySide6 6.7.0, Qt 6.7.0" in page
    assert "at the start: 1.5, 1.2, 1.0; at the end: 1.9, 1.3, 1.0" in page
    assert "Two other helpers were running tests." in page
    assert "| store | `autosave_ms` | 0.500 | ≤ 2 | issue 5 | yes |" in page
    assert "| startup | `start_vs_bare_ratio` | 3.50 | ≤ 1.5 | issue 7 | **no** |" in page
    assert "| `autosave_ms` | 0.400 | 0.500 | 0.900 |" in page
    assert "- WAL, synchronous FULL" in page
    assert "about 10 min" in page and "Smoke run" not in page


def test_results_page_says_which_areas_are_missing_or_broken() -> None:
    page = markdown(RESULTS)
    assert "not available: benchmarks/receipts.py has not landed" in page
    assert "**failed**: OSError: port in use" in page


def test_results_page_is_remade_from_the_json_file(tmp_path: Path) -> None:
    source, out = tmp_path / "results.json", tmp_path / "benchmarks.md"
    source.write_text(json.dumps(RESULTS, ensure_ascii=False), encoding="utf-8")
    assert main([str(source), "--out", str(out)]) == 0
    assert out.read_text("utf-8") == markdown(RESULTS)
