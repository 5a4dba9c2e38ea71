"""The server store's own tables and its numbered migrations (`PRAGMA user_version`),
run when the store opens.

Separate from the queries so that a schema change reads as one diff. Route modules that
keep their own tables run their own script (sync/server/office_tables.py).
"""

from __future__ import annotations

import sqlite3

from sync.protocol import iso, parse_iso
from sync.server.storage.devices import ENROLMENT_CODE_TTL

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
