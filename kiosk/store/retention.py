"""Retention: personal data does not stay on a shared device longer than needed.

Submissions the platform has (accepted, in review, decided) lose their answers and body after a period; the
clear metadata row (id, procedure, status, protocol number) stays for the clerk's
history. Abandoned kiosk drafts go entirely after a shorter period. Every purge is
audited."""

from __future__ import annotations

from datetime import datetime, timedelta

import msgspec

from kiosk.status import SYNCED, Status
from kiosk.store.audit import AuditLog
from kiosk.store.database import Database

RETENTION_ACTOR = "retention"


class PurgeReport(msgspec.Struct, frozen=True):
    accepted_purged: int
    abandoned_deleted: int
    attachments_deleted: int = 0


def purge(
    db: Database,
    audit: AuditLog,
    now: datetime,
    accepted_days: int,
    abandoned_kiosk_days: int,
) -> PurgeReport:
    accepted_before = (now - timedelta(days=accepted_days)).isoformat()
    abandoned_before = (now - timedelta(days=abandoned_kiosk_days)).isoformat()
    with db.conn:
        old = [
            row[0]
            for row in db.execute(
                "SELECT submission_id FROM drafts WHERE status IN (?, ?, ?) AND purged = 0 "
                "AND updated_at < ?",
                (*sorted(SYNCED), accepted_before),
            )
        ]
        for submission_id in old:
            db.execute("DELETE FROM answers WHERE submission_id = ?", (submission_id,))
            db.execute(
                "UPDATE drafts SET body = NULL, purged = 1 WHERE submission_id = ?",
                (submission_id,),
            )
            audit.record(RETENTION_ACTOR, "purge.accepted", submission_id)
        abandoned = [
            row[0]
            for row in db.execute(
                "SELECT submission_id FROM drafts WHERE status = ? AND channel = 'kiosk' AND updated_at < ?",
                (Status.DRAFT, abandoned_before),
            )
        ]
        for submission_id in abandoned:
            db.execute("DELETE FROM answers WHERE submission_id = ?", (submission_id,))
            db.execute("DELETE FROM parked WHERE submission_id = ?", (submission_id,))
            db.execute("DELETE FROM drafts WHERE submission_id = ?", (submission_id,))
            audit.record(RETENTION_ACTOR, "purge.abandoned", submission_id)
    return PurgeReport(len(old), len(abandoned))
