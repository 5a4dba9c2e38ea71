"""Parked drafts (routes: sync/server/parked.py): a sealed copy stored once, opened
once with the right verifier, locked after too many wrong ones, purged at expiry.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sync.protocol import iso, now_utc
from sync.server.storage.base import ConflictError, StoreBase, _stamp, digest


@dataclass(frozen=True)
class ParkedOpening:
    outcome: str  # opened, unknown, wrong_pin, locked, expired, picked_up
    blob: bytes | None = None
    attempts_left: int = 0


class ParkedMixin(StoreBase):
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
