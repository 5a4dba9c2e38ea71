"""The outbox: finalised submissions on their way to the platform (kiosk.ports.OutboxPort).

States (kiosk.status.Status): draft → queued → sending → accepted → decided, or
quarantined (rejected as invalid: kept for a clerk, never blocking the others). An item handed out for sending
is not handed out again until it is marked; at start-up, items left `sending` by a
crash go back to `queued` (the platform answers a re-send of the same body with the
same acknowledgement, so this is safe)."""

from __future__ import annotations

import logging
from datetime import datetime
from uuid import UUID

from kiosk.logs import redact
from kiosk.ports import DraftRecord, OutboxItem, StatusUpdate
from kiosk.status import QuarantineReason, Status
from kiosk.store.attachments import Attachments
from kiosk.store.audit import AuditLog
from kiosk.store.crypto import ChunkedReader, DeviceCipher
from kiosk.store.database import Database
from kiosk.store.drafts import (
    _COLUMNS,
    encode_quarantine,
    now_iso,
    record_from_row,
)
from kiosk.store.errors import UnknownDraftError
from kiosk.submission import Submission

SYNC_ACTOR = "sync"
LAST_ERROR_LENGTH = 200

log = logging.getLogger(__name__)


class Outbox:
    def __init__(
        self,
        db: Database,
        cipher: DeviceCipher,
        audit: AuditLog,
        attachments: Attachments,
    ) -> None:
        self._db, self._cipher, self._audit, self._attachments = db, cipher, audit, attachments

    def recover_stale_sending(self) -> int:
        with self._db.conn:
            return self._db.execute(
                "UPDATE drafts SET status = ? WHERE status = ?", (Status.QUEUED, Status.SENDING)
            ).rowcount

    def next_batch(self, limit: int) -> list[OutboxItem]:
        items = []
        with self._db.conn:
            rows = self._db.execute(
                "SELECT submission_id, body, attempts FROM drafts WHERE status = ? "
                "ORDER BY updated_at LIMIT ?",
                (Status.QUEUED, limit),
            ).fetchall()
            for submission_id, blob, attempts in rows:
                self._db.execute(
                    "UPDATE drafts SET status = ? WHERE submission_id = ?",
                    (Status.SENDING, submission_id),
                )
                body = self._cipher.decrypt(blob, f"{submission_id}:body")
                refs = tuple(Submission.from_json_bytes(body).attachments)
                items.append(OutboxItem(UUID(submission_id), body, refs, attempts or 0))
        return items

    def mark_accepted(self, submission_id: UUID, protocol_number: str, at: datetime) -> None:
        with self._db.conn:
            self._db.execute(
                "UPDATE drafts SET status = ?, protocol_number = ?, updated_at = ?, last_error = NULL WHERE submission_id = ?",
                (Status.ACCEPTED, protocol_number, at.isoformat(), str(submission_id)),
            )
            self._audit.record(
                SYNC_ACTOR, "submission.accepted", str(submission_id), protocol_number
            )

    def mark_quarantined(
        self, submission_id: UUID, reason: str, field_errors: dict[str, str]
    ) -> None:
        """Only the names of the refused fields are kept: the platform's words about them
        may quote a value, and personal data is not stored in clear."""
        detail = encode_quarantine(QuarantineReason(reason, tuple(sorted(field_errors))))
        with self._db.conn:
            self._db.execute(
                "UPDATE drafts SET status = ?, quarantine_reason = ?, updated_at = ? WHERE submission_id = ?",
                (Status.QUARANTINED, detail, now_iso(), str(submission_id)),
            )
            self._audit.record(SYNC_ACTOR, "submission.quarantined", str(submission_id), reason)

    def mark_retry(self, submission_id: UUID, error: str) -> None:
        # The reason comes from the link or the server's answer: masked like a log line,
        # so a clerk sees "HTTP 503" and never an AFM the server happened to echo.
        reason = redact(error)[:LAST_ERROR_LENGTH]
        with self._db.conn:
            self._db.execute(
                "UPDATE drafts SET status = ?, attempts = attempts + 1, last_error = ? WHERE submission_id = ? AND status = ?",
                (Status.QUEUED, reason, str(submission_id), Status.SENDING),
            )

    def open_attachment(self, sha256: str) -> ChunkedReader:
        return self._attachments.open(sha256)

    def apply_status(self, update: StatusUpdate) -> None:
        status = Status.from_platform(update.status, update.decision)
        if status is None:
            log.info("status %r from the platform is not known here: kept as it was", update.status)
        with self._db.conn:
            self._db.execute(
                "UPDATE drafts SET status = COALESCE(?, status), "
                "protocol_number = COALESCE(?, protocol_number), updated_at = ? "
                "WHERE submission_id = ?",
                (status, update.protocol_number, now_iso(), str(update.submission_id)),
            )

    def pending_count(self) -> int:
        row = self._db.execute(
            "SELECT count(*) FROM drafts WHERE status IN (?, ?)", (Status.QUEUED, Status.SENDING)
        ).fetchone()
        return int(row[0])

    def status_of(self, submission_id: UUID) -> Status:
        row = self._db.execute(
            "SELECT status FROM drafts WHERE submission_id = ?", (str(submission_id),)
        ).fetchone()
        if row is None:
            raise UnknownDraftError(f"no application {submission_id}")
        return Status(row[0])

    def quarantined(self) -> list[DraftRecord]:
        """Refused applications, oldest first, each with its typed QuarantineReason."""
        rows = self._db.execute(
            f"SELECT {_COLUMNS} FROM drafts WHERE status = ? ORDER BY updated_at",
            (Status.QUARANTINED,),
        ).fetchall()
        return [record_from_row(r) for r in rows]

    def requeue(self, submission_id: UUID, actor: str) -> None:
        with self._db.conn:
            changed = self._db.execute(
                "UPDATE drafts SET status = ?, quarantine_reason = NULL WHERE submission_id = ? AND status = ?",
                (Status.QUEUED, str(submission_id), Status.QUARANTINED),
            ).rowcount
            if not changed:
                raise UnknownDraftError(f"no quarantined application {submission_id}")
            self._audit.record(actor, "submission.requeue", str(submission_id))

    def reopen_for_correction(self, submission_id: UUID, actor: str) -> None:
        """A quarantined application goes back to being a draft, its answers intact, so a
        clerk can correct what the platform refused and submit it again (same identity:
        the platform never accepted the refused body, so there is nothing to conflict with)."""
        with self._db.conn:
            changed = self._db.execute(
                "UPDATE drafts SET status = ?, body = NULL, quarantine_reason = NULL, "
                "updated_at = ? WHERE submission_id = ? AND status = ?",
                (Status.DRAFT, now_iso(), str(submission_id), Status.QUARANTINED),
            ).rowcount
            if not changed:
                raise UnknownDraftError(f"no quarantined application {submission_id}")
            self._audit.record(actor, "submission.reopen", str(submission_id))

    def submission(self, submission_id: UUID) -> Submission:
        """The finalised application as it was (or will be) sent: for reprinting a receipt."""
        row = self._db.execute(
            "SELECT body FROM drafts WHERE submission_id = ? AND body IS NOT NULL",
            (str(submission_id),),
        ).fetchone()
        if row is None:
            raise UnknownDraftError(f"no finalised application {submission_id}")
        return Submission.from_json_bytes(self._cipher.decrypt(row[0], f"{submission_id}:body"))

    def counts(self) -> dict[Status, int]:
        rows = self._db.execute("SELECT status, count(*) FROM drafts GROUP BY status").fetchall()
        return {Status(status): int(count) for status, count in rows}
