"""Attachment uploads: bytes live in files beside the database, one folder per office,
`<office>/<sha>.part` while uploading (its length is the resume offset, which survives a
restart), renamed to `<office>/<sha>` once the digest is verified. An upload is the
uploading office's, so nobody else can squat a digest or poison its Upload-Length.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from sync.server.storage.base import StoreBase, digest


@dataclass(frozen=True)
class UploadState:
    sha256: str
    size: int | None
    offset: int
    complete: bool


class UploadsMixin(StoreBase):
    attachment_dir: Path  # set by ServerStore beside its database

    def _office_dir(self, office_id: str) -> Path:
        # A digest, not the id itself: an office id never becomes a path component.
        return self.attachment_dir / digest(office_id)[:24]

    def part_path(self, office_id: str, sha256: str) -> Path:
        return self._office_dir(office_id) / f"{sha256}.part"

    def final_path(self, office_id: str, sha256: str) -> Path:
        return self._office_dir(office_id) / sha256

    def upload_state(self, office_id: str, sha256: str) -> UploadState:
        """What this office holds of the digest; another office's upload is not seen."""
        with self._lock:
            row = self._one(
                "SELECT size, complete FROM attachments WHERE office_id=? AND sha256=?",
                office_id,
                sha256,
            )
        if row is None:
            return UploadState(sha256, None, 0, False)
        size, complete = int(row[0]), bool(row[1])
        if complete:
            return UploadState(sha256, size, size, True)
        part = self.part_path(office_id, sha256)
        return UploadState(sha256, size, part.stat().st_size if part.exists() else 0, False)

    def begin_upload(self, office_id: str, sha256: str, size: int) -> None:
        self._office_dir(office_id).mkdir(exist_ok=True)
        with self._lock:
            self._db.execute(
                "INSERT INTO attachments (office_id, sha256, size) VALUES (?, ?, ?) "
                "ON CONFLICT DO NOTHING",
                (office_id, sha256, size),
            )

    def finish_upload(self, office_id: str, sha256: str, streamed: str | None = None) -> bool:
        """Verify the digest of the received bytes; keep them only if it matches.
        `streamed`: the digest taken as the whole file streamed in (not read again)."""
        part = self.part_path(office_id, sha256)
        if streamed is None:
            hasher = hashlib.sha256()
            with part.open("rb") as handle:
                while chunk := handle.read(1 << 20):
                    hasher.update(chunk)
            streamed = hasher.hexdigest()
        if streamed != sha256:
            self.discard_upload(office_id, sha256)
            return False
        part.replace(self.final_path(office_id, sha256))
        with self._lock:
            self._db.execute(
                "UPDATE attachments SET complete=1 WHERE office_id=? AND sha256=?",
                (office_id, sha256),
            )
        return True

    def discard_upload(self, office_id: str, sha256: str) -> None:
        """Forget an unfinished upload (bad bytes): the next attempt starts afresh."""
        self.part_path(office_id, sha256).unlink(missing_ok=True)
        with self._lock:
            self._db.execute(
                "DELETE FROM attachments WHERE office_id=? AND sha256=? AND complete=0",
                (office_id, sha256),
            )

    def missing_attachments(self, office_id: str, digests: list[str]) -> list[str]:
        return [sha for sha in digests if not self.upload_state(office_id, sha).complete]
