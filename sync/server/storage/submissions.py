"""Submissions and their status events: exactly-once lives here. A submission is
inserted in the same transaction that assigns its protocol number, keyed by its UUID
within its office, so a re-send finds the row and gets the same acknowledgement.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from sync.protocol import Acknowledgement, iso, now_utc, parse_iso
from sync.server.storage.base import ConflictError, StoreBase
from sync.server.storage.devices import Device


class SubmissionsMixin(StoreBase):
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
