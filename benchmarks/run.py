"""Runs every area's measure() N times side by side, prints min / median / max of each
figure with its target, and writes JSON with the machine it ran on."""

from __future__ import annotations

import argparse
import importlib
import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any


@dataclass(frozen=True)
class Target:
    figure: str
    limit: float
    higher_is_better: bool = False
    source: str = ""

    def met(self, value: float) -> bool:
        return value >= self.limit if self.higher_is_better else value <= self.limit

    def describe(self) -> str:
        return f"{'≥' if self.higher_is_better else '≤'} {self.limit:g}"


# The registry: area name -> benchmarks/<area>.py exposing measure(smoke) -> figures,
# and the targets the other issues set for some of those figures.
AREAS: dict[str, list[Target]] = {
    "startup": [
        Target("start_vs_bare_ratio", 1.2, source="issue 24"),
        Target("loaded_vs_bare_ratio", 2.0, source="issue 24"),
        Target("loaded_vs_chromium_ratio", 0.5, source="issue 24"),
    ],
    "memory": [
        Target("app_rss_mib", 120, source="issue 7"),
        Target("app_vs_bare_pss_ratio", 1.6, source="issue 24"),
        Target("chromium_vs_app_pss_ratio", 4, higher_is_better=True, source="issue 24"),
    ],
    "store": [
        Target("autosave_ms", 2.0, source="issue 5"),
        Target("list_page_ms", 50, source="issue 5"),
    ],
    "search": [Target("search_p95_ms", 10, source="issue 3")],
    "engine": [
        Target("next_step_ms", 5, source="issue 4"),
        Target("answer_reevaluate_ms", 5, source="issue 4"),
    ],
    "sync": [
        Target("drain_vs_raw_ratio", 0.5, higher_is_better=True, source="issue 6"),
        Target("upload_vs_raw_ratio", 0.7, higher_is_better=True, source="issue 6"),
    ],
    "receipts": [Target("receipt_a4_ms", 50, source="issue 8")],
    "definitions": [
        Target("chain_large_open_ms", 1000, source="issue 18"),
        Target("open_large_vs_small_ratio", 100, source="issue 18"),
        Target("check_large_vs_small_ratio", 100, source="issue 18"),
    ],
    "authoring": [],  # issue 23 asks for the figures, sets no target
    "links": [
        Target("dsl_drain_vs_limit_ratio", 0.8, higher_is_better=True, source="issue 24"),
        Target("3g_drain_vs_limit_ratio", 0.8, higher_is_better=True, source="issue 24"),
    ],
    "fleet": [
        Target("exactly_once", 1, higher_is_better=True, source="issue 24"),
    ],
    "documents": [],  # issue 19 asks for scan-to-attached beside scanimage, sets no target
}
# Areas that take minutes per run (real links at 1-20 Mbit/s, 200 devices): one run each.
MAX_RUNS = {"links": 1, "fleet": 1}


def machine() -> dict[str, Any]:
    cpu = "unknown"
    info = Path("/proc/cpuinfo")
    if info.exists():
        models = [
            row.split(":", 1)[1].strip()
            for row in info.read_text().splitlines()
            if row.startswith("model name")
        ]
        cpu = models[0] if models else cpu
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    try:
        import PySide6
        from PySide6.QtCore import qVersion

        qt, qt_runtime = PySide6.__version__, qVersion()
    except ImportError:  # pragma: no cover
        qt = qt_runtime = "absent"
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gib": round(memory, 1),
        "os": platform.platform(),
        "python": platform.python_version(),
        "pyside6": qt,
        "qt": qt_runtime,
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }


def _load(area: str) -> ModuleType | str:
    """The area's module, or why it is not available (not written yet, or it failed to import)."""
    try:
        return importlib.import_module(f"benchmarks.{area}")
    except ModuleNotFoundError as error:
        if error.name == f"benchmarks.{area}":
            return f"benchmarks/{area}.py has not landed"
        return f"benchmarks/{area}.py needs {error.name}, which is not installed"


def _aggregate(samples: list[dict[str, float]]) -> dict[str, dict[str, float]]:
    # A figure may be missing from some runs (e.g. an optional comparison): aggregate what ran.
    keys = list(dict.fromkeys(key for sample in samples for key in sample))
    figures = {}
    for key in keys:
        values = [float(sample[key]) for sample in samples if key in sample]
        figures[key] = {
            "min": min(values),
            "median": statistics.median(values),
            "max": max(values),
            "runs": len(values),
        }
    return figures


def measure_area(area: str, runs: int, smoke: bool) -> dict[str, Any]:
    module = _load(area)
    if isinstance(module, str):
        return {"available": False, "note": module}
    runs = min(runs, MAX_RUNS.get(area, runs))
    try:
        samples = [module.measure(smoke=smoke) for _ in range(runs)]
    except Exception as error:  # an area that breaks is reported, never hidden
        return {"available": True, "error": f"{type(error).__name__}: {error}"}
    figures = _aggregate(samples)
    checks = [
        {
            "figure": t.figure,
            "target": t.describe(),
            "source": t.source,
            "median": figures[t.figure]["median"],
            "met": t.met(figures[t.figure]["median"]),
        }
        for t in AREAS.get(area, [])
        if t.figure in figures
    ]
    notes = module.notes(smoke) if hasattr(module, "notes") else []
    return {"available": True, "figures": figures, "targets": checks, "notes": notes}


def run(
    areas: list[str], runs: int, smoke: bool, say: Callable[[str], None] = print
) -> dict[str, Any]:
    results: dict[str, Any] = {"machine": machine(), "smoke": smoke, "runs": runs, "areas": {}}
    started = time.perf_counter()
    for area in areas:
        say(f"… {area}")
        results["areas"][area] = measure_area(area, runs, smoke)
    results["seconds"] = round(time.perf_counter() - started, 1)
    results["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    return results


def table(results: dict[str, Any]) -> str:
    lines = [f"{'area':9} {'figure':26} {'min':>10} {'median':>10} {'max':>10}  target"]
    for area, result in results["areas"].items():
        if not result["available"]:
            lines.append(f"{area:9} not available: {result['note']}")
            continue
        if "error" in result:
            lines.append(f"{area:9} FAILED: {result['error']}")
            continue
        targets = {t["figure"]: t for t in result["targets"]}
        for key, value in result["figures"].items():
            target = targets.get(key)
            mark = (
                f"{target['target']} ({target['source']}) {'met' if target['met'] else 'NOT MET'}"
                if target
                else ""
            )
            lines.append(
                f"{area:9} {key:26} {value['min']:10.3f} {value['median']:10.3f} {value['max']:10.3f}  {mark}"
            )
    notes = [
        f"{area}: {note}" for area, r in results["areas"].items() for note in r.get("notes", [])
    ]
    return "\n".join(lines + (["", *notes] if notes else []))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument(
        "--smoke", action="store_true", help="tiny sizes: checks the suite still runs"
    )
    parser.add_argument(
        "--only", action="append", choices=sorted(AREAS), help="one area (repeatable)"
    )
    parser.add_argument("--runs", type=int, default=5, help="runs per area (default 5)")
    parser.add_argument("--json", type=Path, help="write the results here")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    results = run(
        args.only or list(AREAS), args.runs, args.smoke, say=lambda m: print(m, file=sys.stderr)
    )
    print(table(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    failed = [area for area, result in results["areas"].items() if "error" in result]
    return 1 if failed else 0
