"""The reference server under hostile load, on loopback, each figure with its anchor from
the same run: `/health` latency while 4 devices check clerk passwords (scrypt) against
`/health` idle, and the growth of the server's peak RSS while a 200 MB body streams at the
unauthenticated enrolment endpoint. docs/platform-security.md quotes these figures.

Run: `.venv/bin/python -m benchmarks.server_load [--smoke]` (not in the default areas:
it loads both cores for a few seconds)."""

from __future__ import annotations

import contextlib
import json
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx

from sync.server.app import create_app
from sync.serving import serve_in_thread


def _peak_rss_mib() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def _health_median_ms(url: str, runs: int) -> float:
    times = []
    with httpx.Client() as client:
        for _ in range(runs):
            started = time.perf_counter()
            client.get(f"{url}/health")
            times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def measure(smoke: bool = False) -> dict[str, float]:
    runs, megabytes = (10, 8) if smoke else (60, 200)
    with tempfile.TemporaryDirectory(prefix="bench-server-") as folder:
        app = create_app(Path(folder) / "platform.sqlite3")
        store = app.state.store
        with serve_in_thread(app) as running:
            url = f"http://{running.host}:{running.port}/v1"
            _health_median_ms(url, 3)
            before = _peak_rss_mib()

            def body() -> Iterator[bytes]:
                for _ in range(megabytes * 16):
                    yield b" " * 65536

            # The server may close the connection once it has refused the body.
            with contextlib.suppress(httpx.HTTPError):
                httpx.post(f"{url}/enrolment", content=body(), timeout=60)
            growth = _peak_rss_mib() - before
            idle = _health_median_ms(url, runs)
            tokens = []
            for _ in range(4):
                redeemed = store.redeem_code(store.create_enrolment_code("demo-office"))
                assert redeemed is not None
                tokens.append(redeemed[1])
            stop = threading.Event()

            def sign_in_loop(token: str) -> None:
                with httpx.Client(headers={"Authorization": f"Bearer {token}"}) as client:
                    while not stop.is_set():
                        client.post(
                            f"{url}/clerks/verify",
                            json={"clerk_id": "clerk01", "password": "demo-pass-01"},
                        )

            threads = [threading.Thread(target=sign_in_loop, args=(t,)) for t in tokens]
            for thread in threads:
                thread.start()
            time.sleep(0.3)
            loaded = _health_median_ms(url, runs)
            stop.set()
            for thread in threads:
                thread.join()
    return {
        "streamed_mb": float(megabytes),
        "peak_rss_growth_mib": growth,
        "health_idle_ms": idle,
        "health_under_sign_ins_ms": loaded,
        "sign_ins_vs_idle_ratio": loaded / idle,
    }


if __name__ == "__main__":
    print(json.dumps(measure(smoke="--smoke" in sys.argv), indent=2))
