"""Writes docs/benchmarks.md from a results JSON, so the page can be re-made at any time:
`python -m benchmarks.report RESULTS.json [--note TEXT] [--out docs/benchmarks.md]`."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def _number(value: float) -> str:
    return (
        f"{value:,.0f}" if abs(value) >= 1000 else f"{value:#.3g}" if value < 10 else f"{value:.1f}"
    )


def markdown(results: dict[str, Any], note: str = "") -> str:
    machine = results["machine"]
    load = machine.get("load_average", [])
    seconds = float(results.get("seconds", 0))
    took = f"{seconds / 60:.0f} min" if seconds >= 90 else f"{seconds:.0f} s"
    lines = [
        "# Benchmarks",
        "",
        "Made by `bash scripts/bench.sh` (`python -m benchmarks`): every area measured "
        f"{results['runs']} times in one run (about {took}), each "
        "figure next to its anchor taken in the same run; min / median / max over the runs. "
        "A figure with a target says which issue set it and whether its median meets it. "
        "Re-make this page with `python -m benchmarks.report RESULTS.json`.",
        "",
        "## Machine",
        "",
        f"- CPU: {machine['cpu']}, {machine['cores']} cores",
        f"- RAM: {machine['memory_gib']} GiB",
        f"- OS: {machine['os']}",
        f"- Python {machine['python']}, PySide6 {machine['pyside6']}, Qt {machine.get('qt', '?')}",
    ]
    if load:
        lines.append(
            f"- Load average (1, 5, 15 min) at the start: {', '.join(map(str, load))}; "
            f"at the end: {', '.join(map(str, results.get('load_average_after', [])))}"
        )
    if results.get("smoke"):
        lines += ["", "**Smoke run (tiny sizes): these figures say the suite runs, not how fast.**"]
    if note:
        lines += ["", note]
    lines += [
        "",
        "## Targets",
        "",
        "| area | figure | median | target | source | met |",
        "|---|---|---:|---|---|---|",
    ]
    for area, result in results["areas"].items():
        if not result["available"]:
            lines.append(f"| {area} | — | — | — | — | not available: {result['note']} |")
        elif "error" in result:
            lines.append(f"| {area} | — | — | — | — | **failed**: {result['error']} |")
        else:
            for target in result["targets"]:
                lines.append(
                    f"| {area} | `{target['figure']}` | {_number(target['median'])} | "
                    f"{target['target']} | {target['source']} | {'yes' if target['met'] else '**no**'} |"
                )
    lines += ["", "## Every figure", "", "Milliseconds (`_ms`), MiB (`_mib`) or ratios.", ""]
    for area, result in results["areas"].items():
        if "figures" not in result:
            continue
        lines += [f"### {area}", "", "| figure | min | median | max |", "|---|---:|---:|---:|"]
        for key, value in result["figures"].items():
            lines.append(
                f"| `{key}` | {_number(value['min'])} | {_number(value['median'])} | {_number(value['max'])} |"
            )
        lines += [""] + [f"- {text}" for text in result.get("notes", [])]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.report")
    parser.add_argument("results", type=Path, help="JSON written by python -m benchmarks --json")
    parser.add_argument("--note", default="", help="a paragraph about the conditions of the run")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks.md")
    args = parser.parse_args(argv)
    results = json.loads(args.results.read_text("utf-8"))
    args.out.write_text(markdown(results, args.note), encoding="utf-8")
    print(args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
