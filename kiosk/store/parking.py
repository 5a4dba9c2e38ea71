"""Parking: a citizen leaves a draft under a short code plus a PIN and finishes it later,
here or (through the platform) at any kiosk or counter of the office.

The code is 8 characters from an alphabet without look-alikes, shown as `K7M3-PX4A`;
it is read back however it is typed: lower case, with or without the dash or spaces,
and in Greek capitals or small letters that look like the Latin ones (Α→A, Κ→K, Ρ→P…),
because the kiosk's keyboard is Greek first. Only a hash of the code and a scrypt hash
of code+PIN stay on this device.

This device keeps its own copy only until the sealed copy has reached the platform: from
then on the PIN is checked by the platform, which counts wrong PINs for the whole office.
While the upload waits (link down), this device checks the PIN itself; after five wrong
PINs the parked draft is deleted, here as on the platform (docs/parked-drafts.md).

The sealed copies wait in `parked_uploads` (encrypted at rest like the outbox) until the
sync engine has them acknowledged; a copy picked up here is withdrawn, and the engine
then deletes it on the platform too."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import unicodedata
from datetime import UTC, datetime, timedelta
from uuid import UUID

import msgspec
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from kiosk.store.audit import AuditLog
from kiosk.store.crypto import DeviceCipher
from kiosk.store.database import Database
from kiosk.store.errors import ParkingError, UnknownParkingCodeError

ALPHABET = "ACDEFHJKMNPRTUVWXY34679"  # no 0/O, 1/I/L, 2/Z, 5/S, 8/B
CODE_LENGTH = 8
PIN_DIGITS = 6
MAX_FAILURES = 5
DEFAULT_LIFETIME = timedelta(hours=72)
QUEUE_RETENTION = timedelta(days=7)  # the longest the platform keeps a parked draft
# Greek capitals and small letters that a reader takes for the Latin letter of the code.
_GREEK_LOOKALIKES = str.maketrans("ΑΕΗΚΜΝΡΤΧΥαεηκμνρτχυ", "AEHKMNPTXY" * 2)


def normalise_code(typed: str) -> str:
    """The code as stored: accents dropped, Greek look-alikes read as Latin, upper case,
    separators and spaces gone."""
    bare = "".join(
        ch for ch in unicodedata.normalize("NFD", typed) if not unicodedata.combining(ch)
    )
    return "".join(ch for ch in bare.translate(_GREEK_LOOKALIKES).upper() if ch.isalnum())


def parse_code(typed: str) -> str:
    """The normalised code, or ParkingError("malformed_code") if it cannot be one."""
    code = normalise_code(typed)
    if len(code) != CODE_LENGTH or any(ch not in ALPHABET for ch in code):
        raise ParkingError("malformed_code")
    return code


def format_code(code: str) -> str:
    """Grouped for reading aloud: K7M3-PX4A."""
    code = normalise_code(code)
    return f"{code[:4]}-{code[4:]}"


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def new_pin() -> str:
    return f"{secrets.randbelow(10**PIN_DIGITS):0{PIN_DIGITS}d}"


def _code_hash(code: str) -> str:
    return hashlib.sha256(normalise_code(code).encode()).hexdigest()


def _pin_hash(code: str, pin: str, salt: bytes) -> bytes:
    return Scrypt(salt=salt, length=32, n=2**14, r=8, p=1).derive(f"{code}:{pin}".encode())


class LocalTicket(msgspec.Struct, frozen=True):
    """A draft parked on this device, as found by its code (no PIN checked yet)."""

    code: str
    code_hash: str
    submission_id: UUID
    salt: bytes
    pin_hash: bytes
    failures: int
    upload: str | None  # None (no platform), "pending", "sent", "withdrawn", "rejected"

    def pin_matches(self, pin: str) -> bool:
        """CPU only (scrypt), no database: safe on a worker thread."""
        return hmac.compare_digest(_pin_hash(self.code, pin.strip(), self.salt), self.pin_hash)


class PendingParked(msgspec.Struct, frozen=True):
    """A sealed copy on its way to the platform, or a withdrawn one to delete there."""

    lookup_id: str
    body: bytes  # the wire body (sync.parked): blob, PIN verifier and expiry
    withdrawn: bool


class ParkSecret(msgspec.Struct, frozen=True):
    """A new code and PIN with the PIN's scrypt verifier: the CPU work of parking, made
    off the GUI thread (new_park_secret) and then stored by Parking.park."""

    code: str
    pin: str
    salt: bytes
    pin_hash: bytes


def new_park_secret() -> ParkSecret:
    code, pin, salt = new_code(), new_pin(), secrets.token_bytes(16)
    return ParkSecret(code, pin, salt, _pin_hash(code, pin, salt))


class Parking:
    def __init__(self, db: Database, audit: AuditLog, actor: str, cipher: DeviceCipher) -> None:
        self._db, self._audit, self._actor, self._cipher = db, audit, actor, cipher

    def park(
        self,
        submission_id: UUID,
        lifetime: timedelta = DEFAULT_LIFETIME,
        secret: ParkSecret | None = None,
    ) -> tuple[str, str]:
        """(code as shown, PIN): the PIN is shown once and never stored in clear. Pass a
        `secret` made on a worker to keep scrypt off the caller's thread."""
        secret = secret or new_park_secret()
        code, pin, salt = secret.code, secret.pin, secret.salt
        expires = (datetime.now(UTC) + lifetime).isoformat()
        with self._db.conn:
            self._db.execute(
                "INSERT INTO parked VALUES (?,?,?,?,?,0,NULL)",
                (_code_hash(code), str(submission_id), salt, secret.pin_hash, expires),
            )
            self._audit.record(self._actor, "draft.park", str(submission_id))
        return format_code(code), pin

    # --- picking up ---------------------------------------------------------------------
    def find(self, typed: str, now: datetime | None = None) -> LocalTicket | None:
        """The draft parked here under this code, None if there is none."""
        code = parse_code(typed)
        key = _code_hash(code)
        row = self._db.execute(
            "SELECT p.submission_id, p.salt, p.pin_hash, p.expires_at, p.failures, u.status "
            "FROM parked p LEFT JOIN parked_uploads u ON u.code_hash = p.code_hash "
            "WHERE p.code_hash = ?",
            (key,),
        ).fetchone()
        if row is None:
            return None
        submission_id, salt, stored, expires, failures, upload = row
        if datetime.fromisoformat(expires) < (now or datetime.now(UTC)):
            self._drop(key, withdraw=True)
            raise ParkingError("expired")
        return LocalTicket(code, key, UUID(submission_id), salt, stored, failures or 0, upload)

    def settle(self, ticket: LocalTicket, matched: bool) -> UUID:
        """Count a wrong PIN (the fifth deletes the parked draft) or hand the draft back."""
        if not matched:
            failures = ticket.failures + 1
            if failures >= MAX_FAILURES:
                self._drop(ticket.code_hash, withdraw=True)
                self._audit.record(self._actor, "draft.park.locked", str(ticket.submission_id))
                raise ParkingError("locked")
            with self._db.conn:
                self._db.execute(
                    "UPDATE parked SET failures = ? WHERE code_hash = ?",
                    (failures, ticket.code_hash),
                )
            raise ParkingError("wrong_pin", left=MAX_FAILURES - failures)
        self._drop(ticket.code_hash, withdraw=True)
        self._audit.record(self._actor, "draft.resume", str(ticket.submission_id))
        return ticket.submission_id

    def resume(self, code: str, pin: str, now: datetime | None = None) -> UUID:
        ticket = self.find(code, now)
        if ticket is None:
            raise UnknownParkingCodeError()
        return self.settle(ticket, ticket.pin_matches(pin))

    def forget(self, typed: str) -> None:
        """Picked up through the platform (which deleted its copy): nothing left to do here."""
        key = _code_hash(typed)
        with self._db.conn:
            self._db.execute("DELETE FROM parked WHERE code_hash = ?", (key,))
            self._db.execute("DELETE FROM parked_uploads WHERE code_hash = ?", (key,))

    def _drop(self, key: str, withdraw: bool) -> None:
        # A copy that may have reached the platform is withdrawn, not forgotten: the
        # engine deletes it there (an upload in flight may land after this).
        with self._db.conn:
            self._db.execute("DELETE FROM parked WHERE code_hash = ?", (key,))
            if withdraw:
                self._db.execute(
                    "UPDATE parked_uploads SET status = 'withdrawn' WHERE code_hash = ?", (key,)
                )

    def expire(self, now: datetime | None = None) -> int:
        at = (now or datetime.now(UTC)).isoformat()
        with self._db.conn:
            gone = self._db.execute(
                "SELECT code_hash FROM parked WHERE expires_at < ?", (at,)
            ).fetchall()
            for (key,) in gone:  # the platform refuses and purges its expired copies itself
                self._db.execute("DELETE FROM parked_uploads WHERE code_hash = ?", (key,))
            # Queue rows outlive their draft only as long as the platform would keep it.
            stale = ((now or datetime.now(UTC)) - QUEUE_RETENTION).isoformat()
            self._db.execute("DELETE FROM parked_uploads WHERE created_at < ?", (stale,))
            return self._db.execute("DELETE FROM parked WHERE expires_at < ?", (at,)).rowcount

    # --- the upload queue ---------------------------------------------------------------
    def queue_upload(self, code: str, lookup_id: str, body: bytes) -> None:
        """The sealed copy waits here, durably, until the platform acknowledges it."""
        now = datetime.now(UTC).isoformat()
        with self._db.conn:
            self._db.execute(
                "INSERT OR REPLACE INTO parked_uploads VALUES (?,?,?,'pending',0,NULL,?,NULL)",
                (
                    lookup_id,
                    _code_hash(code),
                    self._cipher.encrypt(body, f"parked:{lookup_id}"),
                    now,
                ),
            )

    def upload_status(self, code: str) -> str | None:
        row = self._db.execute(
            "SELECT status FROM parked_uploads WHERE code_hash = ?", (_code_hash(code),)
        ).fetchone()
        return None if row is None else str(row[0])

    def pending_uploads(self, limit: int = 20) -> list[PendingParked]:
        rows = self._db.execute(
            "SELECT lookup_id, body, status FROM parked_uploads "
            "WHERE status IN ('pending', 'withdrawn') ORDER BY created_at LIMIT ?",
            (limit,),
        ).fetchall()
        return [
            PendingParked(lid, self._cipher.decrypt(body, f"parked:{lid}"), status == "withdrawn")
            for lid, body, status in rows
        ]

    def mark_parked_sent(self, lookup_id: str) -> None:
        # Only a pending copy becomes sent: one withdrawn meanwhile stays withdrawn.
        with self._db.conn:
            self._db.execute(
                "UPDATE parked_uploads SET status = 'sent', sent_at = ?, last_error = NULL "
                "WHERE lookup_id = ? AND status = 'pending'",
                (datetime.now(UTC).isoformat(), lookup_id),
            )

    def mark_parked_discarded(self, lookup_id: str) -> None:
        with self._db.conn:
            self._db.execute(
                "DELETE FROM parked_uploads WHERE lookup_id = ? AND status = 'withdrawn'",
                (lookup_id,),
            )

    def mark_parked_failed(self, lookup_id: str, error: str) -> None:
        with self._db.conn:
            self._db.execute(
                "UPDATE parked_uploads SET attempts = attempts + 1, last_error = ? "
                "WHERE lookup_id = ?",
                (error[:500], lookup_id),
            )

    def mark_parked_rejected(self, lookup_id: str, reason: str) -> None:
        """Refused by the platform (never retried): kept for a clerk to see."""
        with self._db.conn:
            self._db.execute(
                "UPDATE parked_uploads SET status = 'rejected', last_error = ? WHERE lookup_id = ?",
                (reason[:500], lookup_id),
            )

    def upload_counts(self) -> dict[str, int]:
        rows = self._db.execute(
            "SELECT status, count(*) FROM parked_uploads GROUP BY status"
        ).fetchall()
        return {str(status): int(n) for status, n in rows}
