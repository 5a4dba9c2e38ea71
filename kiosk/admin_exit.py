"""The kiosk's hidden administrator exit: a PIN the IT officer sets on the device
(`kiosk admin-pin`), kept as a scrypt verifier in the OS keyring. Five wrong PINs lock
the exit for 15 minutes, across restarts, so a passer-by cannot guess it."""

from __future__ import annotations

import re
from typing import Literal

from kiosk.texts import RefusedError, declare
from kiosk.verifier import LOCKED_MESSAGE, KeyringVerifier, VerifierError

KEYRING_SERVICE = "periferia-kiosk/admin-exit"
_NAME = "admin"
PIN_PATTERN = re.compile(r"^\d{6,12}$")

Reason = Literal["wrong", "locked", "keyring", "unset"]

TEXTS = declare(
    "admin_exit",
    {
        "wrong": ("Λάθος PIN.", "Wrong PIN."),
        "locked": LOCKED_MESSAGE,
        "keyring": (
            "Δεν υπάρχει ασφαλής αποθήκη κωδικών (keyring): τρέξτε «kiosk doctor».",
            "No secure keyring is available: run `kiosk doctor`.",
        ),
        "unset": (
            "Δεν έχει οριστεί PIN διαχειριστή σε αυτή τη συσκευή: «kiosk admin-pin».",
            "No administrator PIN is set on this device: `kiosk admin-pin`.",
        ),
    },
)


class ExitRefusedError(RefusedError):
    """A refusal with its reason (kiosk.texts: `admin_exit.<reason>`, message(locale))."""

    def __init__(self, reason: Reason, minutes: int = 0) -> None:
        super().__init__(TEXTS[reason], minutes=minutes)
        self.reason: Reason = reason
        self.minutes = minutes


class AdminExit:
    def __init__(self, verifier: KeyringVerifier | None = None) -> None:
        self._verifier = verifier or KeyringVerifier(KEYRING_SERVICE)

    def set_pin(self, pin: str) -> None:
        """Keep a verifier of `pin` (6 to 12 digits); raises ValueError otherwise."""
        if not PIN_PATTERN.match(pin):
            raise ValueError("the PIN must be 6 to 12 digits")
        self._verifier.succeeded(_NAME, {}, pin)

    def remove_pin(self) -> bool:
        return self._verifier.forget(_NAME)

    def is_set(self) -> bool:
        return KeyringVerifier.has_secret(self._verifier.read(_NAME))

    def check(self, pin: str) -> None:
        """Return when `pin` opens the exit; raise ExitRefusedError saying why not."""
        try:
            entry = self._verifier.read(_NAME)
            if not KeyringVerifier.has_secret(entry):
                raise ExitRefusedError("unset")
            self._verifier.refuse_if_locked(entry)
            if not KeyringVerifier.matches(entry, pin):
                self._verifier.failed(_NAME, entry)
            self._verifier.succeeded(_NAME, entry)
        except VerifierError as refused:
            raise ExitRefusedError(refused.reason, refused.minutes) from refused
