"""The audit log: append-only and hash-chained, so tampering shows.

Each row's hash covers the previous row's hash and the row itself; ids and actions
only, never personal data."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime

import msgspec

from kiosk.store.database import Database

GENESIS = "0" * 64


class VerifyResult(msgspec.Struct, frozen=True):
    ok: bool
    rows: int
    first_broken_id: int | None = None
    reason: str = ""


def _digest(previous: str, at: str, actor: str, action: str, subject: str, detail: str) -> str:
    canonical = json.dumps([previous, at, actor, action, subject, detail], ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


class AuditLog:
    def __init__(self, db: Database) -> None:
        self._db = db

    def record(self, actor: str, action: str, subject: str = "", detail: str = "") -> None:
        """Call inside the transaction of the change it records."""
        row = self._db.execute("SELECT hash FROM audit ORDER BY id DESC LIMIT 1").fetchone()
        at = datetime.now(UTC).isoformat()
        digest = _digest(row[0] if row else GENESIS, at, actor, action, subject, detail)
        self._db.execute(
            "INSERT INTO audit (at, actor, action, subject, detail, hash) VALUES (?,?,?,?,?,?)",
            (at, actor, action, subject, detail, digest),
        )

    def verify(self) -> VerifyResult:
        previous, count = GENESIS, 0
        for row_id, at, actor, action, subject, detail, digest in self._db.execute(
            "SELECT id, at, actor, action, subject, detail, hash FROM audit ORDER BY id"
        ):
            count += 1
            if _digest(previous, at, actor, action, subject, detail) != digest:
                return VerifyResult(False, count, row_id, f"row {row_id} does not match its hash")
            previous = digest
        return VerifyResult(True, count)

    def entries(self, limit: int = 100) -> list[tuple[str, str, str, str]]:
        rows = self._db.execute(
            "SELECT at, actor, action, subject FROM audit ORDER BY id DESC LIMIT ?", (limit,)
        ).fetchall()
        return [(r[0], r[1], r[2], r[3]) for r in rows]
