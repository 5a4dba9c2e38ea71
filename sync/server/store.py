"""The reference server's state on SQLite (stdlib sqlite3, WAL).

Exactly-once lives here: a submission is inserted in the same transaction that assigns
its protocol number, keyed by its UUID, so a re-send finds the row and gets the same
acknowledgement. Tokens and enrolment codes are kept only as SHA-256 digests.
Attachment bytes live in files beside the database, one folder per office:
`<office>/<sha>.part` while uploading (its length is the resume offset, which survives a
restart), renamed to `<office>/<sha>` once the digest is verified.

Everything a device sends belongs to its office (docs/platform-security.md): a
submission id is unique within an office, so a device of another office can never take
an id over, and an upload is the uploading office's, so nobody else can squat a digest
or poison its Upload-Length. Schema changes are numbered migrations (`PRAGMA
user_version`), run when the store opens.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from uuid import UUID

from sync.protocol import Acknowledgement, iso, now_utc, parse_iso
from sync.server.office_tables import OFFICE_TABLES
from sync.server.onceonly_store import SCHEMA as ONCEONLY_SCHEMA
from sync.server.onceonly_store import OnceOnlyStore

ENROLMENT_CODE_TTL = timedelta(days=7)
ENROLMENT_MAX_FAILURES = 20  # wrong codes per client address within FAILURE_WINDOW
# Clerk sign-in: failures counted here, in the platform's database, where a device
# cannot reset them (its own keyring counter is kiosk/verifier.py).
CLERK_MAX_FAILURES = 5  # per clerk id of an office
DEVICE_MAX_FAILURES = 20  # per device, whatever clerk ids it tries
FAILURE_WINDOW = timedelta(minutes=15)
LOCKOUT = timedelta(minutes=15)

_SUBMISSIONS = """
CREATE TABLE IF NOT EXISTS submissions (
    office_id TEXT NOT NULL, submission_id TEXT NOT NULL, device_id TEXT NOT NULL,
    body_sha256 TEXT NOT NULL, protocol_number TEXT NOT NULL UNIQUE,
    received_at TEXT NOT NULL, body BLOB NOT NULL, PRIMARY KEY (office_id, submission_id));
"""
_ATTACHMENTS = """
CREATE TABLE IF NOT EXISTS attachments (
    office_id TEXT NOT NULL, sha256 TEXT NOT NULL, size INTEGER NOT NULL,
    complete INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (office_id, sha256));
"""
_SCHEMA = (
    _SUBMISSIONS
    + _ATTACHMENTS
    + """
CREATE TABLE IF NOT EXISTS enrolment_codes (
    code_sha256 TEXT PRIMARY KEY, office_id TEXT NOT NULL,
    created_at TEXT NOT NULL, used_at TEXT, expires_at TEXT);
CREATE TABLE IF NOT EXISTS devices (
    device_id TEXT PRIMARY KEY, token_sha256 TEXT NOT NULL UNIQUE,
    office_id TEXT NOT NULL, enrolled_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS status_events (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, submission_id TEXT NOT NULL,
    device_id TEXT NOT NULL, status TEXT NOT NULL, protocol_number TEXT,
    decision TEXT, changed_at TEXT NOT NULL);
DROP TABLE IF EXISTS parked;
CREATE TABLE IF NOT EXISTS parked_drafts (
    office_id TEXT NOT NULL, lookup_id TEXT NOT NULL, blob BLOB,
    blob_sha256 TEXT NOT NULL, verifier_sha256 TEXT NOT NULL, expires_at TEXT NOT NULL,
    stored_at TEXT NOT NULL, failures INTEGER NOT NULL DEFAULT 0,
    state TEXT NOT NULL DEFAULT 'waiting', PRIMARY KEY (office_id, lookup_id));
CREATE INDEX IF NOT EXISTS parked_drafts_expiry ON parked_drafts (expires_at);
CREATE TABLE IF NOT EXISTS aggregates (
    office_id TEXT NOT NULL, day TEXT NOT NULL, device_id TEXT NOT NULL,
    region_code TEXT NOT NULL, revision INTEGER NOT NULL, body_sha256 TEXT NOT NULL,
    body BLOB NOT NULL, received_at TEXT NOT NULL, PRIMARY KEY (office_id, day, device_id));
CREATE INDEX IF NOT EXISTS aggregates_region ON aggregates (region_code, day);
CREATE TABLE IF NOT EXISTS catalog (
    id INTEGER PRIMARY KEY CHECK (id = 1), etag TEXT NOT NULL, bundle BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS catalog_procedures (
    procedure_id TEXT NOT NULL, version TEXT NOT NULL, definition BLOB NOT NULL,
    PRIMARY KEY (procedure_id, version));
CREATE TABLE IF NOT EXISTS sign_in_failures (
    scope TEXT NOT NULL, key TEXT NOT NULL, failures INTEGER NOT NULL,
    window_started TEXT NOT NULL, locked_until TEXT, PRIMARY KEY (scope, key));
CREATE TABLE IF NOT EXISTS clerk_sign_ins (
    device_id TEXT NOT NULL, clerk_id TEXT NOT NULL, last_at TEXT NOT NULL,
    PRIMARY KEY (device_id, clerk_id));
CREATE TABLE IF NOT EXISTS server_settings (name TEXT PRIMARY KEY, value BLOB NOT NULL);
"""
)
SCHEMA_VERSION = 2


def _columns(db: sqlite3.Connection, table: str) -> set[str]:
    return {str(row[1]) for row in db.execute(f"PRAGMA table_info({table})")}


def _migrate_to_2(db: sqlite3.Connection) -> None:
    """Version 1 kept submissions and attachments by id alone (any device could claim
    one) and enrolment codes without an expiry."""
    if "expires_at" not in _columns(db, "enrolment_codes"):
        db.execute("ALTER TABLE enrolment_codes ADD COLUMN expires_at TEXT")
        rows = db.execute("SELECT code_sha256, created_at FROM enrolment_codes").fetchall()
        for code_sha, created in rows:  # an old code lives as long as a new one would
            expires = iso(parse_iso(str(created)) + ENROLMENT_CODE_TTL)
            db.execute(
                "UPDATE enrolment_codes SET expires_at=? WHERE code_sha256=?", (expires, code_sha)
            )
    if "office_id" not in _columns(db, "submissions"):
        db.execute("ALTER TABLE submissions RENAME TO submissions_v1")
        db.execute(_SUBMISSIONS)
        db.execute(
            "INSERT INTO submissions SELECT coalesce(d.office_id, ''), s.submission_id, "
            "s.device_id, s.body_sha256, s.protocol_number, s.received_at, s.body "
            "FROM submissions_v1 s LEFT JOIN devices d USING (device_id)"
        )
        db.execute("DROP TABLE submissions_v1")
    if "office_id" not in _columns(db, "attachments"):
        # Version 1 uploads had no owner: their bytes stay on disk, but devices upload
        # again into their office's folder (the client resumes from what it is told).
        db.execute("DROP TABLE attachments")
        db.execute(_ATTACHMENTS)


def _stamp(moment: datetime) -> str:
    # Fixed width, so that SQLite compares the texts in time order.
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def digest(data: bytes | str) -> str:
    return hashlib.sha256(data.encode() if isinstance(data, str) else data).hexdigest()


class ConflictError(Exception):
    """A different body under a submission id the office already holds."""


class CodeExpiredError(Exception):
    """An enrolment code past its expiry."""


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
class ParkedOpening:
    outcome: str  # opened, unknown, wrong_pin, locked, expired, picked_up
    blob: bytes | None = None
    attempts_left: int = 0


@dataclass(frozen=True)
class UploadState:
    sha256: str
    size: int | None
    offset: int
    complete: bool


class ServerStore:
    def __init__(self, db_path: Path, clock: Callable[[], datetime] = now_utc) -> None:
        self.clock = clock  # for expiries and lockouts; tests move it
        db_path.parent.mkdir(parents=True, exist_ok=True)
        self.attachment_dir = db_path.with_name(db_path.stem + "-attachments")
        self.attachment_dir.mkdir(exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(db_path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_SCHEMA)
        self._db.executescript(OFFICE_TABLES)  # sync/server/office.py, fleet.py
        self._db.executescript(ONCEONLY_SCHEMA)
        self._migrate()
        # Grants, clerk sessions, rate counters, the registry fetch log (issue #16).
        self.onceonly = OnceOnlyStore(
            self._db, self._lock, lambda: self.clock(), (self.setting, self.put_setting)
        )

    def _migrate(self) -> None:
        version = int(self._db.execute("PRAGMA user_version").fetchone()[0])
        if version >= SCHEMA_VERSION:
            return
        self._db.execute("BEGIN IMMEDIATE")
        try:
            _migrate_to_2(self._db)
            self._db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
            self._db.execute("COMMIT")
        except BaseException:
            self._db.execute("ROLLBACK")
            raise

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def _one(self, sql: str, *args: Any) -> tuple[Any, ...] | None:
        row: tuple[Any, ...] | None = self._db.execute(sql, args).fetchone()
        return row

    def query(self, sql: str, *args: Any) -> list[tuple[Any, ...]]:
        """Rows of one read, under the store's lock: for the route modules that keep
        their own tables (sync/server/office_tables.py)."""
        with self._lock:
            return [tuple(row) for row in self._db.execute(sql, args).fetchall()]

    def write(self, sql: str, *args: Any) -> int:
        """One statement in its own transaction; returns the rows it changed."""
        with self._lock:
            return int(self._db.execute(sql, args).rowcount)

    # -- enrolment -------------------------------------------------------------------

    def create_enrolment_code(
        self, office_id: str = "demo-office", valid_for: timedelta = ENROLMENT_CODE_TTL
    ) -> str:
        """A one-time code for the IT officer to type on a new device; it expires, so a
        code written on a note and forgotten does not enrol a device years later."""
        code = "-".join(secrets.token_hex(2).upper() for _ in range(3))
        now = self.clock()
        with self._lock:
            self._db.execute(
                "INSERT INTO enrolment_codes VALUES (?, ?, ?, NULL, ?)",
                (digest(code), office_id, iso(now), iso(now + valid_for)),
            )
        return code

    def redeem_code(self, code: str) -> tuple[Device, str] | None:
        """Spend the code; returns the new device and its token, or None if unknown/used.
        Raises CodeExpiredError for a code past its expiry (it stays unspent)."""
        token = secrets.token_urlsafe(32)
        device_id = secrets.token_hex(8)
        code_sha = digest(code.strip().upper())
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                row = self._one(
                    "SELECT office_id, expires_at FROM enrolment_codes "
                    "WHERE code_sha256=? AND used_at IS NULL",
                    code_sha,
                )
                if row is None:
                    self._db.execute("ROLLBACK")
                    return None
                now = self.clock()
                if row[1] is None or parse_iso(str(row[1])) <= now:
                    self._db.execute("ROLLBACK")
                    raise CodeExpiredError(str(row[1]))
                self._db.execute(
                    "UPDATE enrolment_codes SET used_at=? WHERE code_sha256=?",
                    (iso(now), code_sha),
                )
                self._db.execute(
                    "INSERT INTO devices VALUES (?, ?, ?, ?)",
                    (device_id, digest(token), row[0], iso(now)),
                )
                self._db.execute("COMMIT")
            except CodeExpiredError:
                raise
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
        """Insert once per office; an identical re-send gets the stored acknowledgement.

        The id is the office's: the same UUID sent by a device of another office is
        another office's application and can never block or read this one."""
        office = device.office_id
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                row = self._one(
                    "SELECT body_sha256, protocol_number, received_at FROM submissions "
                    "WHERE office_id=? AND submission_id=?",
                    office,
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
                    "INSERT INTO submissions VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (
                        office,
                        submission_id,
                        device.device_id,
                        body_sha256,
                        number,
                        iso(received),
                        body,
                    ),
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

    def acknowledgement(
        self, submission_id: str, office_id: str | None = None
    ) -> Acknowledgement | None:
        """The office's acknowledgement; `office_id=None` is the back office's view
        (tests, demo), never a device's."""
        sql = "SELECT protocol_number, received_at FROM submissions WHERE submission_id=?"
        args: tuple[str, ...] = (submission_id,)
        if office_id is not None:
            sql, args = sql + " AND office_id=?", (submission_id, office_id)
        with self._lock:
            row = self._one(sql + " ORDER BY received_at LIMIT 1", *args)
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

    def record_decision(
        self, submission_id: str, status: str, decision: str | None, office_id: str | None = None
    ) -> None:
        """The back office moves an application on (used by the demo and tests)."""
        sql = "SELECT device_id, protocol_number FROM submissions WHERE submission_id=?"
        args: tuple[str, ...] = (submission_id,)
        if office_id is not None:
            sql, args = sql + " AND office_id=?", (submission_id, office_id)
        with self._lock:
            row = self._one(sql + " ORDER BY received_at LIMIT 1", *args)
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

    def _office_dir(self, office_id: str) -> Path:
        # A digest, not the id itself: an office id never becomes a path component.
        return self.attachment_dir / digest(office_id)[:24]

    def part_path(self, office_id: str, sha256: str) -> Path:
        return self._office_dir(office_id) / f"{sha256}.part"

    def final_path(self, office_id: str, sha256: str) -> Path:
        return self._office_dir(office_id) / sha256

    def upload_state(self, office_id: str, sha256: str) -> UploadState:
        """What this office holds of the digest; another office's upload is not seen."""
        with self._lock:
            row = self._one(
                "SELECT size, complete FROM attachments WHERE office_id=? AND sha256=?",
                office_id,
                sha256,
            )
        if row is None:
            return UploadState(sha256, None, 0, False)
        size, complete = int(row[0]), bool(row[1])
        if complete:
            return UploadState(sha256, size, size, True)
        part = self.part_path(office_id, sha256)
        return UploadState(sha256, size, part.stat().st_size if part.exists() else 0, False)

    def begin_upload(self, office_id: str, sha256: str, size: int) -> None:
        self._office_dir(office_id).mkdir(exist_ok=True)
        with self._lock:
            self._db.execute(
                "INSERT INTO attachments (office_id, sha256, size) VALUES (?, ?, ?) "
                "ON CONFLICT DO NOTHING",
                (office_id, sha256, size),
            )

    def finish_upload(self, office_id: str, sha256: str, streamed: str | None = None) -> bool:
        """Verify the digest of the received bytes; keep them only if it matches.
        `streamed`: the digest taken as the whole file streamed in (not read again)."""
        part = self.part_path(office_id, sha256)
        if streamed is None:
            hasher = hashlib.sha256()
            with part.open("rb") as handle:
                while chunk := handle.read(1 << 20):
                    hasher.update(chunk)
            streamed = hasher.hexdigest()
        if streamed != sha256:
            self.discard_upload(office_id, sha256)
            return False
        part.replace(self.final_path(office_id, sha256))
        with self._lock:
            self._db.execute(
                "UPDATE attachments SET complete=1 WHERE office_id=? AND sha256=?",
                (office_id, sha256),
            )
        return True

    def discard_upload(self, office_id: str, sha256: str) -> None:
        """Forget an unfinished upload (bad bytes): the next attempt starts afresh."""
        self.part_path(office_id, sha256).unlink(missing_ok=True)
        with self._lock:
            self._db.execute(
                "DELETE FROM attachments WHERE office_id=? AND sha256=? AND complete=0",
                (office_id, sha256),
            )

    def missing_attachments(self, office_id: str, digests: list[str]) -> list[str]:
        return [sha for sha in digests if not self.upload_state(office_id, sha).complete]

    # -- clerk sign-in: failures and sessions -----------------------------------------

    def enrolment_locked_for(self, address: str) -> float | None:
        """Seconds left of a lockout of enrolment attempts from this address."""
        now = self.clock()
        with self._lock:
            row = self._one(
                "SELECT locked_until FROM sign_in_failures WHERE scope='enrol' AND key=?",
                address,
            )
        if row is None or row[0] is None:
            return None
        left = (parse_iso(str(row[0])) - now).total_seconds()
        return left if left > 0 else None

    def record_enrolment_failure(self, address: str) -> None:
        """An unknown, used or expired code: guessing codes is counted per address."""
        with self._lock:
            self._count_failure("enrol", address, ENROLMENT_MAX_FAILURES, self.clock())

    def sign_in_locked_for(self, office_id: str, clerk_id: str, device_id: str) -> float | None:
        """Seconds left of a lockout of this clerk id or this device, None when free."""
        now = self.clock()
        with self._lock:
            rows = self._db.execute(
                "SELECT locked_until FROM sign_in_failures WHERE locked_until IS NOT NULL "
                "AND ((scope='clerk' AND key=?) OR (scope='device' AND key=?))",
                (f"{office_id}/{clerk_id}", device_id),
            ).fetchall()
        left = [(parse_iso(str(row[0])) - now).total_seconds() for row in rows]
        left = [seconds for seconds in left if seconds > 0]
        return max(left) if left else None

    def record_sign_in_failure(self, office_id: str, clerk_id: str, device_id: str) -> None:
        now = self.clock()
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                for scope, key, limit in (
                    ("clerk", f"{office_id}/{clerk_id}", CLERK_MAX_FAILURES),
                    ("device", device_id, DEVICE_MAX_FAILURES),
                ):
                    self._count_failure(scope, key, limit, now)
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise

    def _count_failure(self, scope: str, key: str, limit: int, now: datetime) -> None:
        row = self._one(
            "SELECT failures, window_started FROM sign_in_failures WHERE scope=? AND key=?",
            scope,
            key,
        )
        fresh = row is None or parse_iso(str(row[1])) + FAILURE_WINDOW < now
        failures = 1 if fresh or row is None else int(row[0]) + 1
        started = iso(now) if fresh or row is None else str(row[1])
        locked = iso(now + LOCKOUT) if failures >= limit else None
        if locked is not None:  # the lockout starts a new count when it ends
            failures, started = 0, iso(now + LOCKOUT)
        self._db.execute(
            "INSERT OR REPLACE INTO sign_in_failures VALUES (?, ?, ?, ?, "
            "coalesce(?, (SELECT locked_until FROM sign_in_failures WHERE scope=? AND key=?)))",
            (scope, key, failures, started, locked, scope, key),
        )

    def record_sign_in(self, office_id: str, clerk_id: str, device_id: str) -> None:
        """A right password: the clerk's failures are forgiven (the device's are not:
        one known password must not reset a device that guesses others), and the
        platform remembers that this clerk works on this device."""
        with self._lock:
            self._db.execute(
                "DELETE FROM sign_in_failures WHERE scope='clerk' AND key=?",
                (f"{office_id}/{clerk_id}",),
            )
            self._db.execute(
                "INSERT OR REPLACE INTO clerk_sign_ins VALUES (?, ?, ?)",
                (device_id, clerk_id, iso(self.clock())),
            )

    def clerk_signed_in_on(self, device_id: str, clerk_id: str) -> bool:
        with self._lock:
            row = self._one(
                "SELECT 1 FROM clerk_sign_ins WHERE device_id=? AND clerk_id=?",
                device_id,
                clerk_id,
            )
        return row is not None

    # -- parked drafts (routes: sync/server/parked.py) and catalog ---------------------------------------------------

    def put_parked(
        self,
        office_id: str,
        lookup_id: str,
        blob: bytes,
        verifier_sha256: str,
        expires_at: datetime,
    ) -> str:
        """Store a sealed copy once; returns its state. The same copy again answers its
        state (`waiting`, or `picked_up`/`locked` once gone: a late re-send does not bring
        it back); a different copy under the id raises ConflictError."""
        blob_sha = digest(blob)
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                self._purge_expired_parked()
                row = self._one(
                    "SELECT blob_sha256, verifier_sha256, state FROM parked_drafts "
                    "WHERE office_id=? AND lookup_id=?",
                    office_id,
                    lookup_id,
                )
                if row is not None:
                    self._db.execute("ROLLBACK")
                    if (row[0], row[1]) != (blob_sha, verifier_sha256):
                        raise ConflictError(lookup_id)
                    return str(row[2])
                self._db.execute(
                    "INSERT INTO parked_drafts VALUES (?, ?, ?, ?, ?, ?, ?, 0, 'waiting')",
                    (
                        office_id,
                        lookup_id,
                        blob,
                        blob_sha,
                        verifier_sha256,
                        _stamp(expires_at),
                        iso(now_utc()),
                    ),
                )
                self._db.execute("COMMIT")
            except ConflictError:
                raise
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
        return "waiting"

    def open_parked(
        self, office_id: str, lookup_id: str, verifier_sha256: str, max_failures: int
    ) -> ParkedOpening:
        """The blob for the right verifier, deleted in the same transaction (of two
        devices asking at once, one gets it); a wrong one counts, office-wide, and the
        `max_failures`-th deletes the blob."""
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                row = self._one(
                    "SELECT blob, verifier_sha256, failures, state, expires_at FROM parked_drafts "
                    "WHERE office_id=? AND lookup_id=?",
                    office_id,
                    lookup_id,
                )
                opening = self._open_row(office_id, lookup_id, row, verifier_sha256, max_failures)
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
        return opening

    def _open_row(
        self,
        office_id: str,
        lookup_id: str,
        row: tuple[Any, ...] | None,
        verifier_sha256: str,
        max_failures: int,
    ) -> ParkedOpening:
        if row is None:
            self._purge_expired_parked()
            return ParkedOpening("unknown")
        blob, stored, failures, state, expires_at = row
        if str(expires_at) < _stamp(now_utc()):  # refused, and purged with the others
            self._purge_expired_parked()
            return ParkedOpening("expired")
        if state != "waiting" or blob is None:
            return ParkedOpening(str(state))
        where = (office_id, lookup_id)
        if not hmac.compare_digest(str(stored), verifier_sha256):
            failures = int(failures) + 1
            if failures >= max_failures:
                self._db.execute(
                    "UPDATE parked_drafts SET failures=?, state='locked', blob=NULL "
                    "WHERE office_id=? AND lookup_id=?",
                    (failures, *where),
                )
                return ParkedOpening("locked")
            self._db.execute(
                "UPDATE parked_drafts SET failures=? WHERE office_id=? AND lookup_id=?",
                (failures, *where),
            )
            return ParkedOpening("wrong_pin", attempts_left=max_failures - failures)
        self._db.execute(
            "UPDATE parked_drafts SET state='picked_up', blob=NULL "
            "WHERE office_id=? AND lookup_id=?",
            where,
        )
        return ParkedOpening("opened", bytes(blob))

    def discard_parked(self, office_id: str, lookup_id: str, verifier_sha256: str) -> bool:
        """The device that parked it picked it up itself: the copy goes (its tombstone
        stays until expiry, so that a late re-send of the upload is not stored again)."""
        with self._lock:
            cursor = self._db.execute(
                "UPDATE parked_drafts SET state='picked_up', blob=NULL "
                "WHERE office_id=? AND lookup_id=? AND verifier_sha256=? AND state='waiting'",
                (office_id, lookup_id, verifier_sha256),
            )
        return cursor.rowcount > 0

    def parked_state(self, office_id: str, lookup_id: str) -> tuple[str, bool] | None:
        """(state, whether the blob is still held): for tests and the operator."""
        with self._lock:
            row = self._one(
                "SELECT state, blob IS NOT NULL FROM parked_drafts "
                "WHERE office_id=? AND lookup_id=?",
                office_id,
                lookup_id,
            )
        return (str(row[0]), bool(row[1])) if row else None

    def purge_expired_parked(self) -> int:
        with self._lock:
            return self._purge_expired_parked()

    def _purge_expired_parked(self) -> int:
        cursor = self._db.execute(
            "DELETE FROM parked_drafts WHERE expires_at < ?", (_stamp(now_utc()),)
        )
        return int(cursor.rowcount)

    # -- the server's own state (kept so a restart changes nothing a device sees) --

    def setting(self, name: str) -> bytes | None:
        with self._lock:
            row = self._one("SELECT value FROM server_settings WHERE name=?", name)
        return bytes(row[0]) if row else None

    def put_setting(self, name: str, value: bytes) -> None:
        with self._lock:
            self._db.execute("INSERT OR REPLACE INTO server_settings VALUES (?, ?)", (name, value))

    def publish_catalog(self, bundle: bytes) -> str:
        """Serve `bundle`; its procedure definitions join those of every earlier bundle,
        which is what submissions are checked against (a draft started on an older
        version stays sendable). A bundle that cannot be read adds none."""
        etag = f'"{digest(bundle)[:32]}"'
        definitions = _bundle_definitions(bundle)
        with self._lock:
            self._db.execute("INSERT OR REPLACE INTO catalog VALUES (1, ?, ?)", (etag, bundle))
            self._db.executemany(
                "INSERT OR REPLACE INTO catalog_procedures VALUES (?, ?, ?)", definitions
            )
        return etag

    def procedure_definition(self, procedure_id: str, version: str) -> bytes | None:
        with self._lock:
            row = self._one(
                "SELECT definition FROM catalog_procedures WHERE procedure_id=? AND version=?",
                procedure_id,
                version,
            )
        return bytes(row[0]) if row else None

    def has_catalog_definitions(self) -> bool:
        with self._lock:
            return self._one("SELECT 1 FROM catalog_procedures LIMIT 1") is not None

    def catalog(self) -> tuple[str, bytes] | None:
        with self._lock:
            row = self._one("SELECT etag, bundle FROM catalog WHERE id=1")
        return (str(row[0]), bytes(row[1])) if row else None


def _bundle_definitions(bundle: bytes) -> list[tuple[str, str, bytes]]:
    """(procedure id, version, definition JSON) of each procedure in a bundle."""
    import json

    from kiosk.catalog.bundle import BundleError, read_bundle

    try:
        files = read_bundle(bundle).files
    except (BundleError, ValueError, KeyError):
        return []
    found = []
    for name, data in files.items():
        if not name.startswith("procedures/"):
            continue
        try:
            document = json.loads(data)
        except ValueError:
            continue
        if isinstance(document, dict):
            document.pop("$schema", None)  # as kiosk.catalog.loader reads it
            text = json.dumps(document, ensure_ascii=False).encode()
            found.append((str(document.get("id")), str(document.get("version")), text))
    return found
