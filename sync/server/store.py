"""The reference server's state on SQLite (stdlib sqlite3, WAL).

Exactly-once lives here: a submission is inserted in the same transaction that assigns
its protocol number, keyed by its UUID, so a re-send finds the row and gets the same
acknowledgement. Tokens and enrolment codes are kept only as SHA-256 digests.
Attachment bytes live in files beside the database: `<sha>.part` while uploading (its
length is the resume offset, which survives a restart), renamed to `<sha>` once the
digest is verified.
"""

from __future__ import annotations

import hashlib
import secrets
import sqlite3
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from uuid import UUID

from sync.protocol import Acknowledgement, iso, now_utc, parse_iso

_SCHEMA = """
CREATE TABLE IF NOT EXISTS enrolment_codes (
    code_sha256 TEXT PRIMARY KEY, office_id TEXT NOT NULL,
    created_at TEXT NOT NULL, used_at TEXT);
CREATE TABLE IF NOT EXISTS devices (
    device_id TEXT PRIMARY KEY, token_sha256 TEXT NOT NULL UNIQUE,
    office_id TEXT NOT NULL, enrolled_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS submissions (
    submission_id TEXT PRIMARY KEY, device_id TEXT NOT NULL, body_sha256 TEXT NOT NULL,
    protocol_number TEXT NOT NULL UNIQUE, received_at TEXT NOT NULL, body BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS status_events (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, submission_id TEXT NOT NULL,
    device_id TEXT NOT NULL, status TEXT NOT NULL, protocol_number TEXT,
    decision TEXT, changed_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS attachments (
    sha256 TEXT PRIMARY KEY, size INTEGER NOT NULL, complete INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS parked (
    office_id TEXT NOT NULL, lookup_id TEXT NOT NULL, blob BLOB NOT NULL,
    stored_at TEXT NOT NULL, PRIMARY KEY (office_id, lookup_id));
CREATE TABLE IF NOT EXISTS aggregates (
    office_id TEXT NOT NULL, day TEXT NOT NULL, device_id TEXT NOT NULL,
    region_code TEXT NOT NULL, revision INTEGER NOT NULL, body_sha256 TEXT NOT NULL,
    body BLOB NOT NULL, received_at TEXT NOT NULL, PRIMARY KEY (office_id, day, device_id));
CREATE INDEX IF NOT EXISTS aggregates_region ON aggregates (region_code, day);
CREATE TABLE IF NOT EXISTS catalog (
    id INTEGER PRIMARY KEY CHECK (id = 1), etag TEXT NOT NULL, bundle BLOB NOT NULL);
"""


def digest(data: bytes | str) -> str:
    return hashlib.sha256(data.encode() if isinstance(data, str) else data).hexdigest()


class ConflictError(Exception):
    """A different body under a submission id the server already holds."""


@dataclass(frozen=True)
class Device:
    device_id: str
    office_id: str


@dataclass(frozen=True)
class AggregateReceipt:
    office_id: str
    day: str
    revision: int
    received_at: str


@dataclass(frozen=True)
class UploadState:
    sha256: str
    size: int | None
    offset: int
    complete: bool


class ServerStore:
    def __init__(self, db_path: Path) -> None:
        db_path.parent.mkdir(parents=True, exist_ok=True)
        self.attachment_dir = db_path.with_name(db_path.stem + "-attachments")
        self.attachment_dir.mkdir(exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(db_path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_SCHEMA)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def _one(self, sql: str, *args: Any) -> tuple[Any, ...] | None:
        row: tuple[Any, ...] | None = self._db.execute(sql, args).fetchone()
        return row

    # -- enrolment -------------------------------------------------------------------

    def create_enrolment_code(self, office_id: str = "demo-office") -> str:
        """A one-time code for the IT officer to type on a new device."""
        code = "-".join(secrets.token_hex(2).upper() for _ in range(3))
        with self._lock:
            self._db.execute(
                "INSERT INTO enrolment_codes VALUES (?, ?, ?, NULL)",
                (digest(code), office_id, iso(now_utc())),
            )
        return code

    def redeem_code(self, code: str) -> tuple[Device, str] | None:
        """Spend the code; returns the new device and its token, or None if unknown/used."""
        token = secrets.token_urlsafe(32)
        device_id = secrets.token_hex(8)
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                row = self._one(
                    "SELECT office_id FROM enrolment_codes WHERE code_sha256=? AND used_at IS NULL",
                    digest(code.strip().upper()),
                )
                if row is None:
                    self._db.execute("ROLLBACK")
                    return None
                now = iso(now_utc())
                self._db.execute(
                    "UPDATE enrolment_codes SET used_at=? WHERE code_sha256=?",
                    (now, digest(code.strip().upper())),
                )
                self._db.execute(
                    "INSERT INTO devices VALUES (?, ?, ?, ?)",
                    (device_id, digest(token), row[0], now),
                )
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
        return Device(device_id, str(row[0])), token

    def device_for_token(self, token: str) -> Device | None:
        with self._lock:
            row = self._one(
                "SELECT device_id, office_id FROM devices WHERE token_sha256=?", digest(token)
            )
        return Device(str(row[0]), str(row[1])) if row else None

    # -- submissions -----------------------------------------------------------------

    def accept_submission(
        self, device: Device, submission_id: str, body_sha256: str, body: bytes
    ) -> Acknowledgement:
        """Insert once; an identical re-send gets the stored acknowledgement."""
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                row = self._one(
                    "SELECT body_sha256, protocol_number, received_at FROM submissions "
                    "WHERE submission_id=?",
                    submission_id,
                )
                if row is not None:
                    self._db.execute("ROLLBACK")
                    if row[0] != body_sha256:
                        raise ConflictError(submission_id)
                    return Acknowledgement(UUID(submission_id), str(row[1]), parse_iso(row[2]))
                received = now_utc()
                number = self._next_number(received)
                self._db.execute(
                    "INSERT INTO submissions VALUES (?, ?, ?, ?, ?, ?)",
                    (submission_id, device.device_id, body_sha256, number, iso(received), body),
                )
                self._add_event(device.device_id, submission_id, "accepted", number, None, received)
                self._db.execute("COMMIT")
            except ConflictError:
                raise
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
        return Acknowledgement(UUID(submission_id), number, received)

    def _next_number(self, at: datetime) -> str:
        name = f"protocol-{at.year}"
        self._db.execute(
            "INSERT INTO counters VALUES (?, 1) ON CONFLICT(name) DO UPDATE SET value = value + 1",
            (name,),
        )
        row = self._one("SELECT value FROM counters WHERE name=?", name)
        assert row is not None
        return f"{at.year}/{int(row[0]):06d}"

    def _add_event(
        self,
        device_id: str,
        submission_id: str,
        status: str,
        number: str | None,
        decision: str | None,
        at: datetime,
    ) -> None:
        self._db.execute(
            "INSERT INTO status_events (submission_id, device_id, status, protocol_number, "
            "decision, changed_at) VALUES (?, ?, ?, ?, ?, ?)",
            (submission_id, device_id, status, number, decision, iso(at)),
        )

    def acknowledgement(self, submission_id: str) -> Acknowledgement | None:
        with self._lock:
            row = self._one(
                "SELECT protocol_number, received_at FROM submissions WHERE submission_id=?",
                submission_id,
            )
        if row is None:
            return None
        return Acknowledgement(UUID(submission_id), str(row[0]), parse_iso(row[1]))

    def submission_count(self) -> int:
        with self._lock:
            row = self._one("SELECT count(*) FROM submissions")
        return int(row[0]) if row else 0

    def accepted_event_counts(self) -> dict[str, int]:
        """How many `accepted` events each submission has: exactly-once means all 1."""
        with self._lock:
            rows = self._db.execute(
                "SELECT submission_id, count(*) FROM status_events "
                "WHERE status='accepted' GROUP BY submission_id"
            ).fetchall()
        return {str(sid): int(n) for sid, n in rows}

    def record_decision(self, submission_id: str, status: str, decision: str | None) -> None:
        """The back office moves an application on (used by the demo and tests)."""
        with self._lock:
            row = self._one(
                "SELECT device_id, protocol_number FROM submissions WHERE submission_id=?",
                submission_id,
            )
            if row is None:
                raise KeyError(submission_id)
            self._add_event(str(row[0]), submission_id, status, str(row[1]), decision, now_utc())

    def status_events(self, device: Device, cursor: int, limit: int) -> list[dict[str, Any]]:
        with self._lock:
            rows = self._db.execute(
                "SELECT seq, submission_id, status, protocol_number, decision, changed_at "
                "FROM status_events WHERE device_id=? AND seq>? ORDER BY seq LIMIT ?",
                (device.device_id, cursor, limit),
            ).fetchall()
        keys = ("seq", "submission_id", "status", "protocol_number", "decision", "changed_at")
        return [dict(zip(keys, row, strict=True)) for row in rows]

    # -- usage aggregates ------------------------------------------------------------

    def put_aggregate(
        self, device: Device, day: str, region_code: str, body_sha256: str, body: bytes
    ) -> AggregateReceipt:
        """Idempotent: the same body keeps its revision and time; a changed one replaces
        it as the next revision. Kept per device: an office's kiosks and counters each
        report their own counts, and the views add them up."""
        office_id = device.office_id
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                row = self._one(
                    "SELECT revision, body_sha256, received_at FROM aggregates "
                    "WHERE office_id=? AND day=? AND device_id=?",
                    office_id,
                    day,
                    device.device_id,
                )
                if row is not None and row[1] == body_sha256:
                    self._db.execute("ROLLBACK")
                    return AggregateReceipt(office_id, day, int(row[0]), str(row[2]))
                revision, received = (int(row[0]) + 1 if row else 1), iso(now_utc())
                self._db.execute(
                    "INSERT OR REPLACE INTO aggregates VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        office_id,
                        day,
                        device.device_id,
                        region_code,
                        revision,
                        body_sha256,
                        body,
                        received,
                    ),
                )
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
        return AggregateReceipt(office_id, day, revision, received)

    def region_aggregates(
        self, region_code: str, first: str, last: str
    ) -> list[tuple[str, int, bytes]]:
        """(office_id, revision, body) of the Region's devices between two ISO days."""
        with self._lock:
            rows = self._db.execute(
                "SELECT office_id, revision, body FROM aggregates "
                "WHERE region_code=? AND day BETWEEN ? AND ? ORDER BY day, office_id",
                (region_code, first, last),
            ).fetchall()
        return [(str(office), int(revision), bytes(body)) for office, revision, body in rows]

    def office_aggregates(self, office_id: str, first: str, last: str) -> list[bytes]:
        """Every device's aggregate of the office between two ISO days, oldest first."""
        with self._lock:
            rows = self._db.execute(
                "SELECT body FROM aggregates WHERE office_id=? AND day BETWEEN ? AND ? "
                "ORDER BY day, device_id",
                (office_id, first, last),
            ).fetchall()
        return [bytes(row[0]) for row in rows]

    # -- attachments -----------------------------------------------------------------

    def part_path(self, sha256: str) -> Path:
        return self.attachment_dir / f"{sha256}.part"

    def final_path(self, sha256: str) -> Path:
        return self.attachment_dir / sha256

    def upload_state(self, sha256: str) -> UploadState:
        with self._lock:
            row = self._one("SELECT size, complete FROM attachments WHERE sha256=?", sha256)
        if row is None:
            return UploadState(sha256, None, 0, False)
        size, complete = int(row[0]), bool(row[1])
        if complete:
            return UploadState(sha256, size, size, True)
        part = self.part_path(sha256)
        return UploadState(sha256, size, part.stat().st_size if part.exists() else 0, False)

    def begin_upload(self, sha256: str, size: int) -> None:
        with self._lock:
            self._db.execute(
                "INSERT INTO attachments (sha256, size) VALUES (?, ?) ON CONFLICT DO NOTHING",
                (sha256, size),
            )

    def finish_upload(self, sha256: str) -> bool:
        """Verify the digest of the received bytes; keep them only if it matches."""
        part = self.part_path(sha256)
        hasher = hashlib.sha256()
        with part.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                hasher.update(chunk)
        if hasher.hexdigest() != sha256:
            part.unlink()
            with self._lock:
                self._db.execute("DELETE FROM attachments WHERE sha256=?", (sha256,))
            return False
        part.replace(self.final_path(sha256))
        with self._lock:
            self._db.execute("UPDATE attachments SET complete=1 WHERE sha256=?", (sha256,))
        return True

    def missing_attachments(self, digests: list[str]) -> list[str]:
        return [sha for sha in digests if not self.upload_state(sha).complete]

    # -- parked drafts and catalog ---------------------------------------------------

    def put_parked(self, office_id: str, lookup_id: str, blob: bytes) -> None:
        with self._lock:
            self._db.execute(
                "INSERT OR REPLACE INTO parked VALUES (?, ?, ?, ?)",
                (office_id, lookup_id, blob, iso(now_utc())),
            )

    def get_parked(self, office_id: str, lookup_id: str) -> bytes | None:
        with self._lock:
            row = self._one(
                "SELECT blob FROM parked WHERE office_id=? AND lookup_id=?", office_id, lookup_id
            )
        return bytes(row[0]) if row else None

    def delete_parked(self, office_id: str, lookup_id: str) -> bool:
        with self._lock:
            cursor = self._db.execute(
                "DELETE FROM parked WHERE office_id=? AND lookup_id=?", (office_id, lookup_id)
            )
        return cursor.rowcount > 0

    def publish_catalog(self, bundle: bytes) -> str:
        etag = f'"{digest(bundle)[:32]}"'
        with self._lock:
            self._db.execute("INSERT OR REPLACE INTO catalog VALUES (1, ?, ?)", (etag, bundle))
        return etag

    def catalog(self) -> tuple[str, bytes] | None:
        with self._lock:
            row = self._one("SELECT etag, bundle FROM catalog WHERE id=1")
        return (str(row[0]), bytes(row[1])) if row else None
