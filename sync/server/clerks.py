"""Clerk verification on the reference server: FAKE clerks, demos and tests only.

A device (already enrolled, so it carries a device token) asks whether a clerk's
password is right. Clerks belong to an office: a device of another office is told no,
exactly as for a wrong password, so the answer reveals nothing about other offices.
Passwords are kept as scrypt hashes, made when the server starts.

Failures are counted in the platform's database (ServerStore.record_sign_in_failure),
per clerk id and per device, so neither a restart nor a device's own reset clears
them; while either is locked the answer is no without hashing anything, even for the
right password. scrypt runs on worker threads (two at most): on the event loop each check stalled
every other request (`/health` went from 0.5 ms to 97 ms median under 4 signing-in
clients). A right password is remembered per device: it is the clerk session that
lets a counter's submissions name that clerk (sync/server/checks.py)."""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

import anyio
import anyio.to_thread
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from sync.protocol import PREFIX, iso
from sync.server.errors import ApiError, ok
from sync.server.limits import read_json
from sync.server.store import Device, ServerStore

MAX_CLERK_ID = 64
MAX_PASSWORD = 1024  # scrypt's cost grows with it: bounded before any hashing
# scrypt (n=2^14, r=8) takes 16 MiB and a core per check: two at a time, so that 40
# parallel requests neither take 640 MiB nor all pass the lockout check at once.
HASHING_THREADS = 2

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

    def office_of(self, clerk_id: str) -> str | None:
        verifier = self._verifiers.get(clerk_id)
        return verifier.office_id if verifier else None

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
        document = await read_json(request)
        clerk_id = document.get("clerk_id") if isinstance(document, dict) else None
        password = document.get("password") if isinstance(document, dict) else None
        if not (isinstance(clerk_id, str) and 0 < len(clerk_id) <= MAX_CLERK_ID):
            raise ApiError(
                422, "invalid", "expected {clerk_id, password}", {"clerk_id": "required"}
            )
        if not (isinstance(password, str) and len(password) <= MAX_PASSWORD):
            raise ApiError(
                422, "invalid", "expected {clerk_id, password}", {"password": "required"}
            )
        store: ServerStore = request.app.state.store
        directory: ClerkDirectory = request.app.state.clerks
        if getattr(request.app.state, "hash_limiter", None) is None:
            request.app.state.hash_limiter = anyio.CapacityLimiter(HASHING_THREADS)
        name, locked_for = await anyio.to_thread.run_sync(
            _check,
            store,
            directory,
            device,
            clerk_id,
            password,
            limiter=request.app.state.hash_limiter,
        )
        if locked_for is not None:
            return ok(
                clerk_id=clerk_id,
                verified=False,
                display_name=None,
                locked=True,
                retry_after=int(locked_for) + 1,
            )
        session, expires = None, None
        if name is not None:  # the session a counter's registry look-ups go with (#16)
            session, until = store.onceonly.open_clerk_session(
                device.office_id, device.device_id, clerk_id
            )
            expires = iso(until)
        return ok(
            clerk_id=clerk_id,
            verified=name is not None,
            display_name=name,
            locked=False,
            session=session,
            session_expires_at=expires,
        )

    async def sign_out(request: Request) -> Response:
        device = authenticate(request)
        session = request.headers.get("x-clerk-session", "").strip()
        if session:
            request.app.state.store.onceonly.end_clerk_session(session, device.device_id)
        return Response(status_code=204)

    return [
        Route(f"{PREFIX}/clerks/verify", verify, methods=["POST"]),
        Route(f"{PREFIX}/clerks/session", sign_out, methods=["DELETE"]),
    ]


def _check(
    store: ServerStore, directory: ClerkDirectory, device: Device, clerk_id: str, password: str
) -> tuple[str | None, float | None]:
    """(display name or None, seconds locked or None), on a worker thread. The lockout is
    read here, inside the limiter, so parallel requests cannot all slip past it."""
    office = device.office_id
    locked_for = store.sign_in_locked_for(office, clerk_id, device.device_id)
    if locked_for is not None:
        return None, locked_for
    name = directory.verify(office, clerk_id, password)
    if name is None:
        store.record_sign_in_failure(office, clerk_id, device.device_id)
    else:
        store.record_sign_in(office, clerk_id, device.device_id)
    return name, None
