"""Clerk sign-in at a counter: checked by the platform when it answers, otherwise
against a verifier cached from the last successful online sign-in.

The verifier (scrypt hash with its own salt) and the lockout state live in the OS
keyring, never in the database or a file: a stolen disk image carries no clerk secret.
Repeated failures lock the clerk id on this device for a while, online or not, so the
device cannot be used to guess passwords against the platform either.
"""

from __future__ import annotations

import base64
import contextlib
import hmac
import json
import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Literal, NoReturn, Protocol

import keyring
import keyring.errors
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

log = logging.getLogger(__name__)

KEYRING_SERVICE = "periferia-kiosk/clerks"
MAX_FAILURES = 5
LOCK = timedelta(minutes=15)

Reason = Literal["wrong", "locked", "first_online", "keyring", "empty"]

_MESSAGES: dict[Reason, tuple[str, str]] = {
    "wrong": ("Λάθος κωδικός υπαλλήλου ή συνθηματικό.", "Wrong clerk id or password."),
    "locked": (
        "Πολλές αποτυχημένες προσπάθειες. Δοκιμάστε ξανά σε {minutes} λεπτά.",
        "Too many failed attempts. Try again in {minutes} minutes.",
    ),
    "first_online": (
        "Η πρώτη σύνδεση σε αυτή τη συσκευή χρειάζεται δίκτυο. Συνδεθείτε όταν επανέλθει.",
        "The first sign-in on this device needs the network. Sign in when it is back.",
    ),
    "keyring": (
        "Δεν υπάρχει ασφαλής αποθήκη κωδικών (keyring). Ζητήστε από το τμήμα πληροφορικής "
        "να τρέξει «kiosk doctor».",
        "No secure keyring is available. Ask IT to run `kiosk doctor`.",
    ),
    "empty": ("Συμπληρώστε κωδικό υπαλλήλου και συνθηματικό.", "Enter clerk id and password."),
}


class DirectoryUnavailableError(Exception):
    """The platform cannot say now whether the password is right (link or server down)."""


class ClerkDirectoryPort(Protocol):
    def verify_clerk(self, clerk_id: str, password: str) -> str | None:
        """The clerk's display name when the password is right, None when it is wrong.
        Raises DirectoryUnavailableError when the platform cannot answer."""
        ...


class SignInError(Exception):
    def __init__(self, reason: Reason, minutes: int = 0) -> None:
        super().__init__(reason)
        self.reason = reason
        self.minutes = minutes

    def message(self, locale: str) -> str:
        el, en = _MESSAGES[self.reason]
        return (en if locale == "en" else el).format(minutes=self.minutes)


@dataclass(frozen=True)
class Clerk:
    clerk_id: str
    display_name: str
    verified_online: bool


def _hash(password: str, salt: bytes) -> bytes:
    return Scrypt(salt=salt, length=32, n=2**14, r=8, p=1).derive(password.encode())


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


class ClerkSignIn:
    def __init__(
        self,
        directory: ClerkDirectoryPort | None,
        *,
        service: str = KEYRING_SERVICE,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._directory, self._service, self._clock = directory, service, clock

    def sign_in(self, clerk_id: str, password: str) -> Clerk:
        clerk_id = clerk_id.strip()
        if not clerk_id or not password:
            raise SignInError("empty")
        entry = self._read(clerk_id)
        now = self._clock()
        locked_until = entry.get("locked_until")
        if locked_until and datetime.fromisoformat(locked_until) > now:
            left = datetime.fromisoformat(locked_until) - now
            raise SignInError("locked", int(left.total_seconds() // 60) + 1)
        name, online = self._check(clerk_id, password, entry)
        if name is None:
            self._fail(clerk_id, entry, now)
        if online:  # refresh the cached verifier from what the platform just accepted
            salt = secrets.token_bytes(16)
            entry = {"salt": _b64(salt), "hash": _b64(_hash(password, salt)), "name": name}
        entry.update(failures=0, locked_until=None)
        self._write(clerk_id, entry)
        log.info("clerk %s signed in (%s)", clerk_id, "online" if online else "offline")
        return Clerk(clerk_id, name, online)

    def forget(self, clerk_id: str) -> None:
        """Drop the cached verifier (a clerk who left, a password reset)."""
        with contextlib.suppress(keyring.errors.PasswordDeleteError):
            keyring.delete_password(self._service, clerk_id)

    # -- the two ways of checking -----------------------------------------------------
    def _check(
        self, clerk_id: str, password: str, entry: dict[str, Any]
    ) -> tuple[str | None, bool]:
        """(display name, or None when wrong; whether the platform answered)."""
        if self._directory is not None:
            try:
                return self._directory.verify_clerk(clerk_id, password), True
            except DirectoryUnavailableError:
                log.info("clerk directory unavailable; checking the cached verifier")
        if "hash" not in entry:
            raise SignInError("first_online")
        expected = base64.b64decode(entry["hash"])
        actual = _hash(password, base64.b64decode(entry["salt"]))
        matches = hmac.compare_digest(expected, actual)
        return (str(entry.get("name") or clerk_id) if matches else None), False

    def _fail(self, clerk_id: str, entry: dict[str, Any], now: datetime) -> NoReturn:
        failures = int(entry.get("failures", 0)) + 1
        if failures >= MAX_FAILURES:
            entry.update(failures=0, locked_until=(now + LOCK).isoformat())
            self._write(clerk_id, entry)
            log.warning("clerk %s locked after %d failed sign-ins", clerk_id, MAX_FAILURES)
            raise SignInError("locked", int(LOCK.total_seconds() // 60))
        entry["failures"] = failures
        self._write(clerk_id, entry)
        raise SignInError("wrong")

    # -- keyring ------------------------------------------------------------------------
    def _read(self, clerk_id: str) -> dict[str, Any]:
        try:
            raw = keyring.get_password(self._service, clerk_id)
        except keyring.errors.KeyringError as error:
            raise SignInError("keyring") from error
        if not raw:
            return {}
        try:
            value = json.loads(raw)
        except json.JSONDecodeError:
            log.warning("cached verifier of clerk %s is unreadable; ignoring it", clerk_id)
            return {}
        return value if isinstance(value, dict) else {}

    def _write(self, clerk_id: str, entry: dict[str, Any]) -> None:
        try:
            keyring.set_password(self._service, clerk_id, json.dumps(entry))
        except keyring.errors.KeyringError as error:
            raise SignInError("keyring") from error
