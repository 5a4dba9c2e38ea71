"""Encryption at rest: AES-256-GCM with a device key kept in the OS keyring.

The associated data binds each ciphertext to its row (submission id and field), so
rows cannot be swapped between drafts without detection. There is no plaintext
fallback: without a keyring the store refuses to open."""

from __future__ import annotations

import base64
import os

import keyring
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from keyring.errors import KeyringError

from kiosk.store.errors import KeyringUnavailableError, StoreError

KEYRING_SERVICE = "periferia-kiosk"
KEY_USERNAME = "device-key"
NONCE_BYTES = 12

NO_KEYRING = (
    "Δεν βρέθηκε κλειδοθήκη (keyring) του συστήματος· η εφαρμογή δεν αποθηκεύει προσωπικά "
    "δεδομένα χωρίς κρυπτογράφηση. / No OS keyring is available, and personal data is never "
    "stored unencrypted. Fix: on Linux run the kiosk session with a Secret Service "
    "(gnome-keyring-daemon --components=secrets inside dbus-run-session); on Windows the "
    "Credential Manager is used. `kiosk doctor` checks it."
)


class DeviceCipher:
    def __init__(self, key: bytes) -> None:
        self._aead = AESGCM(key)

    def encrypt(self, plaintext: bytes, context: str) -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        return nonce + self._aead.encrypt(nonce, plaintext, context.encode())

    def decrypt(self, blob: bytes, context: str) -> bytes:
        try:
            return self._aead.decrypt(blob[:NONCE_BYTES], blob[NONCE_BYTES:], context.encode())
        except InvalidTag:
            raise StoreError(
                f"encrypted data for {context.split(':')[0]} does not match this device's key"
            ) from None


def device_cipher(database_exists: bool, service: str = KEYRING_SERVICE) -> DeviceCipher:
    """The device key from the keyring; a new one only for a new database."""
    try:
        stored = keyring.get_password(service, KEY_USERNAME)
        if stored is None:
            if database_exists:
                raise StoreError(
                    "the database exists but its key is missing from the keyring: the data "
                    "cannot be read. Restore the keyring or move the database aside; it is "
                    "never overwritten."
                )
            stored = base64.b64encode(AESGCM.generate_key(bit_length=256)).decode()
            keyring.set_password(service, KEY_USERNAME, stored)
    except KeyringError as error:
        raise KeyringUnavailableError(NO_KEYRING) from error
    return DeviceCipher(base64.b64decode(stored))
