"""Clerk verification on the reference server: FAKE clerks, demos and tests only.

A device (already enrolled, so it carries a device token) asks whether a clerk's
password is right. Clerks belong to an office: a device of another office is told no,
exactly as for a wrong password, so the answer reveals nothing about other offices.
Passwords are kept as scrypt hashes, made when the server starts."""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from sync.protocol import PREFIX
from sync.server.errors import ApiError, ok
from sync.server.store import Device

# clerk id -> (office, display name, password). Invented people; the password is printed
# in the README for the demo.
FAKE_CLERKS: Final = {
    "clerk01": ("demo-office", "Υπάλληλος Δοκιμών Α", "demo-pass-01"),
    "clerk02": ("demo-office", "Υπάλληλος Δοκιμών Β", "demo-pass-02"),
    "clerk99": ("other-office", "Υπάλληλος Άλλου Γραφείου", "demo-pass-99"),
}


def _hash(password: str, salt: bytes) -> bytes:
    return Scrypt(salt=salt, length=32, n=2**14, r=8, p=1).derive(password.encode())


@dataclass(frozen=True)
class _Verifier:
    office_id: str
    display_name: str
    salt: bytes
    hashed: bytes


class ClerkDirectory:
    def __init__(self, clerks: dict[str, tuple[str, str, str]] = FAKE_CLERKS) -> None:
        self._verifiers: dict[str, _Verifier] = {}
        for clerk_id, (office, name, password) in clerks.items():
            salt = secrets.token_bytes(16)
            self._verifiers[clerk_id] = _Verifier(office, name, salt, _hash(password, salt))
        self._dummy_salt = secrets.token_bytes(16)

    def verify(self, office_id: str, clerk_id: str, password: str) -> str | None:
        verifier = self._verifiers.get(clerk_id)
        if verifier is None:  # hash anyway: an unknown id takes as long as a wrong password
            _hash(password, self._dummy_salt)
            return None
        right = hmac.compare_digest(_hash(password, verifier.salt), verifier.hashed)
        return verifier.display_name if right and verifier.office_id == office_id else None


def clerk_routes(authenticate: Callable[[Request], Device]) -> list[Route]:
    async def verify(request: Request) -> Response:
        device = authenticate(request)
        try:
            document = await request.json()
            clerk_id, password = str(document["clerk_id"]), str(document["password"])
        except (ValueError, KeyError, TypeError) as error:
            raise ApiError(
                422, "invalid", "expected {clerk_id, password}", {"clerk_id": "required"}
            ) from error
        directory: ClerkDirectory = request.app.state.clerks
        name = directory.verify(device.office_id, clerk_id, password)
        return ok(clerk_id=clerk_id, verified=name is not None, display_name=name)

    return [Route(f"{PREFIX}/clerks/verify", verify, methods=["POST"])]
