"""Encryption at rest: AES-256-GCM with a device key kept in the OS keyring.

The associated data binds each ciphertext to its row (submission id and field), so
rows cannot be swapped between drafts without detection. There is no plaintext
fallback: without a keyring the store refuses to open.

Attachments use a chunked format (see `seal_chunks` and `ChunkedReader`) so that an
upload can decrypt from any offset straight into memory: no clear copy is ever
written to disk, not even a temporary one."""

from __future__ import annotations

import base64
import io
import os
import struct
from collections.abc import Callable, Iterator
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from kiosk.store import keyring_choice
from kiosk.store.errors import AttachmentUnreadableError, KeyringUnavailableError, StoreError

KEYRING_SERVICE = "periferia-kiosk"
KEY_USERNAME = "device-key"
NONCE_BYTES = 12
TAG_BYTES = 16
CHUNK_BYTES = 64 * 1024  # plaintext per chunk: one AES-GCM seal each
# magic + format version, plaintext chunk size, plaintext size
CHUNKED_MAGIC = b"PKIOATT\x02"
_HEADER = struct.Struct(">8sIQ")

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

    def seal_chunks(
        self, plaintext: bytes, context: str, chunk_bytes: int = CHUNK_BYTES
    ) -> Iterator[bytes]:
        """The chunked format: a header, then one AES-GCM seal per `chunk_bytes` of
        plaintext. Each chunk's associated data holds the header (so sizes cannot be
        altered), the context, its index and whether it is the last (so chunks cannot
        be reordered, dropped or the file cut short without detection)."""
        header = _HEADER.pack(CHUNKED_MAGIC, chunk_bytes, len(plaintext))
        yield header
        count = chunk_count(len(plaintext), chunk_bytes)
        for index in range(count):
            piece = plaintext[index * chunk_bytes : (index + 1) * chunk_bytes]
            nonce = os.urandom(NONCE_BYTES)
            aad = _chunk_aad(header, context, index, index == count - 1)
            yield nonce + self._aead.encrypt(nonce, piece, aad)

    def open_chunk(self, sealed: bytes, aad: bytes, context: str) -> bytes:
        try:
            return self._aead.decrypt(sealed[:NONCE_BYTES], sealed[NONCE_BYTES:], aad)
        except InvalidTag:
            raise StoreError(
                f"encrypted data for {context.split(':')[0]} is damaged or does not match "
                "this device's key"
            ) from None


def chunk_count(size: int, chunk_bytes: int) -> int:
    return max(1, -(-size // chunk_bytes))  # an empty file is one empty chunk


def _chunk_aad(header: bytes, context: str, index: int, last: bool) -> bytes:
    return header + context.encode() + struct.pack(">QB", index, last)


class ChunkedReader(io.RawIOBase):
    """A seekable, read-only view of an encrypted file's plaintext, decrypted one chunk
    at a time into memory. Opens both the chunked format and the original whole-file
    format (nonce + one seal, written before schema 4), which it decrypts in memory."""

    def __init__(self, path: Path, cipher: DeviceCipher, context: str) -> None:
        super().__init__()
        self._cipher, self._context, self._position = cipher, context, 0
        self._file = path.open("rb")
        self._legacy: bytes | None = None
        self._cached: tuple[int, bytes] | None = None
        try:
            self._header = self._file.read(_HEADER.size)
            magic, chunk_bytes, size = (
                _HEADER.unpack(self._header) if len(self._header) == _HEADER.size else (b"", 0, 0)
            )
            self._chunk_bytes, self._size = int(chunk_bytes), int(size)
            if magic != CHUNKED_MAGIC:
                self._legacy = self._unless_damaged(
                    lambda: cipher.decrypt(self._header + self._file.read(), context)
                )
                self._size = len(self._legacy)
            elif (
                self._chunk_bytes == 0
                or os.fstat(self._file.fileno()).st_size != self._expected_length()
            ):
                raise AttachmentUnreadableError(f"{self._what()} is cut short")
        except BaseException:
            self._file.close()
            raise

    @property
    def size(self) -> int:
        return self._size

    def _what(self) -> str:
        return f"encrypted data for {self._context.split(':')[0]}"

    @staticmethod
    def _unless_damaged(step: Callable[[], bytes]) -> bytes:
        try:
            return step()
        except AttachmentUnreadableError:
            raise
        except StoreError as error:
            raise AttachmentUnreadableError(str(error)) from None

    def _expected_length(self) -> int:
        count = chunk_count(self._size, self._chunk_bytes)
        return _HEADER.size + self._size + count * (NONCE_BYTES + TAG_BYTES)

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._position

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._position, io.SEEK_END: self._size}[whence]
        if base + offset < 0:
            raise ValueError("negative seek position")
        self._position = base + offset
        return self._position

    def _chunk(self, index: int) -> bytes:
        if self._cached is not None and self._cached[0] == index:
            return self._cached[1]
        count = chunk_count(self._size, self._chunk_bytes)
        sealed_bytes = self._chunk_bytes + NONCE_BYTES + TAG_BYTES
        self._file.seek(_HEADER.size + index * sealed_bytes)
        aad = _chunk_aad(self._header, self._context, index, index == count - 1)
        sealed = self._file.read(sealed_bytes)
        plain = self._unless_damaged(lambda: self._cipher.open_chunk(sealed, aad, self._context))
        self._cached = (index, plain)
        return plain

    def read(self, size: int | None = -1) -> bytes:
        end = self._size if size is None or size < 0 else min(self._size, self._position + size)
        if self._legacy is not None:
            out = self._legacy[self._position : end]
        else:
            pieces, at = [], self._position
            while at < end:
                index, skip = divmod(at, self._chunk_bytes)
                pieces.append(self._chunk(index)[skip : skip + end - at])
                if not pieces[-1]:
                    raise AttachmentUnreadableError(f"{self._what()} is cut short")
                at += len(pieces[-1])
            out = b"".join(pieces)
        self._position += len(out)
        return out

    def readall(self) -> bytes:
        return self.read(-1)

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self._file.close()
        self._legacy, self._cached = None, None
        super().close()


def device_cipher(database_exists: bool, service: str = KEYRING_SERVICE) -> DeviceCipher:
    """The device key from the keyring; a new one only for a new database."""
    try:
        stored = keyring_choice.get_password(service, KEY_USERNAME)
        if stored is None:
            if database_exists:
                raise StoreError(
                    "the database exists but its key is missing from the keyring: the data "
                    "cannot be read. Restore the keyring or move the database aside; it is "
                    "never overwritten."
                )
            stored = base64.b64encode(AESGCM.generate_key(bit_length=256)).decode()
            keyring_choice.set_password(service, KEY_USERNAME, stored)
    except Exception as error:
        if keyring_choice.is_keyring_error(error):
            raise KeyringUnavailableError(NO_KEYRING) from error
        raise
    return DeviceCipher(base64.b64decode(stored))
