"""Sync throughput against the reference server on loopback, each figure with its anchor
measured in the same run: the engine's drain vs. a raw httpx loop PUTting the same kind of
bodies, and the resumable upload vs. one raw PATCH of the same size streamed from the
file; the upload of an attachment as the store keeps it (sealed in 64 KiB chunks,
decrypted in memory as it is read) vs. the same upload from a plain file.

The uploads go to the reference server in a process of its own (benchmarks/served.py),
whose peak RSS is read around one single 100 MB PATCH: the server streams it to disk
(and hashes it as it comes). The raw PATCH with the body as one `bytes` object is kept
as a figure because it was the anchor before: it is ~4x slower for a reason on the
client's side, not the server's: httpcore sends a bytes body by `buffer = buffer[n:]`
after each send(), copying the rest every time (quadratic in the size).

Run: `.venv/bin/python -m benchmarks.sync [--smoke]`."""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

import httpx
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from benchmarks.delivery import benchmark_submission
from benchmarks.served import Served, served
from kiosk.ports import OutboxItem, StatusUpdate
from kiosk.store.crypto import ChunkedReader, DeviceCipher
from sync.client import PlatformClient
from sync.engine import SyncEngine
from sync.server.app import create_app
from sync.serving import serve_in_thread


@dataclass
class _ListOutbox:
    """The smallest OutboxPort: the figure is the engine's, not a store's."""

    queued: list[OutboxItem]
    folder: Path
    accepted: int = 0
    retried: list[OutboxItem] = field(default_factory=list)

    def next_batch(self, limit: int) -> list[OutboxItem]:
        batch, self.queued = self.queued[:limit], self.queued[limit:]
        return batch

    def mark_accepted(self, submission_id: uuid.UUID, protocol_number: str, at: datetime) -> None:
        self.accepted += 1

    def mark_quarantined(
        self, submission_id: uuid.UUID, reason: str, fields: dict[str, str]
    ) -> None:
        raise RuntimeError(f"benchmark submission quarantined: {reason}")

    def mark_retry(self, submission_id: uuid.UUID, error: str) -> None:
        raise RuntimeError(f"benchmark submission not sent: {error}")

    def open_attachment(self, sha256: str) -> BinaryIO:
        return (self.folder / sha256).open("rb")

    def apply_status(self, update: StatusUpdate) -> None:
        pass

    def pending_count(self) -> int:
        return len(self.queued)


def _bodies(count: int) -> list[tuple[uuid.UUID, bytes]]:
    submissions = [benchmark_submission(index) for index in range(count)]
    return [(s.submission_id, s.to_json_bytes()) for s in submissions]


def _random_file(folder: Path, size: int) -> tuple[str, Path]:
    data = os.urandom(size)
    sha = hashlib.sha256(data).hexdigest()
    path = folder / sha
    path.write_bytes(data)
    return sha, path


def measure(smoke: bool) -> dict[str, float]:
    count = 50 if smoke else 10_000
    megabytes = 2 if smoke else 100
    with tempfile.TemporaryDirectory(prefix="bench-sync-") as tmp:
        folder = Path(tmp)
        app = create_app(folder / "server" / "platform.sqlite3")
        redeemed = app.state.store.redeem_code(app.state.store.create_enrolment_code())
        token = redeemed[1]
        with serve_in_thread(app) as running:
            headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
            with httpx.Client(base_url=running.url + "/v1", headers=headers) as raw:
                start = time.perf_counter()
                for sid, body in _bodies(count):
                    raw.put(f"/submissions/{sid}", content=body).raise_for_status()
                raw_ms = (time.perf_counter() - start) * 1000

                client = PlatformClient(running.url, lambda: token)
                outbox = _ListOutbox(
                    [OutboxItem(sid, body) for sid, body in _bodies(count)], folder
                )
                engine = SyncEngine(client, outbox, pull_status=False)
                start = time.perf_counter()
                result = engine.drain_once()
                drain_ms = (time.perf_counter() - start) * 1000
                assert result.ok and outbox.accepted == count, result

                client.close()
        uploads = _uploads(folder / "uploads", megabytes)
    return {
        "drain_submissions": float(count),
        "drain_ms": drain_ms,
        "raw_put_loop_ms": raw_ms,
        "drain_vs_raw_ratio": raw_ms / drain_ms,
        **uploads,
    }


def _file_body(path: Path) -> Iterator[bytes]:
    with path.open("rb") as source:
        while piece := source.read(1 << 20):
            yield piece


def _raw_patch(
    server: Served, token: str, path: Path, sha: str, streamed: bool
) -> tuple[float, float]:
    """One PATCH of the whole file: ms, and how far the server's RSS peaked above
    where it stood before it (MiB)."""
    size = path.stat().st_size
    headers = {"Upload-Offset": "0", "Upload-Length": str(size), "Content-Length": str(size)}
    auth = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=server.url + "/v1", headers=auth, timeout=300) as raw:
        raw.get("/health").raise_for_status()
        body = _file_body(path) if streamed else path.read_bytes()
        server.reset_peak()
        before = server.rss_mib()
        start = time.perf_counter()
        response = raw.patch(f"/attachments/{sha}", content=body, headers=headers)
        elapsed = (time.perf_counter() - start) * 1000
    assert response.json()["complete"], response.text
    return elapsed, server.peak_rss_mib() - before


def _uploads(folder: Path, megabytes: int) -> dict[str, float]:
    folder.mkdir()
    size = megabytes * 1024 * 1024
    with served(folder, devices=4, offices=1) as server:
        sha, path = _random_file(folder, size)
        raw_bytes_ms, bytes_growth = _raw_patch(server, server.tokens[0], path, sha, False)
        sha, path = _random_file(folder, size)
        raw_upload_ms, peak_growth = _raw_patch(server, server.tokens[1], path, sha, True)

        client = PlatformClient(server.url, lambda: server.tokens[2])
        client.health()
        sha, path = _random_file(folder, size)
        server.reset_peak()
        rss_before = server.rss_mib()
        start = time.perf_counter()
        with path.open("rb") as source:
            client.upload_attachment(sha, source)
        upload_ms = (time.perf_counter() - start) * 1000
        chunked_growth = server.peak_rss_mib() - rss_before
        assert client.attachment_status(sha).complete

        sha, path = _random_file(folder, size)
        cipher = DeviceCipher(AESGCM.generate_key(bit_length=256))
        sealed = folder / f"{sha}.sealed"
        with sealed.open("wb") as out:
            out.writelines(cipher.seal_chunks(path.read_bytes(), f"attachment:{sha}"))
        path.unlink()
        start = time.perf_counter()
        with ChunkedReader(sealed, cipher, f"attachment:{sha}") as reader:
            client.upload_attachment(sha, reader)
        sealed_upload_ms = (time.perf_counter() - start) * 1000
        assert client.attachment_status(sha).complete
        client.close()
    return {
        "upload_mb": float(megabytes),
        "upload_ms": upload_ms,
        "raw_upload_ms": raw_upload_ms,
        "upload_vs_raw_ratio": raw_upload_ms / upload_ms,
        "raw_upload_bytes_body_ms": raw_bytes_ms,
        "server_peak_growth_single_patch_mib": max(peak_growth, 0.01),
        "server_peak_growth_bytes_body_mib": max(bytes_growth, 0.01),
        "server_peak_growth_chunked_mib": max(chunked_growth, 0.01),
        "sealed_upload_ms": sealed_upload_ms,
        "sealed_vs_plain_upload_ratio": upload_ms / sealed_upload_ms,
    }


if __name__ == "__main__":
    print(json.dumps(measure(smoke="--smoke" in sys.argv), indent=2))
