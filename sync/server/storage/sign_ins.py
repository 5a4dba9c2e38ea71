"""Failed enrolments and clerk sign-ins, counted here, in the platform's database,
where a device cannot reset them (its own keyring counter is kiosk/verifier.py), and
which clerk has signed in on which device.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sync.protocol import iso, parse_iso
from sync.server.storage.base import StoreBase

ENROLMENT_MAX_FAILURES = 20  # wrong codes per client address within FAILURE_WINDOW
CLERK_MAX_FAILURES = 5  # per clerk id of an office
DEVICE_MAX_FAILURES = 20  # per device, whatever clerk ids it tries
FAILURE_WINDOW = timedelta(minutes=15)
LOCKOUT = timedelta(minutes=15)


class SignInsMixin(StoreBase):
    def enrolment_locked_for(self, address: str) -> float | None:
        """Seconds left of a lockout of enrolment attempts from this address."""
        now = self.clock()
        with self._lock:
            row = self._one(
                "SELECT locked_until FROM sign_in_failures WHERE scope='enrol' AND key=?",
                address,
            )
        if row is None or row[0] is None:
            return None
        left = (parse_iso(str(row[0])) - now).total_seconds()
        return left if left > 0 else None

    def record_enrolment_failure(self, address: str) -> None:
        """An unknown, used or expired code: guessing codes is counted per address."""
        with self._lock:
            self._count_failure("enrol", address, ENROLMENT_MAX_FAILURES, self.clock())

    def sign_in_locked_for(self, office_id: str, clerk_id: str, device_id: str) -> float | None:
        """Seconds left of a lockout of this clerk id or this device, None when free."""
        now = self.clock()
        with self._lock:
            rows = self._db.execute(
                "SELECT locked_until FROM sign_in_failures WHERE locked_until IS NOT NULL "
                "AND ((scope='clerk' AND key=?) OR (scope='device' AND key=?))",
                (f"{office_id}/{clerk_id}", device_id),
            ).fetchall()
        left = [(parse_iso(str(row[0])) - now).total_seconds() for row in rows]
        left = [seconds for seconds in left if seconds > 0]
        return max(left) if left else None

    def record_sign_in_failure(self, office_id: str, clerk_id: str, device_id: str) -> None:
        now = self.clock()
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                for scope, key, limit in (
                    ("clerk", f"{office_id}/{clerk_id}", CLERK_MAX_FAILURES),
                    ("device", device_id, DEVICE_MAX_FAILURES),
                ):
                    self._count_failure(scope, key, limit, now)
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise

    def _count_failure(self, scope: str, key: str, limit: int, now: datetime) -> None:
        row = self._one(
            "SELECT failures, window_started FROM sign_in_failures WHERE scope=? AND key=?",
            scope,
            key,
        )
        fresh = row is None or parse_iso(str(row[1])) + FAILURE_WINDOW < now
        failures = 1 if fresh or row is None else int(row[0]) + 1
        started = iso(now) if fresh or row is None else str(row[1])
        locked = iso(now + LOCKOUT) if failures >= limit else None
        if locked is not None:  # the lockout starts a new count when it ends
            failures, started = 0, iso(now + LOCKOUT)
        self._db.execute(
            "INSERT OR REPLACE INTO sign_in_failures VALUES (?, ?, ?, ?, "
            "coalesce(?, (SELECT locked_until FROM sign_in_failures WHERE scope=? AND key=?)))",
            (scope, key, failures, started, locked, scope, key),
        )

    def record_sign_in(self, office_id: str, clerk_id: str, device_id: str) -> None:
        """A right password: the clerk's failures are forgiven (the device's are not:
        one known password must not reset a device that guesses others), and the
        platform remembers that this clerk works on this device."""
        with self._lock:
            self._db.execute(
                "DELETE FROM sign_in_failures WHERE scope='clerk' AND key=?",
                (f"{office_id}/{clerk_id}",),
            )
            self._db.execute(
                "INSERT OR REPLACE INTO clerk_sign_ins VALUES (?, ?, ?)",
                (device_id, clerk_id, iso(self.clock())),
            )

    def clerk_signed_in_on(self, device_id: str, clerk_id: str) -> bool:
        with self._lock:
            row = self._one(
                "SELECT 1 FROM clerk_sign_ins WHERE device_id=? AND clerk_id=?",
                device_id,
                clerk_id,
            )
        return row is not None
