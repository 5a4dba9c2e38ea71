"""Checking and opening definitions grows linearly with their size (issue 18, item 4).

A chain of fields, each shown unless the previous one was answered «όχι», once made
both cubic: 4,000 fields took 12 s to check, 10,000 took 186 s to open. Figures for
a 200-field and a 10,000-field chain side by side: `kiosk catalog check`'s work
(check_procedure), opening a filling session cold (nothing cached: as a device does
for a definition it has not opened since starting) and the re-evaluation after one
answer. Ratios near 50 (10,000 / 200) say linear. The sample procedures open as a
reference for real definitions."""

from __future__ import annotations

import uuid
from typing import Any

import msgspec

from benchmarks.timing import median_ms
from kiosk import expressions
from kiosk.catalog.check import check_procedure
from kiosk.catalog.loader import load_catalog, sample_catalog_dir
from kiosk.catalog.model import Procedure
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
    return figures


def notes(smoke: bool) -> list[str]:
    size = 1_000 if smoke else LARGE
    return [
        f"chains of {SMALL} and {size} fields; linear growth gives ratios near {size / SMALL:g}"
    ]
