"""The reference server's state on SQLite (stdlib sqlite3, WAL).

Exactly-once lives here: a submission is inserted in the same transaction that assigns
its protocol number, keyed by its UUID, so a re-send finds the row and gets the same
acknowledgement. Tokens and enrolment codes are kept only as SHA-256 digests.
Attachment bytes live in files beside the database, one folder per office:
`<office>/<sha>.part` while uploading (its length is the resume offset, which survives a
restart), renamed to `<office>/<sha>` once the digest is verified.

Everything a device sends belongs to its office (docs/platform-security.md): a
submission id is unique within an office, so a device of another office can never take
an id over, and an upload is the uploading office's, so nobody else can squat a digest
or poison its Upload-Length. Schema changes are numbered migrations (`PRAGMA
user_version`), run when the store opens.

The store is assembled from one mixin per responsibility (sync/server/storage/:
devices, submissions, aggregates, uploads, sign-ins, parked drafts, catalog; the
schema and its migrations); the names other modules use are imported from here.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from sync.protocol import now_utc
from sync.server.office_tables import OFFICE_TABLES
from sync.server.onceonly_store import SCHEMA as ONCEONLY_SCHEMA
from sync.server.onceonly_store import OnceOnlyStore
from sync.server.storage.aggregates import AggregateReceipt, AggregatesMixin
from sync.server.storage.base import ConflictError, digest
from sync.server.storage.catalog import CatalogMixin
from sync.server.storage.devices import ENROLMENT_CODE_TTL, CodeExpiredError, Device, DevicesMixin
from sync.server.storage.parked import ParkedMixin, ParkedOpening
from sync.server.storage.schema import _SCHEMA, SCHEMA_VERSION, _migrate_to_2
from sync.server.storage.sign_ins import SignInsMixin
from sync.server.storage.submissions import SubmissionsMixin
from sync.server.storage.uploads import UploadsMixin, UploadState

__all__ = [  # what the route modules and tests import from here
    "ENROLMENT_CODE_TTL",
    "AggregateReceipt",
    "CodeExpiredError",
    "ConflictError",
    "Device",
    "ParkedOpening",
    "ServerStore",
    "UploadState",
    "digest",
]


class ServerStore(
    DevicesMixin,
    SubmissionsMixin,
    AggregatesMixin,
    UploadsMixin,
    SignInsMixin,
    ParkedMixin,
    CatalogMixin,
):
    def __init__(self, db_path: Path, clock: Callable[[], datetime] = now_utc) -> None:
        self.clock = clock  # for expiries and lockouts; tests move it
        db_path.parent.mkdir(parents=True, exist_ok=True)
        self.attachment_dir = db_path.with_name(db_path.stem + "-attachments")
        self.attachment_dir.mkdir(exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(db_path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_SCHEMA)
        self._db.executescript(OFFICE_TABLES)  # sync/server/office.py, fleet.py
        self._db.executescript(ONCEONLY_SCHEMA)
        self._migrate()
        # Grants, clerk sessions, rate counters, the registry fetch log (issue #16).
        self.onceonly = OnceOnlyStore(
            self._db, self._lock, lambda: self.clock(), (self.setting, self.put_setting)
        )

    def _migrate(self) -> None:
        version = int(self._db.execute("PRAGMA user_version").fetchone()[0])
        if version >= SCHEMA_VERSION:
            return
        self._db.execute("BEGIN IMMEDIATE")
        try:
            _migrate_to_2(self._db)
            self._db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
            self._db.execute("COMMIT")
        except BaseException:
            self._db.execute("ROLLBACK")
            raise

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def query(self, sql: str, *args: Any) -> list[tuple[Any, ...]]:
        """Rows of one read, under the store's lock: for the route modules that keep
        their own tables (sync/server/office_tables.py)."""
        with self._lock:
            return [tuple(row) for row in self._db.execute(sql, args).fetchall()]

    def write(self, sql: str, *args: Any) -> int:
        """One statement in its own transaction; returns the rows it changed."""
        with self._lock:
            return int(self._db.execute(sql, args).rowcount)
