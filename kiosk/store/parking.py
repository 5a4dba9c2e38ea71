"""Parking: a citizen leaves a draft under a short code plus a PIN and finishes it
later (at a counter of the same office). Codes are random from an unambiguous
alphabet; only a hash of the code and a scrypt hash of code+PIN are stored; wrong PINs
lock the code for a while; parked drafts expire."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import UTC, datetime, timedelta
from uuid import UUID

import sqlite_utils
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from kiosk.store.audit import AuditLog
from kiosk.store.errors import ParkingError, UnknownParkingCodeError

ALPHABET = "ACDEFHJKMNPRTUVWXY34679"  # no 0/O, 1/I/L, 2/Z, 5/S, 8/B
CODE_LENGTH = 8
MAX_FAILURES = 5
LOCK = timedelta(minutes=15)
DEFAULT_LIFETIME = timedelta(hours=72)


def _code_hash(code: str) -> str:
    return hashlib.sha256(code.upper().replace("-", "").encode()).hexdigest()


def _pin_hash(code: str, pin: str, salt: bytes) -> bytes:
    return Scrypt(salt=salt, length=32, n=2**14, r=8, p=1).derive(f"{code}:{pin}".encode())


class Parking:
    def __init__(self, db: sqlite_utils.Database, audit: AuditLog, actor: str) -> None:
        self._db, self._audit, self._actor = db, audit, actor

    def park(self, submission_id: UUID, lifetime: timedelta = DEFAULT_LIFETIME) -> tuple[str, str]:
        code = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
        pin = f"{secrets.randbelow(10**4):04d}"
        salt = secrets.token_bytes(16)
        expires = (datetime.now(UTC) + lifetime).isoformat()
        with self._db.conn:
            self._db.execute(
                "INSERT INTO parked VALUES (?,?,?,?,?,0,NULL)",
                (_code_hash(code), str(submission_id), salt, _pin_hash(code, pin, salt), expires),
            )
            self._audit.record(self._actor, "draft.park", str(submission_id))
        return f"{code[:4]}-{code[4:]}", pin

    def resume(self, code: str, pin: str, now: datetime | None = None) -> UUID:
        now = now or datetime.now(UTC)
        key = _code_hash(code)
        row = self._db.execute(
            "SELECT submission_id, salt, pin_hash, expires_at, failures, locked_until FROM parked WHERE code_hash = ?",
            (key,),
        ).fetchone()
        if row is None:
            raise UnknownParkingCodeError(
                "Ο κωδικός δεν βρέθηκε. / No parked application has this code."
            )
        submission_id, salt, stored, expires, failures, locked_until = row
        if datetime.fromisoformat(expires) < now:
            raise ParkingError("Ο κωδικός έληξε. / This code has expired.")
        if locked_until and datetime.fromisoformat(locked_until) > now:
            minutes = int((datetime.fromisoformat(locked_until) - now).total_seconds() // 60) + 1
            raise ParkingError(
                f"Πολλές λάθος προσπάθειες· δοκιμάστε σε {minutes} λεπτά. / Too many attempts; try in {minutes} min."
            )
        clean = code.upper().replace("-", "")
        if not hmac.compare_digest(_pin_hash(clean, pin, salt), stored):
            failures += 1
            lock = (now + LOCK).isoformat() if failures >= MAX_FAILURES else None
            with self._db.conn:
                self._db.execute(
                    "UPDATE parked SET failures = ?, locked_until = ? WHERE code_hash = ?",
                    (0 if lock else failures, lock, key),
                )
            raise ParkingError("Λάθος PIN. / Wrong PIN.")
        with self._db.conn:
            self._db.execute("DELETE FROM parked WHERE code_hash = ?", (key,))
            self._audit.record(self._actor, "draft.resume", submission_id)
        return UUID(submission_id)

    def expire(self, now: datetime | None = None) -> int:
        at = (now or datetime.now(UTC)).isoformat()
        with self._db.conn:
            return self._db.execute("DELETE FROM parked WHERE expires_at < ?", (at,)).rowcount
