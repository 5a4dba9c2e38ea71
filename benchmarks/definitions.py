"""Checking and opening definitions grows linearly with their size (issue 18, item 4).

A chain of fields, each shown unless the previous one was answered «όχι», once made
both cubic: 4,000 fields took 12 s to check, 10,000 took 186 s to open. Figures for
a 200-field and a 10,000-field chain side by side: `kiosk catalog check`'s work
(check_procedure), opening a filling session cold (nothing cached: as a device does
for a definition it has not opened since starting) and the re-evaluation after one
answer. Ratios near 50 (10,000 / 200) say linear. The sample procedures open as a
reference for real definitions.

What a device pays for the format at start (issue 24): importing kiosk.catalog.model
in a fresh interpreter, reading the sample catalog (44 procedures: files, records,
checks) and validating those 44 decoded definitions alone."""

from __future__ import annotations

import statistics
import subprocess
import sys
import uuid
from typing import Any

import msgspec

from benchmarks.timing import median_ms
from kiosk import expressions
from kiosk.catalog.check import check_procedure
from kiosk.catalog.loader import _json_file, load_catalog, sample_catalog_dir
from kiosk.catalog.model import Procedure
from kiosk.catalog.validation import convert
from kiosk.engine import context, definition
from kiosk.engine.session import FillingSession

SMALL, LARGE = 200, 10_000


def chain(length: int) -> Procedure:
    fields = [
        {"id": f"f{n}", "type": "text", "label": {"el": f"Πεδίο {n}"}}
        | ({"show_if": f'f{n - 1} != "όχι"'} if n else {})
        for n in range(length)
    ]
    steps: list[dict[str, Any]] = [
        {"id": f"s{s}", "title": {"el": "Βήμα"}, "fields": fields[s : s + 20]}
        for s in range(0, length, 20)
    ]
    return msgspec.convert(
        {
            "id": f"chain-{length}",
            "version": "1.0.0",
            "title": {"el": "Αλυσίδα"},
            "summary": {"el": "Αλυσίδα"},
            "authority": {"name": {"el": "Αρχή"}},
            "steps": steps,
        },
        Procedure,
    )


def _forget() -> None:
    """Cold: no compiled expression, no checked definition, no calculation order."""
    for cached in (expressions.analyse, expressions.compile_expression, expressions._names):
        cached.cache_clear()
    definition._checked.clear()
    context._orders.clear()


def _figures(procedure: Procedure, repeat: int) -> dict[str, float]:
    def check() -> None:
        _forget()
        check_procedure(procedure)

    def open_cold() -> None:
        _forget()
        FillingSession(procedure, "2", uuid.uuid4())

    session = FillingSession(procedure, "2", uuid.uuid4())
    session.set_answer("f1", "ναι")  # compiles what an answer evaluates: untimed
    middle = f"f{len(procedure.all_fields()) // 2}"
    flip = iter(range(10**9))

    def answer() -> None:
        session.set_answer(middle, "όχι" if next(flip) % 2 else "ναι")

    return {
        "check_ms": median_ms(check, repeat),
        "open_ms": median_ms(open_cold, repeat),
        "answer_ms": median_ms(answer, repeat),
    }


def measure(smoke: bool) -> dict[str, float]:
    large = 1_000 if smoke else LARGE
    repeat = 1 if smoke else 3
    small = _figures(chain(SMALL), repeat * 5)
    big = _figures(chain(large), repeat)
    figures: dict[str, float] = {"large_fields": float(large)}
    for name in ("check_ms", "open_ms", "answer_ms"):
        figures[f"chain{SMALL}_{name}"] = small[name]
        figures[f"chain_large_{name}"] = big[name]
        figures[f"{name[:-3]}_large_vs_small_ratio"] = big[name] / small[name]
    samples = list(load_catalog(sample_catalog_dir()).procedures.values())

    def open_samples() -> None:
        _forget()
        for procedure in samples:
            FillingSession(procedure, "2", uuid.uuid4())

    figures["open_samples_ms"] = median_ms(open_samples, repeat * 5)
    return figures | catalog_figures(repeat * 5)


_IMPORT = "import time; s = time.perf_counter(); import {}; print(time.perf_counter() - s)"


def import_ms(module: str, repeat: int) -> float:
    """Wall clock of importing `module` in a fresh interpreter, median of `repeat`."""
    runs = [
        subprocess.run(
            [sys.executable, "-c", _IMPORT.format(module)],
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        ).stdout
        for _ in range(repeat)
    ]
    return statistics.median(float(run) * 1000 for run in runs)


def catalog_figures(repeat: int) -> dict[str, float]:
    folder = sample_catalog_dir()
    decoded = [_json_file(path) for path in sorted((folder / "procedures").glob("*.json"))]
    for data in decoded:
        data.pop("$schema", None)
    return {
        "catalog_model_import_ms": import_ms("kiosk.catalog.model", repeat),
        "sample_catalog_load_ms": median_ms(lambda: load_catalog(folder), repeat),
        "sample_catalog_validate_ms": median_ms(
            lambda: [convert(data, Procedure) for data in decoded], repeat
        ),
        "sample_procedures": float(len(decoded)),
    }


def notes(smoke: bool) -> list[str]:
    size = 1_000 if smoke else LARGE
    return [
        f"chains of {SMALL} and {size} fields; linear growth gives ratios near {size / SMALL:g}"
    ]
