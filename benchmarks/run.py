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
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
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


AREAS: dict[str, list[Target]] = {
    "startup": [
        Target("start_vs_bare_ratio", 1.5, source="issue 7"),
        Target("app_rss_mib", 120, source="issue 7"),
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
}


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

        qt = PySide6.__version__
    except ImportError:  # pragma: no cover
        qt = "absent"
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gib": round(memory, 1),
        "os": platform.platform(),
        "python": platform.python_version(),
        "pyside6": qt,
    }


def run(
    areas: list[str], runs: int, smoke: bool, say: Callable[[str], None] = print
) -> dict[str, Any]:
    results: dict[str, Any] = {"machine": machine(), "smoke": smoke, "runs": runs, "areas": {}}
    for area in areas:
        try:
            module = importlib.import_module(f"benchmarks.{area}")
        except ImportError as error:
            results["areas"][area] = {"available": False, "note": str(error)}
            continue
        say(f"… {area}")
        samples = [module.measure(smoke=smoke) for _ in range(runs)]
        figures = {
            key: {
                "min": min(s[key] for s in samples),
                "median": statistics.median(s[key] for s in samples),
                "max": max(s[key] for s in samples),
            }
            for key in samples[0]
        }
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
        results["areas"][area] = {"available": True, "figures": figures, "targets": checks}
    return results


def table(results: dict[str, Any]) -> str:
    lines = [f"{'area':9} {'figure':26} {'min':>10} {'median':>10} {'max':>10}  target"]
    for area, result in results["areas"].items():
        if not result["available"]:
            lines.append(f"{area:9} not available: {result['note']}")
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
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument(
        "--smoke", action="store_true", help="tiny sizes: checks the suite still runs"
    )
    parser.add_argument(
        "--only", action="append", choices=sorted(AREAS), help="one area (repeatable)"
    )
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", type=Path, help="write the results here")
    args = parser.parse_args(argv)
    results = run(
        args.only or list(AREAS), args.runs, args.smoke, say=lambda m: print(m, file=sys.stderr)
    )
    print(table(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0
