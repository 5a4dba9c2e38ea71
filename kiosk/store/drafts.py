"""Drafts: every answer persisted, encrypted, the moment it is given.

Metadata (procedure, status, day, channel) stays in clear columns so that a clerk's
list needs no decryption; answers and submission bodies are encrypted."""

from __future__ import annotations

import json
import uuid
from collections.abc import Collection
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

from kiosk.ports import DraftRecord
from kiosk.status import QuarantineReason, Status
from kiosk.store.audit import AuditLog
from kiosk.store.crypto import DeviceCipher
from kiosk.store.database import Database
from kiosk.store.errors import StoreError, UnknownDraftError
from kiosk.submission import Channel, Submission

_COLUMNS = "submission_id, procedure_id, procedure_version, region_code, channel, clerk_id, status, created_at, updated_at, protocol_number, quarantine_reason, last_error"


def encode_quarantine(reason: QuarantineReason) -> str:
    """The column keeps the JSON it always held: `{"reason": …, "fields": […]}`."""
    return json.dumps(
        {"reason": reason.reason, "fields": sorted(reason.fields)}, ensure_ascii=False
    )


def decode_quarantine(stored: str | None) -> QuarantineReason | None:
    if stored is None:
        return None
    try:
        document = json.loads(stored)
        return QuarantineReason(
            str(document.get("reason", "")), tuple(str(f) for f in document.get("fields", ()))
        )
    except (json.JSONDecodeError, AttributeError, TypeError):
        return QuarantineReason(stored)  # a row written before the JSON shape: the reason


def record_from_row(row: tuple[Any, ...]) -> DraftRecord:
    return DraftRecord(
        UUID(row[0]), row[1], row[2], row[3], row[4], row[5], Status(row[6]),
        datetime.fromisoformat(row[7]), datetime.fromisoformat(row[8]), row[9],
        decode_quarantine(row[10]), row[11],
    )  # fmt: skip


def _utc_days(start: datetime, end: datetime, most: int = 7) -> list[str]:
    """The UTC dates a short range touches (none for a long one: then no day filter)."""
    if end - start > timedelta(days=most):
        return []
    first, last = start.date(), (end - timedelta(microseconds=1)).date()
    return [(first + timedelta(days=n)).isoformat() for n in range((last - first).days + 1)]


def now_iso() -> str:
    return datetime.now(UTC).isoformat()


class Drafts:
    def __init__(self, db: Database, cipher: DeviceCipher, audit: AuditLog, actor: str) -> None:
        self._db, self._cipher, self._audit, self._actor = db, cipher, audit, actor

    def create(
        self,
        procedure_id: str,
        procedure_version: str,
        region_code: str,
        channel: Channel,
        clerk_id: str | None = None,
        submission_id: UUID | None = None,
    ) -> DraftRecord:
        """A new draft. Its identity is made once, here, unless the draft was born on
        another device and handed over (a parked kiosk draft picked up at a counter)."""
        submission_id = submission_id or uuid.uuid4()
        at = now_iso()
        with self._db.conn:
            self._db.execute(
                "INSERT INTO drafts (submission_id, procedure_id, procedure_version, region_code, channel, "
                "clerk_id, status, created_at, updated_at, day, attempts, purged) VALUES (?,?,?,?,?,?,?,?,?,?,0,0)",
                (str(submission_id), procedure_id, procedure_version, region_code, channel, clerk_id,
                 Status.DRAFT, at, at, at[:10]),
            )  # fmt: skip
            self._audit.record(
                clerk_id or self._actor, "draft.create", str(submission_id), procedure_id
            )
        return self.get(submission_id)

    def save_answer(self, submission_id: UUID, field_id: str, value: Any) -> None:
        blob = self._cipher.encrypt(
            json.dumps(value, ensure_ascii=False).encode(), f"{submission_id}:{field_id}"
        )
        at = now_iso()
        with self._db.conn:
            updated = self._db.execute(
                "UPDATE drafts SET updated_at = ? WHERE submission_id = ? AND status = ?",
                (at, str(submission_id), Status.DRAFT),
            ).rowcount
            if not updated:
                raise UnknownDraftError(f"no open draft {submission_id}")
            self._db.execute(
                "INSERT INTO answers (submission_id, field_id, value, updated_at) VALUES (?,?,?,?) "
                "ON CONFLICT(submission_id, field_id) DO UPDATE SET value = excluded.value, "
                "updated_at = excluded.updated_at",
                (str(submission_id), field_id, blob, at),
            )

    def answers(self, submission_id: UUID) -> dict[str, Any]:
        rows = self._db.execute(
            "SELECT field_id, value FROM answers WHERE submission_id = ?", (str(submission_id),)
        ).fetchall()
        return {
            field_id: json.loads(self._cipher.decrypt(blob, f"{submission_id}:{field_id}"))
            for field_id, blob in rows
        }

    def get(self, submission_id: UUID) -> DraftRecord:
        row = self._db.execute(
            f"SELECT {_COLUMNS} FROM drafts WHERE submission_id = ?", (str(submission_id),)
        ).fetchone()
        if row is None:
            raise UnknownDraftError(f"no draft {submission_id}")
        return record_from_row(row)

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
        """Newest first. `day` is the UTC day a draft was born; a local day is
        `created_from`/`created_before` (any time zone: compared in UTC)."""
        where: list[str] = []
        params: list[str] = []
        for column, value in (
            ("day", day),
            ("procedure_id", procedure_id),
            ("channel", channel),
        ):
            if value is not None:
                where.append(f"{column} = ?")
                params.append(value)
        if status is not None:
            statuses = [Status(status)] if isinstance(status, str) else sorted(status)
            where.append(f"status IN ({', '.join('?' * len(statuses))})")
            params += statuses
        if created_from is not None or created_before is not None:
            start = (created_from or datetime.min.replace(tzinfo=UTC)).astimezone(UTC)
            end = (created_before or datetime.max.replace(tzinfo=UTC)).astimezone(UTC)
            where.append("created_at >= ? AND created_at < ?")
            params += [start.isoformat(), end.isoformat()]
            days = _utc_days(start, end)
            if days:  # `day` is indexed: a local day touches two UTC days, not the table
                where.append(f"day IN ({', '.join('?' * len(days))})")
                params += days
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        rows = self._db.execute(
            f"SELECT {_COLUMNS} FROM drafts {clause} ORDER BY created_at DESC LIMIT ? OFFSET ?",
            (*params, limit, offset),
        ).fetchall()
        return [record_from_row(r) for r in rows]

    def open_definition_versions(self) -> set[tuple[str, str]]:
        """(procedure_id, procedure_version) of every draft not yet submitted: a catalog
        update keeps these definition versions so those drafts can still be finished."""
        rows = self._db.execute(
            "SELECT DISTINCT procedure_id, procedure_version FROM drafts WHERE status = ?",
            (Status.DRAFT,),
        ).fetchall()
        return {(str(row[0]), str(row[1])) for row in rows}

    def finalise(
        self, submission_id: UUID, submission: Submission, actor: str | None = None
    ) -> None:
        """Queue the submission for sending: one transaction, so never half done."""
        if submission.submission_id != submission_id:
            raise StoreError(f"the submission's id is not {submission_id}")
        body = self._cipher.encrypt(submission.to_json_bytes(), f"{submission_id}:body")
        with self._db.conn:
            changed = self._db.execute(
                "UPDATE drafts SET status = ?, body = ?, updated_at = ? "
                "WHERE submission_id = ? AND status = ?",
                (Status.QUEUED, body, now_iso(), str(submission_id), Status.DRAFT),
            ).rowcount
            if not changed:
                raise UnknownDraftError(f"no open draft {submission_id} to finalise")
            self._audit.record(actor or self._actor, "draft.finalise", str(submission_id))

    def discard(self, submission_id: UUID, actor: str | None = None) -> bool:
        """Forget a draft and its answers; a finalised application is never discarded
        (its answers print its receipt). True when a draft was removed."""
        key = str(submission_id)
        with self._db.conn:
            self._db.execute(  # answers first: they refer to the draft
                "DELETE FROM answers WHERE submission_id = ? AND EXISTS (SELECT 1 FROM drafts "
                "WHERE submission_id = ? AND status = ?)",
                (key, key, Status.DRAFT),
            )
            removed = self._db.execute(
                "DELETE FROM drafts WHERE submission_id = ? AND status = ?", (key, Status.DRAFT)
            ).rowcount
            if not removed:
                return False
            self._audit.record(actor or self._actor, "draft.discard", str(submission_id))
        return True
