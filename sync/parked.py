"""Parked drafts, end-to-end encrypted; the platform checks the PIN and counts failures.

A citizen parks a draft at a kiosk under a short code (shown on screen) and a PIN (shown
once). One scrypt derivation of code+PIN (salted with the office id, N=2^17, r=8: 128 MiB
and ~0.6 s a try here) gives two things: the AES-256-GCM key that seals the draft, and a
PIN verifier. The platform receives the lookup id (a cheaper scrypt of the code only), the
sealed blob, the verifier and an expiry; neither the code nor the PIN leaves the device.

To pick the draft up, a device sends the lookup id and the verifier it derives from the
code and PIN typed; the platform hands the blob over only when the verifier matches, and
deletes its copy in the same transaction (two devices at once: one gets it). Wrong
verifiers are counted on the platform for the whole office; the fifth deletes the copy.
So the blob is never given to anyone without the PIN: an offline search of the PIN space
needs the platform's database, and then costs 10^6 PINs × one scrypt each (the arithmetic
is in docs/parked-drafts.md). The lookup id is authenticated as associated data: a blob
moved to another id fails to open.
"""

from __future__ import annotations

import base64
import json
import logging
import os
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Protocol

import msgspec
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from kiosk.store.errors import ParkingError, UnknownParkingCodeError
from kiosk.store.parking import DEFAULT_LIFETIME, PendingParked, new_code, parse_code
from sync.client import PlatformClient
from sync.errors import AuthError, RejectedError, TransientError
from sync.protocol import iso, now_utc

log = logging.getLogger(__name__)

VERSION = b"\x02"
FORMAT = "periferia.parked/2"
LOOKUP_LOG2_N = 14  # the code alone: 23^8 codes × this, for someone holding the database
KDF_LOG2_N = 17  # code+PIN: the sealing key and the verifier (tests make it cheaper)


class SealedDraft(msgspec.Struct, frozen=True):
    lookup_id: str
    blob: bytes
    verifier: str  # base64url of 32 bytes: what the platform compares (as a SHA-256)
    expires_at: datetime

    def wire_body(self) -> bytes:
        return json.dumps(
            {
                "format": FORMAT,
                "blob": base64.b64encode(self.blob).decode(),
                "verifier": self.verifier,
                "expires_at": iso(self.expires_at),
            }
        ).encode()


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _scrypt(secret: str, salt: str, log2_n: int, length: int) -> bytes:
    return Scrypt(salt=salt.encode(), length=length, n=2**log2_n, r=8, p=1).derive(secret.encode())


def lookup_id(code: str, office_id: str) -> str:
    derived = _scrypt(parse_code(code), f"periferia/parked/lookup/{office_id}", LOOKUP_LOG2_N, 24)
    return _b64url(derived)


def _key_and_verifier(code: str, pin: str, office_id: str) -> tuple[bytes, str]:
    secret = f"{parse_code(code)}\x00{pin.strip()}"
    derived = _scrypt(secret, f"periferia/parked/key/{office_id}", KDF_LOG2_N, 64)
    return derived[:32], _b64url(derived[32:])


def seal(
    payload: bytes, code: str, pin: str, office_id: str, expires_at: datetime | None = None
) -> SealedDraft:
    lid = lookup_id(code, office_id)
    key, verifier = _key_and_verifier(code, pin, office_id)
    nonce = os.urandom(12)
    ciphertext = AESGCM(key).encrypt(nonce, payload, VERSION + lid.encode())
    expires = expires_at or now_utc() + DEFAULT_LIFETIME
    return SealedDraft(lid, VERSION + nonce + ciphertext, verifier, expires)


def open_sealed(blob: bytes, code: str, pin: str, office_id: str) -> bytes:
    key, _ = _key_and_verifier(code, pin, office_id)
    return _open_with(blob, key, lookup_id(code, office_id))


def _open_with(blob: bytes, key: bytes, lid: str) -> bytes:
    if len(blob) < 1 + 12 + 16 or blob[:1] != VERSION:
        raise ParkingError("damaged")
    try:
        return AESGCM(key).decrypt(blob[1:13], blob[13:], VERSION + lid.encode())
    except InvalidTag as error:
        raise ParkingError("damaged") from error


def verifier_of(body: bytes) -> str:
    try:
        return str(json.loads(body)["verifier"])
    except (ValueError, KeyError, TypeError) as error:
        raise RejectedError("parked body without a verifier") from error


class ParkedQueue(Protocol):
    """Sealed copies waiting on this device (kiosk.store.parking.Parking)."""

    def pending_uploads(self, limit: int = 20) -> list[PendingParked]: ...
    def mark_parked_sent(self, lookup_id: str) -> None: ...
    def mark_parked_discarded(self, lookup_id: str) -> None: ...
    def mark_parked_failed(self, lookup_id: str, error: str) -> None: ...
    def mark_parked_rejected(self, lookup_id: str, reason: str) -> None: ...


def push_queue(
    client: PlatformClient, queue: ParkedQueue, should_stop: Callable[[], bool] = lambda: False
) -> int:
    """Send what waits (uploads, and deletions of copies picked up here); returns how
    many the platform acknowledged. A link failure stops and leaves the rest queued; the
    engine's drain backs off. The PUT is idempotent, so a re-send after a lost answer is
    harmless: exactly one copy exists on the platform."""
    done = 0
    for item in queue.pending_uploads():
        if should_stop():
            break
        try:
            if item.withdrawn:
                client.discard_parked(item.lookup_id, verifier_of(item.body))
                queue.mark_parked_discarded(item.lookup_id)
            else:
                client.put_parked(item.lookup_id, item.body)
                queue.mark_parked_sent(item.lookup_id)
        except RejectedError as refusal:  # a conflict too: never retried, kept for a clerk
            log.warning("parked draft refused by the platform: %s", refusal)
            queue.mark_parked_rejected(item.lookup_id, str(refusal))
            continue
        except (TransientError, AuthError) as failure:
            log.info("parked drafts wait for the next drain: %s", failure)
            queue.mark_parked_failed(item.lookup_id, str(failure))
            break
        done += 1
    return done


class ParkedDrafts:
    """Park and pick up drafts through the platform, for one office."""

    def __init__(self, client: PlatformClient, office_id: str) -> None:
        self._client = client
        self.office_id = office_id

    def seal(self, payload: bytes, code: str, pin: str, lifetime: timedelta) -> SealedDraft:
        """CPU only (two scrypt derivations): run it off the GUI thread."""
        return seal(payload, code, pin, self.office_id, now_utc() + lifetime)

    def push(self, queue: ParkedQueue) -> int:
        return push_queue(self._client, queue)

    def park(self, payload: bytes, pin: str, code: str | None = None) -> str:
        """Seal and upload at once (scripts and tests); returns the code."""
        code = code or new_code()
        sealed = self.seal(payload, code, pin, DEFAULT_LIFETIME)
        self._client.put_parked(sealed.lookup_id, sealed.wire_body())
        return code

    def pick_up(self, code: str, pin: str) -> bytes:
        """The draft, released by the platform for the right PIN and deleted there.
        Raises ParkingError with the reason (unknown_code, wrong_pin, locked…)."""
        lid = lookup_id(code, self.office_id)
        key, verifier = _key_and_verifier(code, pin, self.office_id)
        try:
            opening = self._client.open_parked(lid, verifier)
        except (TransientError, AuthError) as error:
            log.info("parked draft not reachable: %s", error)
            raise ParkingError("unavailable") from error
        except RejectedError as error:
            raise ParkingError("damaged") from error
        if opening.outcome == "unknown":
            raise UnknownParkingCodeError()
        if opening.outcome == "wrong_pin":
            raise ParkingError("wrong_pin", left=opening.attempts_left)
        if opening.outcome != "opened" or opening.blob is None:
            raise ParkingError(opening.outcome)
        return _open_with(opening.blob, key, lid)
