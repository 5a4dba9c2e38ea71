"""The counter's local copy of its office's applications (kiosk.office_applications), kept
so the day list still shows the kiosks' applications while the platform cannot be
reached, and says truthfully as of when.

Written by the network lane (its own connection) after each fetch, read by the
screens. The newest wins by the platform's sequence: a copy older than the one held (a
page re-served after a restart, a late answer) changes nothing. The submission, which
holds the applicant's answers, is sealed with the device key; the list reads only the
clear metadata."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from uuid import UUID

import msgspec

from kiosk.office_applications import OfficeApplication, RefusedElsewhere, WaitingParked
from kiosk.store.crypto import DeviceCipher
from kiosk.store.database import Database
from kiosk.submission import Submission

_CONTEXT = "office-copy/"


class OfficeRow(msgspec.Struct, frozen=True):
    """What the day list shows of an application of the office (nothing decrypted)."""

    submission_id: UUID
    procedure_id: str
    channel: str
    device_id: str
    status: str
    protocol_number: str | None
    decision: str | None
    received_at: datetime
    attention: tuple[str, ...]


class OfficeCopy:
    def __init__(self, db: Database, cipher: DeviceCipher) -> None:
        self._db = db
        self._cipher = cipher

    # -- written by the network lane -------------------------------------------------
    def cursor(self) -> int:
        return int(self._state("cursor") or 0)

    def apply(
        self,
        applications: Sequence[OfficeApplication],
        cursor: int,
        parked: Sequence[WaitingParked] | None = None,
        fetched_at: datetime | None = None,
    ) -> int:
        """Keep a page of the feed; returns how many rows changed. One transaction: a
        crash leaves the cursor with the rows it covers."""
        changed = 0
        with self._db.conn:
            for app in applications:
                held = self._db.execute(
                    "SELECT seq FROM office_copy WHERE submission_id=?", (str(app.submission_id),)
                ).fetchone()
                if held is not None and int(held[0]) >= app.seq:
                    continue  # older than (or the same as) what is held
                self._db.execute(
                    "INSERT OR REPLACE INTO office_copy VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                    (
                        str(app.submission_id), app.seq, app.procedure_id, app.channel,
                        app.device_id, app.status, app.protocol_number, app.decision,
                        app.received_at.astimezone(UTC).isoformat(),
                        app.changed_at.astimezone(UTC).isoformat(), json.dumps(app.attention),
                        self._cipher.encrypt(
                            app.submission.to_json_bytes(), _CONTEXT + str(app.submission_id)
                        ),
                    ),
                )  # fmt: skip
                changed += 1
            self._put("cursor", str(max(cursor, self.cursor())))
            if parked is not None:
                self._put("parked", json.dumps([_parked_json(p) for p in parked]))
            if fetched_at is not None:
                self._put("fetched_at", fetched_at.astimezone(UTC).isoformat())
        return changed

    def keep_refused(self, refused: Sequence[RefusedElsewhere]) -> None:
        """The office's refused applications waiting for a counter (no answers)."""
        document = [
            {
                "submission_id": str(r.submission_id), "procedure_id": r.procedure_id,
                "channel": r.channel, "device_id": r.device_id, "reason": r.reason,
                "fields": list(r.fields), "reported_at": r.reported_at.isoformat(),
            }
            for r in refused
        ]  # fmt: skip
        with self._db.conn:
            self._put("refused", json.dumps(document))

    # -- read by the screens ---------------------------------------------------------
    def refused(self) -> list[RefusedElsewhere]:
        return [
            RefusedElsewhere(
                UUID(item["submission_id"]), item["procedure_id"], item["channel"],
                item["device_id"], item["reason"], tuple(item["fields"]),
                datetime.fromisoformat(item["reported_at"]),
            )
            for item in json.loads(self._state("refused") or "[]")
        ]  # fmt: skip

    def fetched_at(self) -> datetime | None:
        """When the platform last answered in full (None: never)."""
        value = self._state("fetched_at")
        return datetime.fromisoformat(value) if value else None

    def received_between(self, start: datetime, end: datetime, limit: int = 500) -> list[OfficeRow]:
        """The office's applications the platform received in [start, end), newest first."""
        return self._rows(
            "WHERE received_at >= ? AND received_at < ? ORDER BY received_at DESC LIMIT ?",
            start.astimezone(UTC).isoformat(),
            end.astimezone(UTC).isoformat(),
            limit,
        )

    def needing_attention(self, limit: int = 100) -> list[OfficeRow]:
        """Whenever received: those the platform says need someone."""
        return self._rows(
            "WHERE attention NOT IN ('', '[]') ORDER BY received_at DESC LIMIT ?", limit
        )

    def row(self, submission_id: UUID) -> OfficeRow | None:
        found = self._rows("WHERE submission_id=?", str(submission_id))
        return found[0] if found else None

    def _rows(self, clause: str, *params: object) -> list[OfficeRow]:
        rows = self._db.execute(
            "SELECT submission_id, procedure_id, channel, device_id, status, protocol_number, "
            f"decision, received_at, attention FROM office_copy {clause}",
            params,
        ).fetchall()
        return [
            OfficeRow(
                UUID(r[0]), r[1], r[2] or "", r[3] or "", r[4], r[5], r[6],
                datetime.fromisoformat(r[7]), tuple(json.loads(r[8] or "[]")),
            )
            for r in rows
        ]  # fmt: skip

    def submission(self, submission_id: UUID) -> Submission | None:
        """The platform's copy of the submission (decrypted): a receipt is rebuilt from it."""
        found = self._db.execute(
            "SELECT body FROM office_copy WHERE submission_id=?", (str(submission_id),)
        ).fetchone()
        if found is None:
            return None
        clear = self._cipher.decrypt(found[0], _CONTEXT + str(submission_id))
        return Submission.from_json_bytes(clear)

    def parked(self) -> list[WaitingParked]:
        value = self._state("parked")
        return [
            WaitingParked(
                str(item["ref"]),
                datetime.fromisoformat(item["stored_at"]),
                datetime.fromisoformat(item["expires_at"]),
            )
            for item in json.loads(value or "[]")
        ]

    # ---------------------------------------------------------------------------------
    def _state(self, name: str) -> str | None:
        row = self._db.execute(
            "SELECT value FROM office_copy_state WHERE name=?", (name,)
        ).fetchone()
        return None if row is None else str(row[0])

    def _put(self, name: str, value: str) -> None:
        self._db.execute("INSERT OR REPLACE INTO office_copy_state VALUES (?, ?)", (name, value))


def _parked_json(parked: WaitingParked) -> dict[str, str]:
    return {
        "ref": parked.ref,
        "stored_at": parked.stored_at.isoformat(),
        "expires_at": parked.expires_at.isoformat(),
    }
