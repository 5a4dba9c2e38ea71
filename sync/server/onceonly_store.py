"""The platform's Once Only state (issue #16): citizen device authorizations (RFC 8628),
citizen grants, clerk sessions, registry rate-limit counters and the registry fetch log.

It shares the ServerStore's SQLite connection and lock (ServerStore opens it and runs
`SCHEMA`), and reads the store's clock on every call, so tests move time instead of
sleeping. Secrets (device codes, grants, clerk sessions, phone sessions) are kept only
as SHA-256 digests; identifiers looked up are kept only as an HMAC under a key held in
`server_settings`, so the log can say "the same identifier again" but never which.

The store is assembled from one mixin per responsibility (sync/server/storage/:
authorizations, grants, web_sessions, fetch_log); clerk sessions, rate limits and the
citizen pages' lockouts stay here. The names other modules use are imported from here.
"""

from __future__ import annotations

import secrets
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sync.protocol import parse_iso
from sync.server.storage.authorizations import (
    DEVICE_CODE_TTL,
    POLL_INTERVAL,
    SLOW_DOWN_STEP,
    USER_CODE_ALPHABET,
    Authorization,
    AuthorizationsMixin,
)
from sync.server.storage.base import _sha, _stamp
from sync.server.storage.fetch_log import FetchEntry, FetchLogMixin
from sync.server.storage.grants import Grant, GrantsMixin
from sync.server.storage.web_sessions import WEB_SESSION_TTL, WebSession, WebSessionsMixin

__all__ = [  # what the route modules import from here
    "DEVICE_CODE_TTL",
    "POLL_INTERVAL",
    "SLOW_DOWN_STEP",
    "USER_CODE_ALPHABET",
    "WEB_SESSION_TTL",
    "Authorization",
    "ClerkSession",
    "FetchEntry",
    "Grant",
    "OnceOnlyStore",
    "WebSession",
]

CLERK_SESSION_TTL = timedelta(hours=10)
FAILURE_WINDOW = timedelta(minutes=15)  # as for clerks (sync/server/storage/sign_ins.py)
LOCKOUT = timedelta(minutes=15)

SCHEMA = """
CREATE TABLE IF NOT EXISTS citizen_authorizations (
    device_code_sha256 TEXT PRIMARY KEY, user_code TEXT NOT NULL UNIQUE,
    office_id TEXT NOT NULL, device_id TEXT NOT NULL, submission_id TEXT NOT NULL,
    procedure_id TEXT NOT NULL, procedure_version TEXT NOT NULL, scope TEXT NOT NULL,
    created_at TEXT NOT NULL, expires_at TEXT NOT NULL, interval INTEGER NOT NULL,
    last_polled_at TEXT, state TEXT NOT NULL DEFAULT 'pending', claimed_by TEXT,
    subject_afm TEXT, decided_at TEXT);
CREATE TABLE IF NOT EXISTS citizen_grants (
    grant_sha256 TEXT PRIMARY KEY, grant_id TEXT NOT NULL UNIQUE, office_id TEXT NOT NULL,
    device_id TEXT NOT NULL, submission_id TEXT NOT NULL, subject_afm TEXT NOT NULL,
    display_name TEXT NOT NULL, scope TEXT NOT NULL, issued_at TEXT NOT NULL,
    expires_at TEXT NOT NULL, revoked_at TEXT);
CREATE INDEX IF NOT EXISTS citizen_grants_submission ON citizen_grants (device_id, submission_id);
CREATE TABLE IF NOT EXISTS citizen_web_sessions (
    session_sha256 TEXT PRIMARY KEY, csrf TEXT NOT NULL, user_code TEXT,
    subject_afm TEXT, created_at TEXT NOT NULL, expires_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS clerk_sessions (
    session_sha256 TEXT PRIMARY KEY, office_id TEXT NOT NULL, device_id TEXT NOT NULL,
    clerk_id TEXT NOT NULL, created_at TEXT NOT NULL, expires_at TEXT NOT NULL,
    ended_at TEXT);
CREATE TABLE IF NOT EXISTS registry_rate (
    scope TEXT NOT NULL, key TEXT NOT NULL, window TEXT NOT NULL,
    window_started TEXT NOT NULL, count INTEGER NOT NULL, PRIMARY KEY (scope, key, window));
CREATE TABLE IF NOT EXISTS registry_fetches (
    fetch_id TEXT PRIMARY KEY, fetched_at TEXT NOT NULL, office_id TEXT NOT NULL,
    device_id TEXT NOT NULL, registry TEXT NOT NULL, evidence_type TEXT,
    submission_id TEXT, procedure_id TEXT, acting TEXT NOT NULL, grant_id TEXT,
    clerk_id TEXT, identity_document TEXT, representation TEXT, identifier_hmac TEXT,
    attributes TEXT NOT NULL, outcome TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS registry_fetches_office ON registry_fetches (office_id, fetched_at);
"""


@dataclass(frozen=True)
class ClerkSession:
    office_id: str
    device_id: str
    clerk_id: str


class OnceOnlyStore(AuthorizationsMixin, GrantsMixin, WebSessionsMixin, FetchLogMixin):
    def __init__(
        self,
        db: sqlite3.Connection,
        lock: threading.Lock,
        clock: Callable[[], datetime],
        settings: tuple[Callable[[str], bytes | None], Callable[[str, bytes], None]],
    ) -> None:
        self._db, self._lock, self.clock = db, lock, clock
        self._settings = settings  # ServerStore.setting, put_setting (they take the lock)
        self._hmac_key: bytes | None = None

    # -- clerk sessions --------------------------------------------------------------

    def open_clerk_session(
        self, office_id: str, device_id: str, clerk_id: str
    ) -> tuple[str, datetime]:
        token = secrets.token_urlsafe(32)
        now = self.clock()
        with self._lock:
            self._db.execute(
                "INSERT INTO clerk_sessions VALUES (?, ?, ?, ?, ?, ?, NULL)",
                (
                    _sha(token),
                    office_id,
                    device_id,
                    clerk_id,
                    _stamp(now),
                    _stamp(now + CLERK_SESSION_TTL),
                ),
            )
        return token, now + CLERK_SESSION_TTL

    def clerk_session(self, token: str, device_id: str) -> ClerkSession | None:
        """The clerk signed in on this very device, while the session lasts."""
        with self._lock:
            row = self._one(
                "SELECT office_id, device_id, clerk_id FROM clerk_sessions WHERE "
                "session_sha256=? AND device_id=? AND ended_at IS NULL AND expires_at > ?",
                _sha(token),
                device_id,
                _stamp(self.clock()),
            )
        return ClerkSession(str(row[0]), str(row[1]), str(row[2])) if row else None

    def end_clerk_session(self, token: str, device_id: str) -> None:
        with self._lock:
            self._db.execute(
                "UPDATE clerk_sessions SET ended_at=? WHERE session_sha256=? AND device_id=? "
                "AND ended_at IS NULL",
                (_stamp(self.clock()), _sha(token), device_id),
            )

    # -- rate limits -----------------------------------------------------------------

    def take(self, scope: str, key: str, limits: list[tuple[str, timedelta, int]]) -> float | None:
        """Count one look-up against each (window name, length, limit); None when it is
        within all of them, else the seconds until the fullest window ends (nothing is
        counted then: a refused look-up does not extend its own lockout)."""
        now = self.clock()
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                waits, updates = [], []
                for window, length, limit in limits:
                    row = self._one(
                        "SELECT window_started, count FROM registry_rate "
                        "WHERE scope=? AND key=? AND window=?",
                        scope,
                        key,
                        window,
                    )
                    started, count = (parse_iso(str(row[0])), int(row[1])) if row else (now, 0)
                    if started + length <= now:
                        started, count = now, 0
                    if count >= limit:
                        waits.append((started + length - now).total_seconds())
                    updates.append((scope, key, window, _stamp(started), count + 1))
                if not waits:
                    self._db.executemany(
                        "INSERT OR REPLACE INTO registry_rate VALUES (?, ?, ?, ?, ?)", updates
                    )
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
        return max(waits) if waits else None

    # -- the citizen pages' lockouts (the table of clerk sign-in failures) --------------

    def locked_for(self, keys: list[tuple[str, str]]) -> float | None:
        """Seconds left of the longest lockout among (scope, key), None when free."""
        now = self.clock()
        with self._lock:
            rows = [
                self._one(
                    "SELECT locked_until FROM sign_in_failures WHERE scope=? AND key=?", *pair
                )
                for pair in keys
            ]
        left = [(parse_iso(str(r[0])) - now).total_seconds() for r in rows if r and r[0]]
        left = [seconds for seconds in left if seconds > 0]
        return max(left) if left else None

    def count_failure(self, scope: str, key: str, limit: int) -> int:
        """One more failure; at `limit` within the window, a lockout starts. Returns the
        failures left before it (0 when it has just started)."""
        now = self.clock()
        with self._lock:
            row = self._one(
                "SELECT failures, window_started FROM sign_in_failures WHERE scope=? AND key=?",
                scope,
                key,
            )
            fresh = row is None or parse_iso(str(row[1])) + FAILURE_WINDOW < now
            failures = 1 if fresh or row is None else int(row[0]) + 1
            started = _stamp(now) if fresh or row is None else str(row[1])
            locked = None
            if failures >= limit:  # the lockout starts a new count when it ends
                locked, failures, started = _stamp(now + LOCKOUT), 0, _stamp(now + LOCKOUT)
            self._db.execute(
                "INSERT OR REPLACE INTO sign_in_failures VALUES (?, ?, ?, ?, ?)",
                (scope, key, failures, started, locked),
            )
        return 0 if locked else limit - failures

    def forgive(self, scope: str, key: str) -> None:
        with self._lock:
            self._db.execute("DELETE FROM sign_in_failures WHERE scope=? AND key=?", (scope, key))
