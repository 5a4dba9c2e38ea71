"""What one parked-draft derivation costs, and so what an offline search of the PIN space
costs someone who holds the platform's database and the code (docs/parked-drafts.md).

Run: `.venv/bin/python -m benchmarks.parked [--smoke]`."""

from __future__ import annotations

import json
import sys
import time

from kiosk.store.parking import DEFAULT_LIFETIME, PIN_DIGITS
from sync import parked


def measure(smoke: bool) -> dict[str, float]:
    rounds = 1 if smoke else 5
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        parked._key_and_verifier("K7M3PX4A", "482193", "office")
        samples.append(time.perf_counter() - start)
    per_try = sorted(samples)[len(samples) // 2]
    search_s = 10**PIN_DIGITS * per_try
    lifetime_s = DEFAULT_LIFETIME.total_seconds()
    return {
        "kdf_log2_n": float(parked.KDF_LOG2_N),
        "kdf_ms": per_try * 1000,
        "pin_space": float(10**PIN_DIGITS),
        "pin_search_core_days": search_s / 86_400,
        "lifetime_days": lifetime_s / 86_400,
        "search_vs_lifetime_ratio": search_s / lifetime_s,
    }


if __name__ == "__main__":
    print(json.dumps(measure(smoke="--smoke" in sys.argv), indent=2))
