"""Clerk sign-in at a counter: checked by the platform when it answers, otherwise
against a verifier cached from the last successful online sign-in.

The verifier (scrypt hash with its own salt) and the lockout state live in the OS
keyring, never in the database or a file: a stolen disk image carries no clerk secret.
Repeated failures lock the clerk id on this device for a while, online or not, so the
device cannot be used to guess passwords against the platform either.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, Literal, Protocol

import msgspec

from kiosk.texts import RefusedError, declare
from kiosk.verifier import LOCKED_MESSAGE, MAX_FAILURES, KeyringVerifier, VerifierError

log = logging.getLogger(__name__)

KEYRING_SERVICE = "periferia-kiosk/clerks"
__all__ = ["MAX_FAILURES", "ClerkSignIn", "SignInError"]

Reason = Literal["wrong", "locked", "first_online", "keyring", "empty"]

TEXTS = declare(
    "clerks",
    {
        "wrong": ("Λάθος κωδικός υπαλλήλου ή συνθηματικό.", "Wrong clerk id or password."),
        "locked": LOCKED_MESSAGE,
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
    },
)


class DirectoryUnavailableError(Exception):
    """The platform cannot say now whether the password is right (link or server down)."""


class ClerkDirectoryPort(Protocol):
    def verify_clerk(self, clerk_id: str, password: str) -> str | None:
        """The clerk's display name when the password is right, None when it is wrong.
        Raises DirectoryUnavailableError when the platform cannot answer."""
        ...


class SignInError(RefusedError):
    """A refusal with its reason (kiosk.texts: `clerks.<reason>`, message(locale))."""

    def __init__(self, reason: Reason, minutes: int = 0) -> None:
        super().__init__(TEXTS[reason], minutes=minutes)
        self.reason = reason
        self.minutes = minutes


class Clerk(msgspec.Struct, frozen=True):
    clerk_id: str
    display_name: str
    verified_online: bool


class ClerkSignIn:
    def __init__(
        self,
        directory: ClerkDirectoryPort | None,
        *,
        service: str = KEYRING_SERVICE,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._directory = directory
        self._verifier = KeyringVerifier(service, clock=clock)

    def sign_in(self, clerk_id: str, password: str) -> Clerk:
        clerk_id = clerk_id.strip()
        if not clerk_id or not password:
            raise SignInError("empty")
        try:
            entry = self._verifier.read(clerk_id)
            self._verifier.refuse_if_locked(entry)
            name, online = self._check(clerk_id, password, entry)
            if name is None:
                self._verifier.failed(clerk_id, entry)
            if online:  # refresh the cached verifier from what the platform just accepted
                entry["name"] = name
            self._verifier.succeeded(clerk_id, entry, password if online else None)
        except VerifierError as refused:
            raise SignInError(refused.reason, refused.minutes) from refused
        log.info("clerk %s signed in (%s)", clerk_id, "online" if online else "offline")
        return Clerk(clerk_id, name, online)

    def forget(self, clerk_id: str) -> None:
        """Drop the cached verifier (a clerk who left, a password reset)."""
        try:
            self._verifier.forget(clerk_id)
        except VerifierError as refused:
            raise SignInError(refused.reason) from refused

    def _check(
        self, clerk_id: str, password: str, entry: dict[str, Any]
    ) -> tuple[str | None, bool]:
        """(display name, or None when wrong; whether the platform answered)."""
        if self._directory is not None:
            try:
                return self._directory.verify_clerk(clerk_id, password), True
            except DirectoryUnavailableError:
                log.info("clerk directory unavailable; checking the cached verifier")
        if not KeyringVerifier.has_secret(entry):
            raise SignInError("first_online")
        matches = KeyringVerifier.matches(entry, password)
        return (str(entry.get("name") or clerk_id) if matches else None), False
