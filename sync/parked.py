"""Parked drafts, end-to-end encrypted: the platform stores blobs it cannot read.

A citizen parks a draft at a kiosk under a short code (shown on screen) and a PIN (their
choice, never shown). The server sees only a lookup id derived from the code, and a
blob sealed with AES-256-GCM under a key derived from code and PIN; neither the code nor
the PIN is sent. Both derivations use scrypt salted with the office id, so the same code
means the same draft only within one office, and guessing costs real work per try.
The lookup id is authenticated as associated data: a blob moved to another id fails.
"""

from __future__ import annotations

import base64
import os
import secrets
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from sync.client import PlatformClient

VERSION = b"\x01"
CODE_ALPHABET = "ACDEFHJKMNPRTUVWXY3479"  # no look-alikes (0/O, 1/I/L, 2/Z, 5/S, 8/B)
CODE_LENGTH = 8
_SCRYPT_N = 2**14


class WrongCodeOrPinError(ValueError):
    """The blob does not open with this code and PIN (or it was tampered with)."""


@dataclass(frozen=True)
class SealedDraft:
    lookup_id: str
    blob: bytes


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def _scrypt(secret: str, salt: str, length: int = 32) -> bytes:
    return Scrypt(salt=salt.encode(), length=length, n=_SCRYPT_N, r=8, p=1).derive(secret.encode())


def lookup_id(code: str, office_id: str) -> str:
    derived = _scrypt(normalise_code(code), f"periferia/parked/lookup/{office_id}", 24)
    return base64.urlsafe_b64encode(derived).decode().rstrip("=")


def _key(code: str, pin: str, office_id: str) -> bytes:
    return _scrypt(f"{normalise_code(code)}\x00{pin}", f"periferia/parked/key/{office_id}")


def seal(payload: bytes, code: str, pin: str, office_id: str) -> SealedDraft:
    lid = lookup_id(code, office_id)
    nonce = os.urandom(12)
    ciphertext = AESGCM(_key(code, pin, office_id)).encrypt(nonce, payload, VERSION + lid.encode())
    return SealedDraft(lid, VERSION + nonce + ciphertext)


def open_sealed(blob: bytes, code: str, pin: str, office_id: str) -> bytes:
    if len(blob) < 1 + 12 + 16 or blob[:1] != VERSION:
        raise WrongCodeOrPinError("not a parked draft")
    lid = lookup_id(code, office_id)
    try:
        return AESGCM(_key(code, pin, office_id)).decrypt(
            blob[1:13], blob[13:], VERSION + lid.encode()
        )
    except InvalidTag as error:
        raise WrongCodeOrPinError("wrong code or PIN") from error


class ParkedDrafts:
    """Park and pick up drafts through the platform."""

    def __init__(self, client: PlatformClient, office_id: str) -> None:
        self._client = client
        self._office_id = office_id

    def park(self, payload: bytes, pin: str, code: str | None = None) -> str:
        """Upload the sealed draft; returns the code to show the citizen."""
        code = code or new_code()
        sealed = seal(payload, code, pin, self._office_id)
        self._client.put_parked(sealed.lookup_id, sealed.blob)
        return code

    def pick_up(self, code: str, pin: str) -> bytes | None:
        """The draft, or None if no draft is parked under this code."""
        blob = self._client.get_parked(lookup_id(code, self._office_id))
        return None if blob is None else open_sealed(blob, code, pin, self._office_id)

    def discard(self, code: str) -> None:
        self._client.delete_parked(lookup_id(code, self._office_id))
