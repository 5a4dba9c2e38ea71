"""Drafts: every answer persisted, encrypted, the moment it is given.

Metadata (procedure, status, day, channel) stays in clear columns so that a clerk's
list needs no decryption; answers and submission bodies are encrypted."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

import sqlite_utils

from kiosk.store.audit import AuditLog
from kiosk.store.crypto import DeviceCipher
from kiosk.store.errors import StoreError, UnknownDraftError
from kiosk.submission import Channel, Submission

_COLUMNS = "submission_id, procedure_id, procedure_version, region_code, channel, clerk_id, status, created_at, updated_at, protocol_number, quarantine_reason, last_error"


@dataclass(frozen=True)
class DraftRecord:
    submission_id: UUID
    procedure_id: str
    procedure_version: str
    region_code: str
    channel: str
    clerk_id: str | None
    status: str
    created_at: datetime
    updated_at: datetime
    protocol_number: str | None = None
    quarantine_reason: str | None = None
    last_error: str | None = None  # why the last send failed; cleared once accepted


def record_from_row(row: tuple[Any, ...]) -> DraftRecord:
    return DraftRecord(
        UUID(row[0]), row[1], row[2], row[3], row[4], row[5], row[6],
        datetime.fromisoformat(row[7]), datetime.fromisoformat(row[8]), row[9], row[10], row[11],
    )  # fmt: skip


def now_iso() -> str:
    return datetime.now(UTC).isoformat()


class Drafts:
    def __init__(
        self, db: sqlite_utils.Database, cipher: DeviceCipher, audit: AuditLog, actor: str
    ) -> None:
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
                 "draft", at, at, at[:10]),
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
                "UPDATE drafts SET updated_at = ? WHERE submission_id = ? AND status = 'draft'",
                (at, str(submission_id)),
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
        status: str | None = None,
        channel: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> list[DraftRecord]:
        where, params = [], []
        for column, value in (
            ("day", day),
            ("procedure_id", procedure_id),
            ("status", status),
            ("channel", channel),
        ):
            if value is not None:
                where.append(f"{column} = ?")
                params.append(value)
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
            "SELECT DISTINCT procedure_id, procedure_version FROM drafts WHERE status = 'draft'"
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
                "UPDATE drafts SET status = 'queued', body = ?, updated_at = ? "
                "WHERE submission_id = ? AND status = 'draft'",
                (body, now_iso(), str(submission_id)),
            ).rowcount
            if not changed:
                raise UnknownDraftError(f"no open draft {submission_id} to finalise")
            self._audit.record(actor or self._actor, "draft.finalise", str(submission_id))

    def discard(self, submission_id: UUID, actor: str | None = None) -> None:
        with self._db.conn:
            self._db.execute("DELETE FROM answers WHERE submission_id = ?", (str(submission_id),))
            self._db.execute(
                "DELETE FROM drafts WHERE submission_id = ? AND status = 'draft'",
                (str(submission_id),),
            )
            self._audit.record(actor or self._actor, "draft.discard", str(submission_id))
