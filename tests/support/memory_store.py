"""An in-memory DraftsRepository + OutboxRepository (kiosk.ports), for the sync tests.

It is held to the same contract as the SQLite store (tests/kiosk/store/contracts/): a
behaviour the real one has and this one lacks fails there, not in a sync test that
trusted it. Drafts and outbox share one table of rows, as in SQLite, so finalising a
draft queues it. `add()` queues a ready OutboxItem directly (the sync tests build
bodies, some deliberately invalid); `accepted`, `refused`, `states` and `statuses` let
them see what the engine did."""

from __future__ import annotations

import itertools
import json
import threading
import uuid
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO
from uuid import UUID

import msgspec

from kiosk.ports import DraftRecord, OutboxItem, StatusUpdate
from kiosk.status import PENDING, QuarantineReason, Status
from kiosk.store import StoreError, UnknownDraftError
from kiosk.submission import AttachmentRef, Channel, Submission


@dataclass
class _Row:
    record: DraftRecord
    answers: dict[str, Any] = field(default_factory=dict)
    body: bytes | None = None
    attachments: tuple[AttachmentRef, ...] = ()
    attempts: int = 0
    order: int = 0  # ties of updated_at: the order things happened


class MemoryTable:
    def __init__(self) -> None:
        self.rows: dict[UUID, _Row] = {}
        self.lock = threading.RLock()
        self._ticks = itertools.count()

    def row(self, submission_id: UUID, *, status: Status | None = None) -> _Row:
        found = self.rows.get(submission_id)
        if found is None or (status is not None and found.record.status is not status):
            raise UnknownDraftError(f"no {status or 'application'} {submission_id}")
        return found

    def set(self, row: _Row, touch: datetime | None = None, **changes: Any) -> None:
        if touch is not None:
            changes["updated_at"] = touch
            row.order = next(self._ticks)
        row.record = msgspec.structs.replace(row.record, **changes)

    def tick(self) -> int:
        return next(self._ticks)


def _now() -> datetime:
    return datetime.now(UTC)


def _json(value: Any) -> Any:
    return json.loads(json.dumps(value, ensure_ascii=False))  # what SQLite gives back


class MemoryDrafts:
    def __init__(self, table: MemoryTable) -> None:
        self._table = table

    def create(
        self,
        procedure_id: str,
        procedure_version: str,
        region_code: str,
        channel: Channel,
        clerk_id: str | None = None,
        submission_id: UUID | None = None,
    ) -> DraftRecord:
        submission_id = submission_id or uuid.uuid4()
        at = _now()
        record = DraftRecord(
            submission_id, procedure_id, procedure_version, region_code, channel, clerk_id,
            Status.DRAFT, at, at,
        )  # fmt: skip
        with self._table.lock:
            if submission_id in self._table.rows:
                raise StoreError(f"{submission_id} exists")
            self._table.rows[submission_id] = _Row(record, order=self._table.tick())
        return record

    def save_answer(self, submission_id: UUID, field_id: str, value: Any) -> None:
        with self._table.lock:
            row = self._table.row(submission_id, status=Status.DRAFT)
            row.answers[field_id] = _json(value)
            self._table.set(row, touch=_now())

    def answers(self, submission_id: UUID) -> dict[str, Any]:
        with self._table.lock:
            row = self._table.rows.get(submission_id)
            return _json(row.answers) if row else {}

    def get(self, submission_id: UUID) -> DraftRecord:
        with self._table.lock:
            return self._table.row(submission_id).record

    def list(
        self,
        day: str | None = None,
        procedure_id: str | None = None,
        status: Status | Collection[Status] | None = None,
        channel: str | None = None,
        limit: int = 50,
        offset: int = 0,
        *,
        created_from: datetime | None = None,
        created_before: datetime | None = None,
    ) -> list[DraftRecord]:
        statuses = {Status(status)} if isinstance(status, str) else status
        with self._table.lock:
            found = [
                r.record
                for r in self._table.rows.values()
                if (day is None or r.record.created_at.astimezone(UTC).date().isoformat() == day)
                and (procedure_id is None or r.record.procedure_id == procedure_id)
                and (statuses is None or r.record.status in statuses)
                and (channel is None or r.record.channel == channel)
                and (created_from is None or r.record.created_at >= created_from)
                and (created_before is None or r.record.created_at < created_before)
            ]
        found.sort(key=lambda r: r.created_at, reverse=True)
        return found[offset : offset + limit]

    def open_definition_versions(self) -> set[tuple[str, str]]:
        with self._table.lock:
            return {
                (r.record.procedure_id, r.record.procedure_version)
                for r in self._table.rows.values()
                if r.record.status is Status.DRAFT
            }

    def finalise(
        self, submission_id: UUID, submission: Submission, actor: str | None = None
    ) -> None:
        if submission.submission_id != submission_id:
            raise StoreError(f"the submission's id is not {submission_id}")
        with self._table.lock:
            row = self._table.row(submission_id, status=Status.DRAFT)
            row.body = submission.to_json_bytes()
            row.attachments = tuple(submission.attachments)
            self._table.set(row, touch=_now(), status=Status.QUEUED)

    def discard(self, submission_id: UUID, actor: str | None = None) -> bool:
        with self._table.lock:
            row = self._table.rows.get(submission_id)
            if row is None or row.record.status is not Status.DRAFT:
                return False
            del self._table.rows[submission_id]
            return True


class MemoryOutbox:
    def __init__(self, attachment_dir: Path, table: MemoryTable | None = None) -> None:
        self.attachment_dir = attachment_dir
        self._table = table or MemoryTable()
        self.accepted: dict[UUID, tuple[str, datetime]] = {}
        self.refused: dict[UUID, tuple[str, dict[str, str]]] = {}
        self.errors: dict[UUID, str] = {}
        self.statuses: list[StatusUpdate] = []

    # --- for the sync tests ----------------------------------------------------------
    def add(self, item: OutboxItem) -> None:
        """Queue a ready item, as a finalised draft would be (its body may be invalid)."""
        try:
            submission: Submission | None = Submission.from_json_bytes(item.body)
        except ValueError:
            submission = None
        at = _now()
        record = DraftRecord(
            item.submission_id,
            submission.procedure_id if submission else "?",
            submission.procedure_version if submission else "?",
            submission.region_code if submission else "?",
            submission.channel if submission else "kiosk",
            None,
            Status.QUEUED,
            at,
            at,
        )
        with self._table.lock:
            self._table.rows[item.submission_id] = _Row(
                record, {}, item.body, item.attachments, item.attempts, self._table.tick()
            )

    @property
    def states(self) -> dict[UUID, Status]:
        with self._table.lock:
            return {sid: row.record.status for sid, row in self._table.rows.items()}

    # --- OutboxPort ------------------------------------------------------------------
    def next_batch(self, limit: int) -> list[OutboxItem]:
        with self._table.lock:
            ready = sorted(
                (r for r in self._table.rows.values() if r.record.status is Status.QUEUED),
                key=lambda r: (r.record.updated_at, r.order),
            )[:limit]
            items = []
            for row in ready:
                self._table.set(row, status=Status.SENDING)
                assert row.body is not None
                items.append(
                    OutboxItem(row.record.submission_id, row.body, row.attachments, row.attempts)
                )
            return items

    def _sending(self, submission_id: UUID) -> _Row:
        """The engine marks only what it was handed: anything else is a bug it must see."""
        row = self._table.row(submission_id)
        assert row.record.status is Status.SENDING, f"{submission_id} is {row.record.status}"
        return row

    def mark_accepted(self, submission_id: UUID, protocol_number: str, at: datetime) -> None:
        with self._table.lock:
            row = self._sending(submission_id)
            self._table.set(row, touch=at, status=Status.ACCEPTED, protocol_number=protocol_number)
            self.accepted[submission_id] = (protocol_number, at)

    def mark_quarantined(
        self, submission_id: UUID, reason: str, field_errors: dict[str, str]
    ) -> None:
        with self._table.lock:
            row = self._sending(submission_id)
            why = QuarantineReason(reason, tuple(sorted(field_errors)))
            self._table.set(row, touch=_now(), status=Status.QUARANTINED, quarantine_reason=why)
            self.refused[submission_id] = (reason, field_errors)

    def mark_retry(self, submission_id: UUID, error: str) -> None:
        with self._table.lock:
            row = self._table.rows.get(submission_id)
            if row is None or row.record.status is not Status.SENDING:
                return
            row.attempts += 1
            self._table.set(row, status=Status.QUEUED)
            self.errors[submission_id] = error

    def open_attachment(self, sha256: str) -> BinaryIO:
        return (self.attachment_dir / sha256).open("rb")

    def apply_status(self, update: StatusUpdate) -> None:
        with self._table.lock:
            self.statuses.append(update)
            row = self._table.rows.get(update.submission_id)
            if row is None:
                return
            status = Status.from_platform(update.status, update.decision)
            self._table.set(
                row,
                touch=_now(),
                status=status or row.record.status,
                protocol_number=update.protocol_number or row.record.protocol_number,
            )

    def pending_count(self) -> int:
        with self._table.lock:
            return sum(1 for r in self._table.rows.values() if r.record.status in PENDING)

    # --- OutboxRepository ------------------------------------------------------------
    def recover_stale_sending(self) -> int:
        with self._table.lock:
            stale = [r for r in self._table.rows.values() if r.record.status is Status.SENDING]
            for row in stale:
                self._table.set(row, status=Status.QUEUED)
            return len(stale)

    def status_of(self, submission_id: UUID) -> Status:
        with self._table.lock:
            return self._table.row(submission_id).record.status

    def quarantined(self) -> list[DraftRecord]:
        with self._table.lock:
            rows = [r for r in self._table.rows.values() if r.record.status is Status.QUARANTINED]
            return [r.record for r in sorted(rows, key=lambda r: (r.record.updated_at, r.order))]

    def requeue(self, submission_id: UUID, actor: str) -> None:
        with self._table.lock:
            row = self._table.row(submission_id, status=Status.QUARANTINED)
            self._table.set(row, status=Status.QUEUED, quarantine_reason=None)

    def reopen_for_correction(self, submission_id: UUID, actor: str) -> None:
        with self._table.lock:
            row = self._table.row(submission_id, status=Status.QUARANTINED)
            row.body = None
            self._table.set(row, touch=_now(), status=Status.DRAFT, quarantine_reason=None)

    def submission(self, submission_id: UUID) -> Submission:
        with self._table.lock:
            row = self._table.rows.get(submission_id)
            if row is None or row.body is None:
                raise UnknownDraftError(f"no finalised application {submission_id}")
            return Submission.from_json_bytes(row.body)

    def counts(self) -> dict[Status, int]:
        counted: dict[Status, int] = {}
        with self._table.lock:
            for row in self._table.rows.values():
                counted[row.record.status] = counted.get(row.record.status, 0) + 1
        return counted


@dataclass
class MemoryStore:
    """Drafts and outbox over one table, like kiosk.store.Store's pair."""

    attachment_dir: Path
    table: MemoryTable = field(default_factory=MemoryTable)

    def __post_init__(self) -> None:
        self.drafts = MemoryDrafts(self.table)
        self.outbox = MemoryOutbox(self.attachment_dir, self.table)
