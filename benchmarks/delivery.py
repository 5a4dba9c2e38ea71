"""What the link and fleet benchmarks send, and how they check it arrived exactly once:
a backlog of real submissions (some with a scan), an outbox that puts back what a
stopped drain did not send, the raw sequential loop that is their anchor, and the
count on the server's own database."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

import httpx

from kiosk.ports import OutboxItem, StatusUpdate
from kiosk.submission import AttachmentRef, Submission


@dataclass
class Backlog:
    """A device's queue: submissions in order, scans stored under their sha256."""

    items: list[OutboxItem]
    folder: Path

    @property
    def payload_bytes(self) -> int:
        bodies = sum(len(item.body) for item in self.items)
        return bodies + sum(ref.size for item in self.items for ref in item.attachments)


FINALISED = datetime(2026, 11, 22, 9, 30, tzinfo=UTC)


def benchmark_submission(index: int, attachments: list[AttachmentRef] | None = None) -> Submission:
    """One counter application the platform accepts: fields of the procedure only (it
    refuses unknown answer ids) and the catalog's fee for those answers."""
    return Submission.from_data(
        {
            "submission_id": uuid.uuid4(),
            "procedure_id": "taxi-driver-licence",
            "procedure_version": "1.0.0",
            "region_code": "9",
            "channel": "counter",
            "created_at": FINALISED,
            "finalised_at": FINALISED,
            "fees": [{"fee_id": "paravolo", "label": "Παράβολο", "amount": "50.00"}],
            "answers": {
                "surname": "ΔΟΚΙΜΑΣΤΙΚΟΣ",
                "first_name": f"ΠΟΛΙΤΗΣ {index}",
                "address": "x" * 400,
            },
            "attachments": attachments or [],
        }
    )


def make_backlog(folder: Path, count: int, scans: int, scan_bytes: int) -> Backlog:
    """`count` submissions of a counter; the first `scans` carry one scan each."""
    folder.mkdir(parents=True, exist_ok=True)
    items = []
    for index in range(count):
        attachments = []
        if index < scans:
            data = os.urandom(scan_bytes)
            sha = hashlib.sha256(data).hexdigest()
            (folder / sha).write_bytes(data)
            attachments.append(
                AttachmentRef(
                    sha256=sha, file_name="scan.pdf", media_type="application/pdf", size=len(data)
                )
            )
        submission = benchmark_submission(index, attachments)
        items.append(
            OutboxItem(
                submission.submission_id, submission.to_json_bytes(), tuple(submission.attachments)
            )
        )
    return Backlog(items, folder)


@dataclass
class RequeueOutbox:
    """An OutboxPort over a Backlog: a put-back item goes to the end of the queue, as in
    the store; an item accepted twice is counted (it must never happen)."""

    backlog: Backlog
    queued: list[OutboxItem] = field(default_factory=list)
    accepted: set[uuid.UUID] = field(default_factory=set)
    accepted_twice: int = 0

    def __post_init__(self) -> None:
        self.queued = list(self.backlog.items)

    def next_batch(self, limit: int) -> list[OutboxItem]:
        batch, self.queued = self.queued[:limit], self.queued[limit:]
        return batch

    def mark_accepted(self, submission_id: uuid.UUID, protocol_number: str, at: datetime) -> None:
        self.accepted_twice += submission_id in self.accepted
        self.accepted.add(submission_id)

    def mark_quarantined(
        self, submission_id: uuid.UUID, reason: str, fields: dict[str, str]
    ) -> None:
        raise RuntimeError(f"benchmark submission quarantined: {reason}")

    def mark_retry(self, submission_id: uuid.UUID, error: str) -> None:
        self.queued.extend(i for i in self.backlog.items if i.submission_id == submission_id)

    def open_attachment(self, sha256: str) -> BinaryIO:
        return (self.backlog.folder / sha256).open("rb")

    def apply_status(self, update: StatusUpdate) -> None:
        pass

    def pending_count(self) -> int:
        return len(self.queued)


def raw_sequential_loop(url: str, token: str, backlog: Backlog, attempts: int = 50) -> None:
    """The anchor: one plain httpx client, one request at a time: each scan in one
    streamed PATCH (resumed from the server's offset after a dropped link), then the
    body's PUT (again after a dropped link: it is idempotent)."""
    auth = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=url + "/v1", headers=auth, timeout=120) as raw:
        for item in backlog.items:
            for ref in item.attachments:
                _raw_upload(raw, backlog.folder / ref.sha256, ref.sha256, ref.size, attempts)
            _retried(
                attempts,
                lambda item=item: raw.put(
                    f"/submissions/{item.submission_id}",
                    content=item.body,
                    headers={"Content-Type": "application/json"},
                ),
            )


def _retried(attempts: int, send: Callable[[], httpx.Response]) -> httpx.Response:
    for _ in range(attempts):
        try:
            response = send()
        except httpx.TransportError:
            time.sleep(0.1)
            continue
        if response.status_code < 500:
            response.raise_for_status()
            return response
        time.sleep(0.5)
    raise RuntimeError("the raw loop gave up")


def _raw_upload(raw: httpx.Client, path: Path, sha: str, size: int, attempts: int) -> None:
    for _ in range(attempts):
        offset = int(_retried(attempts, lambda: raw.get(f"/attachments/{sha}")).json()["offset"])
        if offset == size:
            return
        headers = {
            "Upload-Offset": str(offset),
            "Upload-Length": str(size),
            "Content-Length": str(size - offset),
        }
        try:
            sent = raw.patch(
                f"/attachments/{sha}", content=_file_from(path, offset), headers=headers
            )
        except httpx.TransportError:
            time.sleep(0.1)
            continue
        if sent.status_code == 200 and sent.json().get("complete"):
            return
    raise RuntimeError("the raw upload gave up")


def _file_from(path: Path, offset: int) -> Iterator[bytes]:
    with path.open("rb") as source:
        source.seek(offset)
        while piece := source.read(1 << 16):
            yield piece


def server_counts(db_path: Path, ids: list[uuid.UUID]) -> tuple[int, int]:
    """(lost, duplicated) for these submission ids, read from the server's database:
    lost = not stored; duplicated = more than one `accepted` event for one id."""
    wanted = {str(sid) for sid in ids}
    with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) as db:
        stored = {row[0] for row in db.execute("SELECT submission_id FROM submissions")}
        events = db.execute(
            "SELECT submission_id, count(*) FROM status_events WHERE status='accepted' "
            "GROUP BY submission_id"
        ).fetchall()
    db.close()
    duplicated = sum(1 for sid, n in events if sid in wanted and n > 1)
    return len(wanted - stored), duplicated
