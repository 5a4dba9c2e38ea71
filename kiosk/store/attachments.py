"""Attachments (scans, photos): encrypted files named by the sha256 of their content,
so the same scan given twice is stored once."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

import sqlite_utils

from kiosk.store.crypto import DeviceCipher
from kiosk.store.drafts import now_iso
from kiosk.store.errors import StoreError
from kiosk.submission import AttachmentRef


class Attachments:
    def __init__(self, db: sqlite_utils.Database, cipher: DeviceCipher, folder: Path) -> None:
        self._db, self._cipher, self._folder = db, cipher, folder
        folder.mkdir(parents=True, exist_ok=True)

    def put(self, data: bytes, file_name: str, media_type: str) -> AttachmentRef:
        digest = hashlib.sha256(data).hexdigest()
        path = self._folder / digest
        if not path.exists():
            temporary = path.with_suffix(".part")
            temporary.write_bytes(self._cipher.encrypt(data, f"attachment:{digest}"))
            os.replace(temporary, path)
        with self._db.conn:
            self._db.execute(
                "INSERT OR IGNORE INTO attachments VALUES (?,?,?,?,?)",
                (digest, file_name, media_type, len(data), now_iso()),
            )
        return AttachmentRef(
            sha256=digest, file_name=file_name, media_type=media_type, size=len(data)
        )

    def read(self, sha256: str) -> bytes:
        path = self._folder / sha256
        if not path.exists():
            raise StoreError(f"attachment {sha256[:12]}… is missing from {self._folder}")
        return self._cipher.decrypt(path.read_bytes(), f"attachment:{sha256}")

    def plaintext_path(self, sha256: str) -> Path:
        """A private temporary copy in clear, for uploading; the caller deletes it."""
        handle, name = tempfile.mkstemp(prefix="kiosk-upload-")
        with os.fdopen(handle, "wb") as out:  # mkstemp: mode 0600
            out.write(self.read(sha256))
        return Path(name)
