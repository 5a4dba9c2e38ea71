"""The tables of the office and fleet routes (sync/server/office.py, fleet.py), created
when the store opens. Their own script, so the store's numbered migrations stay as
they are: every table here is new, and `IF NOT EXISTS` is all an older file needs."""

from __future__ import annotations

OFFICE_TABLES = """
CREATE TABLE IF NOT EXISTS device_revocations (
    device_id TEXT PRIMARY KEY, revoked_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS device_heartbeats (
    device_id TEXT PRIMARY KEY, office_id TEXT NOT NULL, region_code TEXT NOT NULL,
    received_at TEXT NOT NULL, body TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS refused_drafts (
    office_id TEXT NOT NULL, submission_id TEXT NOT NULL, device_id TEXT NOT NULL,
    procedure_id TEXT NOT NULL, channel TEXT NOT NULL, draft TEXT, reason TEXT NOT NULL,
    fields TEXT NOT NULL, reported_at TEXT NOT NULL, state TEXT NOT NULL DEFAULT 'waiting',
    taken_by TEXT, PRIMARY KEY (office_id, submission_id));
CREATE TABLE IF NOT EXISTS admin_tokens (
    token_sha256 TEXT PRIMARY KEY, created_at TEXT NOT NULL);
"""
