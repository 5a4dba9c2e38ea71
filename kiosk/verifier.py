"""A secret checked on this device alone: a scrypt verifier with its own salt, and a
count of failures that locks the name for a while, both kept in the OS keyring under
one entry a name. Never in the database or a file: a stolen disk image carries neither
the secret nor a way to reset the lockout. Used for a clerk's cached password
(kiosk.clerks) and for the kiosk's administrator exit PIN (kiosk.admin_exit)."""

from __future__ import annotations

import base64
import contextlib
import hmac
import json
import logging
import math
import secrets
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any, Literal, NoReturn

from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from kiosk.store.keyring_choice import (
    delete_password,
    get_password,
    is_keyring_error,
    set_password,
)

log = logging.getLogger(__name__)

MAX_FAILURES = 5
LOCK = timedelta(minutes=15)

Refusal = Literal["wrong", "locked", "keyring"]

# Said the same way wherever a lockout refuses (Greek, English).
LOCKED_MESSAGE = (
    "Πολλές αποτυχημένες προσπάθειες. Δοκιμάστε ξανά σε {minutes} λεπτά.",
    "Too many failed attempts. Try again in {minutes} minutes.",
)


class VerifierError(Exception):
    def __init__(self, reason: Refusal, minutes: int = 0) -> None:
        super().__init__(reason)
        self.reason: Refusal = reason
        self.minutes = minutes


def _hash(secret: str, salt: bytes) -> bytes:
    return Scrypt(salt=salt, length=32, n=2**14, r=8, p=1).derive(secret.encode())


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


class KeyringVerifier:
    """Entries are dicts: "salt" and "hash" (the verifier, once set), "failures",
    "locked_until", and whatever the caller keeps beside them (a clerk's name)."""

    def __init__(
        self,
        service: str,
        *,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.service, self._clock = service, clock

    def read(self, name: str) -> dict[str, Any]:
        try:  # the process's keyring (kiosk.store.keyring_choice): no discovery, no imports
            raw = get_password(self.service, name)
        except Exception as error:
            if is_keyring_error(error):
                raise VerifierError("keyring") from error
            raise
        if not raw:
            return {}
        try:
            value = json.loads(raw)
        except json.JSONDecodeError:
            log.warning("verifier %s/%s is unreadable; ignoring it", self.service, name)
            return {}
        return value if isinstance(value, dict) else {}

    def write(self, name: str, entry: dict[str, Any]) -> None:
        try:
            set_password(self.service, name, json.dumps(entry))
        except Exception as error:
            if is_keyring_error(error):
                raise VerifierError("keyring") from error
            raise

    def forget(self, name: str) -> bool:
        """Drop the entry; False when there was none."""
        import keyring.errors  # a reset is rare: keyring itself, errors and all

        try:
            delete_password(self.service, name)
        except keyring.errors.PasswordDeleteError:
            return False
        except keyring.errors.KeyringError as error:
            raise VerifierError("keyring") from error
        return True

    @staticmethod
    def has_secret(entry: dict[str, Any]) -> bool:
        return "hash" in entry and "salt" in entry

    def refuse_if_locked(self, entry: dict[str, Any]) -> None:
        locked_until = entry.get("locked_until")
        now = self._clock()
        with contextlib.suppress(TypeError, ValueError):
            if locked_until and datetime.fromisoformat(locked_until) > now:
                left = datetime.fromisoformat(locked_until) - now
                raise VerifierError("locked", math.ceil(left.total_seconds() / 60))

    @staticmethod
    def matches(entry: dict[str, Any], secret: str) -> bool:
        expected = base64.b64decode(entry["hash"])
        return hmac.compare_digest(expected, _hash(secret, base64.b64decode(entry["salt"])))

    def failed(self, name: str, entry: dict[str, Any]) -> NoReturn:
        """Count a failure (locking the name at the fifth) and refuse."""
        failures = int(entry.get("failures", 0)) + 1
        if failures >= MAX_FAILURES:
            entry.update(failures=0, locked_until=(self._clock() + LOCK).isoformat())
            self.write(name, entry)
            log.warning("%s/%s locked after %d failures", self.service, name, MAX_FAILURES)
            raise VerifierError("locked", int(LOCK.total_seconds() // 60))
        entry["failures"] = failures
        self.write(name, entry)
        raise VerifierError("wrong")

    def succeeded(self, name: str, entry: dict[str, Any], new_secret: str | None = None) -> None:
        """Clear the failures; with `new_secret`, keep a fresh verifier of it."""
        if new_secret is not None:
            salt = secrets.token_bytes(16)
            entry.update(salt=_b64(salt), hash=_b64(_hash(new_secret, salt)))
        entry.update(failures=0, locked_until=None)
        self.write(name, entry)
