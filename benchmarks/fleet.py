"""A Region's fleet reconnecting after an outage: DEVICES devices, each with its own
engine, client and outbox holding a backlog (BACKLOG submissions, the first with a scan
of 512 KiB), released at once (a barrier) against the
reference server in its own process (benchmarks/served.py), on loopback.

Figures: the time until every backlog is drained, p50 / p99 of the submission PUTs that
were answered 200, the most requests in progress at once and how many were told 503 (the server's bound on requests in
progress, sync/server/admission.py, with Retry-After; the engines back off with full
jitter on top of it), the server's peak RSS, and exactly once: 0 lost and 0 duplicated,
counted on the server's database (the run fails otherwise). Then the same fleet again
against a server that takes only two requests at a time (`tight_*`): the 503s and the
engines' jittered backoff end to end, still exactly once.

The devices are threads of one process (each engine sends up to SEND_CONCURRENCY at
once, as the app does): on a 2-core machine they compete with the server for the cores, so the drain time
is an upper bound.

Run: `.venv/bin/python -m benchmarks.fleet [--smoke]`."""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any
from uuid import UUID

from benchmarks.delivery import RequeueOutbox, make_backlog, server_counts
from benchmarks.served import served
from kiosk.ports import OutboxItem
from sync.client import PlatformClient
from sync.engine import SEND_CONCURRENCY, SyncEngine
from sync.protocol import Acknowledgement

DEVICES, BACKLOG, OFFICES = 200, 25, 40
SMOKE_DEVICES, SMOKE_BACKLOG = 8, 3
SCAN_BYTES, SMOKE_SCAN_BYTES = 512 * 1024, 128 * 1024  # each backlog's first item has one
MAX_CONCURRENT = 32  # the server's bound for this run (its default is 64)
SMOKE_MAX_CONCURRENT = 2
TIGHT_MAX_CONCURRENT = 2  # a second run: a server that takes two requests at a time


class _TimedClient(PlatformClient):
    """Records the latency of each PUT the platform accepted."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.latencies: list[float] = []

    def put_submission(self, submission_id: UUID, body: bytes) -> Acknowledgement:
        start = time.perf_counter()
        ack = super().put_submission(submission_id, body)
        self.latencies.append(time.perf_counter() - start)
        return ack


def measure(smoke: bool = False) -> dict[str, float]:
    devices, backlog_size = (SMOKE_DEVICES, SMOKE_BACKLOG) if smoke else (DEVICES, BACKLOG)
    figures = _fleet(
        devices, backlog_size, SMOKE_MAX_CONCURRENT if smoke else MAX_CONCURRENT, smoke
    )
    # The same fleet against a server told to work on very few at once: the 503s and the
    # engines' jittered backoff, end to end, still exactly once.
    tight = _fleet(devices, backlog_size, 1 if smoke else TIGHT_MAX_CONCURRENT, smoke)
    keep = ("drained_s", "put_p99_ms", "server_bound", "server_in_progress_peak")
    figures.update({f"tight_{key}": tight[key] for key in (*keep, "server_refused")})
    return figures


def _fleet(devices: int, backlog_size: int, bound: int, smoke: bool) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="bench-fleet-") as tmp:
        folder = Path(tmp)
        backlogs = [
            make_backlog(
                folder / f"device-{n}", backlog_size, 1, SMOKE_SCAN_BYTES if smoke else SCAN_BYTES
            )
            for n in range(devices)
        ]
        with served(folder, devices, min(OFFICES, devices), bound) as server:
            clients = [_TimedClient(server.url, lambda t=token: t) for token in server.tokens]
            outboxes = [RequeueOutbox(backlog) for backlog in backlogs]
            engines = [
                SyncEngine(client, outbox, pull_status=False, concurrency=SEND_CONCURRENCY)
                for client, outbox in zip(clients, outboxes, strict=True)
            ]
            barrier = threading.Barrier(devices + 1)
            finished: list[float] = []

            def device(engine: SyncEngine, outbox: RequeueOutbox) -> None:
                barrier.wait()
                for _ in range(1000):  # a drain stops when a failure persists
                    engine.drain_once()
                    if not outbox.pending_count():
                        break
                finished.append(time.perf_counter())

            threads = [
                threading.Thread(target=device, args=(engine, outbox))
                for engine, outbox in zip(engines, outboxes, strict=True)
            ]
            for thread in threads:
                thread.start()
            server.reset_peak()
            rss_before = server.rss_mib()
            barrier.wait()
            start = time.perf_counter()
            for thread in threads:
                thread.join()
            drained_s = max(finished) - start
            peak = server.peak_rss_mib()
            for client in clients:
                client.close()
            items: list[OutboxItem] = [item for b in backlogs for item in b.items]
            lost, duplicated = server_counts(server.db_path, [i.submission_id for i in items])
        admission = json.loads((folder / "admission.json").read_text())
        assert lost == 0 and duplicated == 0, (lost, duplicated)
        assert all(len(o.accepted) == backlog_size and not o.accepted_twice for o in outboxes)
    latencies = sorted(latency for client in clients for latency in client.latencies)
    return {
        "devices": float(devices),
        "submissions": float(len(items)),
        "drained_s": drained_s,
        "submissions_per_s": len(items) / drained_s,
        "put_p50_ms": statistics.median(latencies) * 1000,
        "put_p99_ms": latencies[int(len(latencies) * 0.99) - 1] * 1000,
        "server_bound": float(bound),
        "server_in_progress_peak": float(admission["peak"]),
        "server_refused": float(admission["refused"]),
        "server_peak_rss_mib": peak,
        "server_peak_growth_mib": max(peak - rss_before, 0.0),
        "exactly_once": 1.0,  # asserted above on the server's database
    }


def notes(smoke: bool) -> list[str]:
    return [
        f"devices are threads of one process on the same 2 cores as the server; each "
        f"engine sends up to {SEND_CONCURRENCY} at once (the app's setting); server_refused = 503s "
        "from the server's bound (Retry-After: 1, the engines' full jitter on top); "
        "server_in_progress_peak = the most requests it worked on at once",
    ]


if __name__ == "__main__":
    print(json.dumps(measure(smoke="--smoke" in sys.argv), indent=2))
