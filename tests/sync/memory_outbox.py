"""A small in-memory OutboxPort for the sync tests (the real one is kiosk/store's)."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import BinaryIO
from uuid import UUID

from kiosk.ports import OutboxItem, StatusUpdate


@dataclass
class MemoryOutbox:
    attachment_dir: Path
    items: dict[UUID, OutboxItem] = field(default_factory=dict)
    states: dict[UUID, str] = field(default_factory=dict)
    accepted: dict[UUID, tuple[str, datetime]] = field(default_factory=dict)
    quarantined: dict[UUID, tuple[str, dict[str, str]]] = field(default_factory=dict)
    errors: dict[UUID, str] = field(default_factory=dict)
    statuses: list[StatusUpdate] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, item: OutboxItem) -> None:
        with self.lock:
            self.items[item.submission_id] = item
            self.states[item.submission_id] = "queued"

    def next_batch(self, limit: int) -> list[OutboxItem]:
        with self.lock:
            ready = [sid for sid, state in self.states.items() if state == "queued"][:limit]
            for sid in ready:
                self.states[sid] = "sending"
            return [self.items[sid] for sid in ready]

    def _move(self, sid: UUID, state: str) -> None:
        assert self.states[sid] == "sending", f"{sid} is {self.states[sid]}, not sending"
        self.states[sid] = state

    def mark_accepted(self, submission_id: UUID, protocol_number: str, at: datetime) -> None:
        with self.lock:
            self._move(submission_id, "accepted")
            self.accepted[submission_id] = (protocol_number, at)

    def mark_quarantined(
        self, submission_id: UUID, reason: str, field_errors: dict[str, str]
    ) -> None:
        with self.lock:
            self._move(submission_id, "quarantined")
            self.quarantined[submission_id] = (reason, field_errors)

    def mark_retry(self, submission_id: UUID, error: str) -> None:
        with self.lock:
            self._move(submission_id, "queued")
            item = self.items[submission_id]
            self.items[submission_id] = replace(item, attempts=item.attempts + 1)
            self.errors[submission_id] = error

    def open_attachment(self, sha256: str) -> BinaryIO:
        return (self.attachment_dir / sha256).open("rb")

    def apply_status(self, update: StatusUpdate) -> None:
        self.statuses.append(update)

    def pending_count(self) -> int:
        with self.lock:
            return sum(1 for state in self.states.values() if state in ("queued", "sending"))
