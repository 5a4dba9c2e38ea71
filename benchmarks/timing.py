"""Small helpers for the benchmark modules: repeat a call, report milliseconds."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def samples_ms(call: Callable[[], object], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    return times


def median_ms(call: Callable[[], object], repeat: int) -> float:
    return statistics.median(samples_ms(call, repeat))


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
