"""Devices and their enrolment: one-time enrolment codes (kept as digests, with an
expiry) spent for a device id and a bearer token (kept as a digest too).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta

from sync.protocol import iso, parse_iso
from sync.server.storage.base import StoreBase, digest

ENROLMENT_CODE_TTL = timedelta(days=7)


class CodeExpiredError(Exception):
    """An enrolment code past its expiry."""


@dataclass(frozen=True)
class Device:
    device_id: str
    office_id: str


class DevicesMixin(StoreBase):
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
