"""The platform's Once Only state (issue #16): citizen device authorizations (RFC 8628),
citizen grants, clerk sessions, registry rate-limit counters and the registry fetch log.

It shares the ServerStore's SQLite connection and lock (ServerStore opens it and runs
`SCHEMA`), and reads the store's clock on every call, so tests move time instead of
sleeping. Secrets (device codes, grants, clerk sessions, phone sessions) are kept only
as SHA-256 digests; identifiers looked up are kept only as an HMAC under a key held in
`server_settings`, so the log can say "the same identifier again" but never which.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import sqlite3
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sync.protocol import parse_iso

DEVICE_CODE_TTL = timedelta(minutes=10)
POLL_INTERVAL = 5  # seconds, RFC 8628 §3.2's default
SLOW_DOWN_STEP = 5  # seconds added to the interval on each slow_down (RFC 8628 §3.5)
GRANT_TTL = timedelta(minutes=15)
CLERK_SESSION_TTL = timedelta(hours=10)
WEB_SESSION_TTL = timedelta(minutes=20)
FAILURE_WINDOW = timedelta(minutes=15)  # as for clerks (sync/server/store.py)
LOCKOUT = timedelta(minutes=15)
USER_CODE_ALPHABET = "BCDFGHJKLMNPQRSTVWXZ"  # RFC 8628 §6.1: no vowels, no look-alikes
HMAC_SETTING = "registry_fetch_hmac_key"

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


def _stamp(moment: datetime) -> str:
    # Fixed width (as sync/server/store.py's), so that SQLite compares the texts in time
    # order even when a moment falls on a whole second.
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def new_user_code() -> str:
    letters = "".join(secrets.choice(USER_CODE_ALPHABET) for _ in range(8))
    return f"{letters[:4]}-{letters[4:]}"


@dataclass(frozen=True)
class Authorization:
    user_code: str
    office_id: str
    device_id: str
    submission_id: str
    procedure_id: str
    procedure_version: str
    scope: list[dict[str, Any]]
    expires_at: datetime
    interval: int
    last_polled_at: datetime | None
    state: str  # pending, approved, denied, exchanged
    claimed_by: str | None
    subject_afm: str | None


@dataclass(frozen=True)
class Grant:
    grant_id: str
    office_id: str
    device_id: str
    submission_id: str
    subject_afm: str
    display_name: str
    scope: list[dict[str, Any]]
    expires_at: datetime
    revoked: bool


@dataclass(frozen=True)
class ClerkSession:
    office_id: str
    device_id: str
    clerk_id: str


@dataclass(frozen=True)
class WebSession:
    csrf: str
    user_code: str | None
    subject_afm: str | None


@dataclass(frozen=True)
class FetchEntry:
    """One line of the registry fetch log, as written (identifier as an HMAC)."""

    office_id: str
    device_id: str
    registry: str
    evidence_type: str | None
    submission_id: str | None
    procedure_id: str | None
    acting: str  # citizen_grant, clerk, none
    grant_id: str | None
    clerk_id: str | None
    identity_document: str | None  # the document type the clerk checked, no number
    representation: str | None  # JSON {relation, document}
    identifier: str | None
    attributes: list[str]
    outcome: str  # answered, not_found, or the refusal's error code


class OnceOnlyStore:
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

    def _one(self, sql: str, *args: Any) -> tuple[Any, ...] | None:
        row: tuple[Any, ...] | None = self._db.execute(sql, args).fetchone()
        return row

    # -- device authorizations (RFC 8628) --------------------------------------------

    def start_authorization(
        self,
        office_id: str,
        device_id: str,
        submission_id: str,
        procedure: tuple[str, str],
        scope: list[dict[str, Any]],
    ) -> tuple[str, str]:
        """(device_code, user_code) for a new pending authorization."""
        device_code = secrets.token_urlsafe(32)
        now = self.clock()
        with self._lock:
            for _ in range(5):  # 20^8 codes: a collision with a live one is rare
                user_code = new_user_code()
                if self._one("SELECT 1 FROM citizen_authorizations WHERE user_code=?", user_code):
                    continue
                self._db.execute(
                    "DELETE FROM citizen_authorizations WHERE expires_at < ?",
                    (_stamp(now - timedelta(days=1)),),
                )
                self._db.execute(
                    "INSERT INTO citizen_authorizations (device_code_sha256, user_code, "
                    "office_id, device_id, submission_id, procedure_id, procedure_version, "
                    "scope, created_at, expires_at, interval) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                    (
                        _sha(device_code),
                        user_code,
                        office_id,
                        device_id,
                        submission_id,
                        *procedure,
                        json.dumps(scope, ensure_ascii=False),
                        _stamp(now),
                        _stamp(now + DEVICE_CODE_TTL),
                        POLL_INTERVAL,
                    ),
                )
                return device_code, user_code
        raise RuntimeError("no free user code")

    _AUTH_COLUMNS = (
        "user_code, office_id, device_id, submission_id, procedure_id, procedure_version, "
        "scope, expires_at, interval, last_polled_at, state, claimed_by, subject_afm"
    )

    @staticmethod
    def _authorization(row: tuple[Any, ...]) -> Authorization:
        return Authorization(
            str(row[0]),
            str(row[1]),
            str(row[2]),
            str(row[3]),
            str(row[4]),
            str(row[5]),
            json.loads(row[6]),
            parse_iso(str(row[7])),
            int(row[8]),
            parse_iso(str(row[9])) if row[9] else None,
            str(row[10]),
            row[11],
            row[12],
        )

    def authorization_by_user_code(self, user_code: str) -> Authorization | None:
        with self._lock:
            row = self._one(
                f"SELECT {self._AUTH_COLUMNS} FROM citizen_authorizations WHERE user_code=?",
                user_code,
            )
        return self._authorization(row) if row else None

    def claim(self, user_code: str, web_session: str) -> bool:
        """The first phone that enters a pending code holds it; another phone is refused."""
        with self._lock:
            cursor = self._db.execute(
                "UPDATE citizen_authorizations SET claimed_by=? WHERE user_code=? "
                "AND state='pending' AND (claimed_by IS NULL OR claimed_by=?)",
                (_sha(web_session), user_code, _sha(web_session)),
            )
        return cursor.rowcount == 1

    def claimed_by(self, authorization: Authorization, web_session: str) -> bool:
        return authorization.claimed_by == _sha(web_session)

    def decide(self, user_code: str, web_session: str, subject_afm: str, approve: bool) -> bool:
        """Approve or deny, once, by the phone that claimed the code, before expiry."""
        with self._lock:
            cursor = self._db.execute(
                "UPDATE citizen_authorizations SET state=?, subject_afm=?, decided_at=? "
                "WHERE user_code=? AND state='pending' AND claimed_by=? AND expires_at > ?",
                (
                    "approved" if approve else "denied",
                    subject_afm,
                    _stamp(self.clock()),
                    user_code,
                    _sha(web_session),
                    _stamp(self.clock()),
                ),
            )
        return cursor.rowcount == 1

    def poll(self, device_code: str, device_id: str) -> tuple[str, Authorization | None]:
        """What the token endpoint answers: an RFC 8628 error name, or `approved` with
        the authorization, which is then spent (`exchanged`) in the same transaction."""
        now = self.clock()
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                outcome, found = self._poll(device_code, device_id, now)
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
        return outcome, found

    def _poll(
        self, device_code: str, device_id: str, now: datetime
    ) -> tuple[str, Authorization | None]:
        key = _sha(device_code)
        row = self._one(
            f"SELECT {self._AUTH_COLUMNS} FROM citizen_authorizations WHERE device_code_sha256=?",
            key,
        )
        if row is None:
            return "invalid_grant", None
        found = self._authorization(row)
        if found.device_id != device_id:
            return "invalid_grant", None
        if found.state == "exchanged" or found.expires_at <= now:
            return "expired_token", None
        too_soon = found.last_polled_at is not None and now < found.last_polled_at + timedelta(
            seconds=found.interval
        )
        interval = found.interval + SLOW_DOWN_STEP if too_soon else found.interval
        self._db.execute(
            "UPDATE citizen_authorizations SET last_polled_at=?, interval=? "
            "WHERE device_code_sha256=?",
            (_stamp(now), interval, key),
        )
        if too_soon:
            return "slow_down", found
        if found.state == "denied":
            return "access_denied", None
        if found.state != "approved":
            return "authorization_pending", None
        self._db.execute(
            "UPDATE citizen_authorizations SET state='exchanged' WHERE device_code_sha256=?",
            (key,),
        )
        return "approved", found

    # -- citizen grants --------------------------------------------------------------

    def issue_grant(self, authorization: Authorization, display_name: str) -> tuple[str, Grant]:
        assert authorization.subject_afm is not None
        token = secrets.token_urlsafe(32)
        now = self.clock()
        expires = now + GRANT_TTL
        grant = Grant(
            str(uuid.uuid4()),
            authorization.office_id,
            authorization.device_id,
            authorization.submission_id,
            authorization.subject_afm,
            display_name,
            authorization.scope,
            expires,
            False,
        )
        with self._lock:
            # Past grants go after a day (the fetch log keeps their ids, not them).
            self._db.execute(
                "DELETE FROM citizen_grants WHERE expires_at < ?",
                (_stamp(now - timedelta(days=1)),),
            )
            self._db.execute(
                "INSERT INTO citizen_grants VALUES (?,?,?,?,?,?,?,?,?,?,NULL)",
                (
                    _sha(token),
                    grant.grant_id,
                    grant.office_id,
                    grant.device_id,
                    grant.submission_id,
                    grant.subject_afm,
                    display_name,
                    json.dumps(grant.scope, ensure_ascii=False),
                    _stamp(now),
                    _stamp(expires),
                ),
            )
        return token, grant

    def grant(self, token: str) -> Grant | None:
        with self._lock:
            row = self._one(
                "SELECT grant_id, office_id, device_id, submission_id, subject_afm, "
                "display_name, scope, expires_at, revoked_at FROM citizen_grants "
                "WHERE grant_sha256=?",
                _sha(token),
            )
        if row is None:
            return None
        return Grant(
            str(row[0]),
            str(row[1]),
            str(row[2]),
            str(row[3]),
            str(row[4]),
            str(row[5]),
            json.loads(row[6]),
            parse_iso(str(row[7])),
            row[8] is not None,
        )

    def grant_usable(self, grant: Grant) -> bool:
        return not grant.revoked and self.clock() < grant.expires_at

    def revoke_grant(self, token: str, device_id: str) -> None:
        with self._lock:
            self._db.execute(
                "UPDATE citizen_grants SET revoked_at=? WHERE grant_sha256=? AND device_id=? "
                "AND revoked_at IS NULL",
                (_stamp(self.clock()), _sha(token), device_id),
            )

    def revoke_grants_of_submission(self, device_id: str, submission_id: str) -> int:
        with self._lock:
            cursor = self._db.execute(
                "UPDATE citizen_grants SET revoked_at=? WHERE device_id=? AND submission_id=? "
                "AND revoked_at IS NULL",
                (_stamp(self.clock()), device_id, submission_id),
            )
        return int(cursor.rowcount)

    # -- the phone's web session -----------------------------------------------------

    def open_web_session(self) -> tuple[str, str]:
        """(session id for the cookie, CSRF token for the forms)."""
        session, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        now = self.clock()
        with self._lock:
            self._db.execute(
                "DELETE FROM citizen_web_sessions WHERE expires_at < ?", (_stamp(now),)
            )
            self._db.execute(
                "INSERT INTO citizen_web_sessions VALUES (?, ?, NULL, NULL, ?, ?)",
                (_sha(session), csrf, _stamp(now), _stamp(now + WEB_SESSION_TTL)),
            )
        return session, csrf

    def web_session(self, session: str) -> WebSession | None:
        with self._lock:
            row = self._one(
                "SELECT csrf, user_code, subject_afm FROM citizen_web_sessions "
                "WHERE session_sha256=? AND expires_at > ?",
                _sha(session),
                _stamp(self.clock()),
            )
        return WebSession(str(row[0]), row[1], row[2]) if row else None

    def set_web_code(self, session: str, user_code: str) -> None:
        with self._lock:
            self._db.execute(
                "UPDATE citizen_web_sessions SET user_code=? WHERE session_sha256=?",
                (user_code, _sha(session)),
            )

    def sign_in_web_session(self, old: str, subject_afm: str, web_code: str | None) -> str:
        """A new session id for the signed-in phone (the old one, which a page may have
        leaked before sign-in, ends); the claim on the code moves with it."""
        new, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        now = self.clock()
        with self._lock:
            self._db.execute(
                "DELETE FROM citizen_web_sessions WHERE session_sha256=?", (_sha(old),)
            )
            self._db.execute(
                "INSERT INTO citizen_web_sessions VALUES (?, ?, ?, ?, ?, ?)",
                (
                    _sha(new),
                    csrf,
                    web_code,
                    subject_afm,
                    _stamp(now),
                    _stamp(now + WEB_SESSION_TTL),
                ),
            )
            self._db.execute(
                "UPDATE citizen_authorizations SET claimed_by=? WHERE claimed_by=?",
                (_sha(new), _sha(old)),
            )
        return new

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

    # -- the fetch log ---------------------------------------------------------------

    def identifier_hmac(self, identifier: str) -> str:
        """The HMAC under which an identifier is logged; its key is made on first use
        and kept in server_settings, so a restart logs the same identifier alike."""
        if self._hmac_key is None:  # read outside self._lock: setting() takes it
            read, write = self._settings
            stored = read(HMAC_SETTING)
            if stored is None:
                stored = secrets.token_bytes(32)
                write(HMAC_SETTING, stored)
            self._hmac_key = stored
        return hmac.new(self._hmac_key, identifier.encode(), hashlib.sha256).hexdigest()

    def log_fetch(self, entry: FetchEntry) -> tuple[str, datetime]:
        """Write the entry; returns (fetch_id, when)."""
        digest = self.identifier_hmac(entry.identifier) if entry.identifier is not None else None
        fetch_id, now = str(uuid.uuid4()), self.clock()
        with self._lock:
            self._db.execute(
                "INSERT INTO registry_fetches VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    fetch_id,
                    _stamp(now),
                    entry.office_id,
                    entry.device_id,
                    entry.registry,
                    entry.evidence_type,
                    entry.submission_id,
                    entry.procedure_id,
                    entry.acting,
                    entry.grant_id,
                    entry.clerk_id,
                    entry.identity_document,
                    entry.representation,
                    digest,
                    json.dumps(entry.attributes),
                    entry.outcome,
                ),
            )
        return fetch_id, now

    def fetches(self, office_id: str, limit: int = 500) -> list[dict[str, Any]]:
        """The office's log, newest first, without identifiers (not even their HMAC)."""
        with self._lock:
            rows = self._db.execute(
                "SELECT fetch_id, fetched_at, device_id, registry, evidence_type, "
                "submission_id, procedure_id, acting, grant_id, clerk_id, identity_document, "
                "representation, attributes, outcome FROM registry_fetches WHERE office_id=? "
                "ORDER BY fetched_at DESC, fetch_id LIMIT ?",
                (office_id, limit),
            ).fetchall()
        names = [
            "fetch_id",
            "fetched_at",
            "device_id",
            "registry",
            "evidence_type",
            "submission_id",
            "procedure_id",
            "acting",
            "grant_id",
            "clerk_id",
            "identity_document",
            "representation",
            "attributes",
            "outcome",
        ]
        listed = []
        for row in rows:
            item = dict(zip(names, row, strict=True))
            item["attributes"] = json.loads(item["attributes"])
            item["representation"] = (
                json.loads(item["representation"]) if item["representation"] else None
            )
            listed.append(item)
        return listed

    def logged_fetch(
        self, fetch_id: str, device_id: str, submission_id: str
    ) -> tuple[str, str | None] | None:
        """Who acted (`citizen_grant` or `clerk`, and the clerk id) for this fetch, if it
        was answered for this device and this application; None otherwise."""
        with self._lock:
            row = self._one(
                "SELECT acting, clerk_id FROM registry_fetches WHERE fetch_id=? "
                "AND device_id=? AND submission_id=? AND outcome IN ('answered', 'not_found')",
                fetch_id,
                device_id,
                submission_id,
            )
        return (str(row[0]), row[1]) if row else None

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
