"""Attachments (scans, photos): encrypted files named by the sha256 of their content,
so the same scan given twice is stored once.

Nothing about a document is kept in clear on this device: its bytes are sealed in
64 KiB chunks (kiosk.store.crypto), its file name (which often holds a surname or an
AFM) is sealed in the database, and uploads read through `open`, which decrypts
into memory chunk by chunk from any offset instead of writing a clear copy to a
temporary file."""

from __future__ import annotations

import hashlib
import logging
import os
import re
from pathlib import Path

from kiosk.store.crypto import ChunkedReader, DeviceCipher
from kiosk.store.database import Database
from kiosk.store.drafts import now_iso
from kiosk.store.errors import MissingAttachmentError
from kiosk.submission import AttachmentRef

log = logging.getLogger(__name__)
_SHA256 = re.compile(r"\b[0-9a-f]{64}\b")


class Attachments:
    def __init__(self, db: Database, cipher: DeviceCipher, folder: Path) -> None:
        self._db, self._cipher, self._folder = db, cipher, folder
        folder.mkdir(parents=True, exist_ok=True)
        self.seal_clear_names()

    def put(self, data: bytes, file_name: str, media_type: str) -> AttachmentRef:
        digest = hashlib.sha256(data).hexdigest()
        path = self._folder / digest
        if not path.exists():
            temporary = path.with_suffix(".part")
            with temporary.open("wb") as out:
                for sealed in self._cipher.seal_chunks(data, _context(digest)):
                    out.write(sealed)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temporary, path)
        with self._db.conn:
            self._db.execute(
                "INSERT OR IGNORE INTO attachments "
                "(sha256, file_name, sealed_name, media_type, size, stored_at) "
                "VALUES (?,NULL,?,?,?,?)",
                (digest, self._seal_name(digest, file_name), media_type, len(data), now_iso()),
            )
        return AttachmentRef(
            sha256=digest, file_name=file_name, media_type=media_type, size=len(data)
        )

    def open(self, sha256: str) -> ChunkedReader:
        """A seekable reader of the plaintext that decrypts as it reads; close it."""
        path = self._folder / sha256
        try:
            return ChunkedReader(path, self._cipher, _context(sha256))
        except FileNotFoundError:
            raise MissingAttachmentError(
                f"attachment {sha256[:12]}… is missing from {self._folder}"
            ) from None

    def read(self, sha256: str) -> bytes:
        with self.open(sha256) as reader:
            return reader.read()

    def file_name(self, sha256: str) -> str | None:
        row = self._db.execute(
            "SELECT sealed_name FROM attachments WHERE sha256 = ?", (sha256,)
        ).fetchone()
        if row is None or row[0] is None:
            return None
        return self._cipher.decrypt(row[0], _name_context(sha256)).decode()

    def seal_clear_names(self) -> int:
        """Encrypt the file names that schemas before 4 stored in clear.

        Runs when the store opens, because the schema migration runs before the key is
        read from the keyring. secure_delete (database.py) zeroes the old cells, and the
        checkpoint moves the change into the main file and empties the WAL, so the
        clear names survive in neither."""
        rows = self._db.execute(
            "SELECT sha256, file_name FROM attachments WHERE file_name IS NOT NULL"
        ).fetchall()
        if not rows:
            return 0
        with self._db.conn:
            for sha256, name in rows:
                self._db.execute(
                    "UPDATE attachments SET sealed_name = ?, file_name = NULL WHERE sha256 = ?",
                    (self._seal_name(sha256, name), sha256),
                )
        self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return len(rows)

    def delete_unreferenced(self, stored_before: str) -> int:
        """Delete the files (and rows) of attachments that no draft on this device holds
        any more, stored before `stored_before` (ISO time): a scanned identity card must
        not outlive the application retention purged (kiosk.store.retention).

        "Holds" is read from what the drafts keep, decrypted: every answer (the session
        state lists the attached documents) and every finalised body (its attachments),
        for every draft row left. The format is not parsed: any SHA-256 named there
        keeps its file, so a new place that names attachments cannot lose one. If a
        single value cannot be decrypted, nothing is deleted (a file still needed is
        worse to lose than one kept a day longer). The grace period keeps the files of a
        document being assembled right now, sealed a moment before it is attached."""
        stored = {
            row[0]
            for row in self._db.execute(
                "SELECT sha256 FROM attachments WHERE stored_at < ?", (stored_before,)
            )
        }
        if not stored:
            return 0
        held: set[str] = set()
        try:
            for submission_id, field_id, blob in self._db.execute(
                "SELECT submission_id, field_id, value FROM answers"
            ):
                plain = self._cipher.decrypt(blob, f"{submission_id}:{field_id}")
                held.update(_SHA256.findall(plain.decode("utf-8", "replace")))
            for submission_id, blob in self._db.execute(
                "SELECT submission_id, body FROM drafts WHERE body IS NOT NULL"
            ):
                plain = self._cipher.decrypt(blob, f"{submission_id}:body")
                held.update(_SHA256.findall(plain.decode("utf-8", "replace")))
        except Exception as error:  # a cipher refusal or a damaged row: keep everything
            log.warning("attachments kept: a draft could not be read (%s)", type(error).__name__)
            return 0
        orphans = sorted(stored - held)
        for sha256 in orphans:
            with self._db.conn:
                self._db.execute("DELETE FROM attachments WHERE sha256 = ?", (sha256,))
            (self._folder / sha256).unlink(missing_ok=True)
        return len(orphans)

    def _seal_name(self, sha256: str, name: str) -> bytes:
        return self._cipher.encrypt(name.encode(), _name_context(sha256))


def _context(sha256: str) -> str:
    return f"attachment:{sha256}"


def _name_context(sha256: str) -> str:
    return f"attachment-name:{sha256}"
