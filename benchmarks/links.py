"""Sync over emulated office links (benchmarks/link.py), each figure beside the link's
own limit (the payload's bytes over the bandwidth, plus one round trip) and beside the
raw sequential loop (one plain httpx request at a time) in the same run:

- office DSL: 40 ms RTT, 0.5 % loss, 20 Mbit/s; 500 applications and 20 scans of 5 MB;
- rural 3G: 300 ms RTT, 2 % loss, 1 Mbit/s; 500 applications and 20 scans of 5 MB (the
  link's limit alone is 14 minutes per drain: the full run of this area takes ~35 minutes).

The engine drains with `concurrency=CONCURRENCY` (sync/engine.py); every run checks on
the server's database that each submission arrived exactly once (0 lost, 0 duplicated).
The reference server runs in its own process (benchmarks/served.py).

Run: `.venv/bin/python -m benchmarks.links [--smoke]`."""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.delivery import (
    Backlog,
    RequeueOutbox,
    make_backlog,
    raw_sequential_loop,
    server_counts,
)
from benchmarks.link import OFFICE_DSL, RURAL_3G, LinkProfile, LinkProxy
from benchmarks.served import Served, served
from sync.client import PlatformClient
from sync.engine import SEND_CONCURRENCY, Backoff, SyncEngine

CONCURRENCY = SEND_CONCURRENCY  # the app's
SCAN_BYTES = 5 * 1024 * 1024
# (profile, figure prefix, applications, scans) at full size
FULL = [(OFFICE_DSL, "dsl", 500, 20), (RURAL_3G, "3g", 500, 20)]
SMOKE = [(OFFICE_DSL, "dsl", 20, 1), (RURAL_3G, "3g", 6, 0)]
SMOKE_SCAN_BYTES = 256 * 1024


def _engine_drain(server: Served, token: str, proxy: LinkProxy, backlog: Backlog) -> float:
    outbox = RequeueOutbox(backlog)
    client = PlatformClient(proxy.url, lambda: token, timeout=60, connect_timeout=10)
    engine = SyncEngine(
        client,
        outbox,
        pull_status=False,
        concurrency=CONCURRENCY,
        backoff=Backoff(base=0.2, cap=2.0),
    )
    start = time.perf_counter()
    for _ in range(100):  # a drain stops when a failure persists; the next one goes on
        engine.drain_once()
        if not outbox.pending_count():
            break
    elapsed = time.perf_counter() - start
    client.close()
    assert len(outbox.accepted) == len(backlog.items) and not outbox.accepted_twice
    return elapsed


def _profile(folder: Path, profile: LinkProfile, count: int, scans: int, scan: int) -> dict:
    raw_backlog = make_backlog(folder / "raw", count, scans, scan)
    engine_backlog = make_backlog(folder / "engine", count, scans, scan)
    with served(folder, devices=2) as server:
        target = tuple(server.url.removeprefix("http://").split(":"))
        address = (target[0], int(target[1]))
        with LinkProxy(address, profile, seed=1) as proxy:
            start = time.perf_counter()
            raw_sequential_loop(proxy.url, server.tokens[0], raw_backlog)
            raw_s = time.perf_counter() - start
        with LinkProxy(address, profile, seed=1) as proxy:
            drain_s = _engine_drain(server, server.tokens[1], proxy, engine_backlog)
            stats = proxy.stats
        for backlog in (raw_backlog, engine_backlog):
            lost, duplicated = server_counts(
                server.db_path, [item.submission_id for item in backlog.items]
            )
            assert lost == 0 and duplicated == 0, (profile.name, lost, duplicated)
    limit_s = profile.limit_seconds(engine_backlog.payload_bytes)
    return {
        "payload_mb": engine_backlog.payload_bytes / 1e6,
        "limit_s": limit_s,
        "drain_s": drain_s,
        "raw_loop_s": raw_s,
        "drain_vs_limit_ratio": limit_s / drain_s,
        "raw_vs_limit_ratio": limit_s / raw_s,
        "drain_vs_raw_ratio": raw_s / drain_s,
        "wire_up_mb": stats.bytes_up / 1e6,  # payload, HTTP and resends, as the link saw
        "wire_down_mb": stats.bytes_down / 1e6,
        "packets_lost": float(stats.lost),
        "packets_lost_pct": stats.lost / max(stats.packets, 1) * 100,
        "connections_reset": float(stats.resets),
        "exactly_once": 1.0,  # asserted above on the server's database
    }


def measure(smoke: bool = False) -> dict[str, float]:
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="bench-links-") as tmp:
        for profile, prefix, count, scans in SMOKE if smoke else FULL:
            scan = SMOKE_SCAN_BYTES if smoke else SCAN_BYTES
            folder = Path(tmp) / prefix
            result = _profile(folder, profile, count, scans, scan)
            figures.update({f"{prefix}_{key}": value for key, value in result.items()})
    return figures


def notes(smoke: bool) -> list[str]:
    return [
        f"engine: concurrency={CONCURRENCY}; raw: one plain httpx request at a time "
        "(scans in one streamed PATCH, resumed after a reset); limit = payload bytes ÷ "
        "bandwidth + 1 RTT",
        "link: benchmarks/link.py, a proxy on loopback (no netem in this kernel): FIFO "
        "bottleneck per direction, half the RTT each way, a lost 1,460-byte packet holds its "
        "connection for max(2 RTT, 200 ms), a reset with probability loss/200 per packet; "
        "seed 1",
    ]


if __name__ == "__main__":
    print(json.dumps(measure(smoke="--smoke" in sys.argv), indent=2))
