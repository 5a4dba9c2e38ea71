"""What every piece of the server's stores shares: the connection and lock they are
given, the clock, the row helper, the digests and time stamps, and the conflict error.

Separate so that each mixin of sync/server/storage/ can be type-checked alone.
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any


def _stamp(moment: datetime) -> str:
    # Fixed width, so that SQLite compares the texts in time order (even when a moment
    # falls on a whole second).
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def digest(data: bytes | str) -> str:
    return hashlib.sha256(data.encode() if isinstance(data, str) else data).hexdigest()


class ConflictError(Exception):
    """A different body under a submission id the office already holds."""


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


class StoreBase:
    """The attributes the store that assembles a mixin sets in its constructor."""

    clock: Callable[[], datetime]
    _db: sqlite3.Connection
    _lock: threading.Lock

    def _one(self, sql: str, *args: Any) -> tuple[Any, ...] | None:
        row: tuple[Any, ...] | None = self._db.execute(sql, args).fetchone()
        return row
