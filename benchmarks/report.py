"""Writes docs/benchmarks.md from a results JSON: `python -m benchmarks.report FILE`."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from benchmarks.run import table


def markdown(results: dict[str, Any], note: str = "") -> str:
    machine = results["machine"]
    lines = [
        "# Benchmarks",
        "",
        "Made by `bash scripts/bench.sh` (`python -m benchmarks`): each area measured "
        f"{results['runs']} times side by side in one run; min / median / max. Each figure "
        "that has a target says which issue set it and whether the median meets it.",
        "",
        f"Machine: {machine['cpu']}, {machine['cores']} cores, {machine['memory_gib']} GiB, "
        f"{machine['os']}, Python {machine['python']}, PySide6 {machine['pyside6']}.",
    ]
    if note:
        lines += ["", note]
    lines += [
        "",
        "## Targets",
        "",
        "| area | figure | median | target | met |",
        "|---|---|---|---|---|",
    ]
    for area, result in results["areas"].items():
        if not result["available"]:
            lines.append(f"| {area} | — | — | — | not available: {result['note']} |")
            continue
        for target in result["targets"]:
            lines.append(
                f"| {area} | {target['figure']} | {target['median']:.3f} | {target['target']} ({target['source']}) "
                f"| {'yes' if target['met'] else '**no**'} |"
            )
    lines += ["", "## Every figure", "", "```", table(results), "```", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    source = Path(sys.argv[1])
    note = sys.argv[2] if len(sys.argv) > 2 else ""
    out = Path(__file__).resolve().parent.parent / "docs" / "benchmarks.md"
    out.write_text(markdown(json.loads(source.read_text("utf-8")), note), encoding="utf-8")
    print(out)
