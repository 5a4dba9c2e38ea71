"""The device database: SQLite in WAL mode, versioned migrations, clear refusals.

synchronous=FULL: a kiosk loses power without warning, and an answer acknowledged on
screen must survive it. NORMAL is ~10× faster on this VM but can lose the last
commits on power loss; the autosave benchmark reports both figures."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.store.errors import StoreError

if TYPE_CHECKING:
    import sqlite_utils

APPLICATION_ID = 0x504B494F  # "PKIO": marks the file as ours

# Migrations describe tables with sqlite-utils (its `table(...).create`); it is imported
# only when one runs (a new or older database), not at every start.
Migration = Callable[["sqlite_utils.Database"], None]


class Database:
    """The store's open database: all the store uses of sqlite-utils' `Database` at run
    time is `conn` and `execute`, and importing sqlite-utils costs ~100 ms and ~7 MiB
    of every start (click, pluggy, dateutil). The connection is in autocommit mode
    (isolation_level=None), so `execute` is the connection's own, exactly what
    sqlite-utils' does for such a connection."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.conn.execute("PRAGMA recursive_triggers = ON")  # as sqlite-utils sets it

    def execute(
        self, sql: str, parameters: Sequence[Any] | Mapping[str, Any] | None = None
    ) -> sqlite3.Cursor:
        if parameters is None:
            return self.conn.execute(sql)
        return self.conn.execute(sql, parameters)


def _v1(db: sqlite_utils.Database) -> None:
    db.table("drafts").create(
        {
            "submission_id": str, "procedure_id": str, "procedure_version": str, "region_code": str,
            "channel": str, "clerk_id": str, "status": str, "created_at": str, "updated_at": str,
            "day": str, "protocol_number": str, "quarantine_reason": str, "attempts": int,
            "body": bytes, "purged": int,
        },
        pk="submission_id",
        not_null={"procedure_id", "procedure_version", "region_code", "channel", "status"},
    )  # fmt: skip
    db.table("drafts").create_index(["day", "status"])
    db.table("drafts").create_index(["procedure_id", "status"])
    db.table("drafts").create_index(["status", "created_at"])
    db.table("answers").create(
        {"submission_id": str, "field_id": str, "value": bytes, "updated_at": str},
        pk=("submission_id", "field_id"),
        foreign_keys=[("submission_id", "drafts", "submission_id")],
    )
    db.table("audit").create(
        {
            "id": int,
            "at": str,
            "actor": str,
            "action": str,
            "subject": str,
            "detail": str,
            "hash": str,
        },
        pk="id",
    )


def _v2(db: sqlite_utils.Database) -> None:
    db.table("parked").create(
        {"code_hash": str, "submission_id": str, "salt": bytes, "pin_hash": bytes,
         "expires_at": str, "failures": int, "locked_until": str},
        pk="code_hash",
    )  # fmt: skip
    db.table("attachments").create(
        {"sha256": str, "file_name": str, "media_type": str, "size": int, "stored_at": str},
        pk="sha256",
    )


def _v3(db: sqlite_utils.Database) -> None:
    """Anonymous usage counters (kiosk.analytics) and the queue of daily aggregates.

    Counters, not event rows: one row per cell and a count, so no row order lines up
    the events of one applicant."""
    db.table("usage_counts").create(
        {"day": str, "hour": int, "procedure_id": str, "channel": str, "kind": str,
         "step_id": str, "field_id": str, "document_id": str, "detail": str, "seconds": int,
         "count": int},
        pk=("day", "hour", "procedure_id", "channel", "kind", "step_id", "field_id",
            "document_id", "detail", "seconds"),
        not_null={"count"},
    )  # fmt: skip
    db.table("usage_dirty").create({"day": str}, pk="day")
    db.table("usage_outbox").create(
        {"office_id": str, "day": str, "body": bytes, "sha256": str, "revision": int,
         "status": str, "server_revision": int, "error": str, "updated_at": str},
        pk=("office_id", "day"),
        not_null={"body", "sha256", "revision", "status"},
    )  # fmt: skip
    db.table("usage_outbox").create_index(["status", "day"])


def _v4(db: sqlite_utils.Database) -> None:
    """Parked drafts' sealed copies on their way to the platform (kiosk.store.parking):
    a durable queue like the outbox, so a draft parked offline is uploaded once back."""
    db.table("parked_uploads").create(
        {"lookup_id": str, "code_hash": str, "body": bytes, "status": str, "attempts": int,
         "last_error": str, "created_at": str, "sent_at": str},
        pk="lookup_id",
        not_null={"code_hash", "body", "status"},
    )  # fmt: skip
    db.table("parked_uploads").create_index(["code_hash"])
    db.table("parked_uploads").create_index(["status", "created_at"])


def _v5(db: sqlite_utils.Database) -> None:
    """Attachment file names sealed at rest (they often hold a surname or an AFM).

    Only the column is added here: migrations run before the device key is read, so
    the names stored in clear by v2-v4 are sealed by Attachments.seal_clear_names when
    the store opens. Files written from v5 on are in the chunked format; older ones
    (one seal per file) still open (kiosk.store.crypto.ChunkedReader)."""
    db.execute("ALTER TABLE attachments ADD COLUMN sealed_name BLOB")


def _v6(db: sqlite_utils.Database) -> None:
    """Why the last send failed (link down, HTTP 503...): shown to a clerk, redacted."""
    db.table("drafts").add_column("last_error", str)


def _v7_office_copy(db: sqlite_utils.Database) -> None:
    """The office's applications as the platform last served them (every channel and
    device: kiosk.store.office_copy), for the counter to show offline. Clear metadata
    like `drafts` (what the list shows); the submission itself sealed with the device
    key. `office_copy_state`: the feed's cursor, the time of the last fetch and the
    parked drafts waiting (times only)."""
    db.table("office_copy").create(
        {"submission_id": str, "seq": int, "procedure_id": str, "channel": str,
         "device_id": str, "status": str, "protocol_number": str, "decision": str,
         "received_at": str, "changed_at": str, "attention": str, "body": bytes},
        pk="submission_id",
        not_null={"seq", "procedure_id", "status", "received_at", "body"},
    )  # fmt: skip
    db.table("office_copy").create_index(["received_at"])
    db.table("office_copy_state").create({"name": str, "value": str}, pk="name")


MIGRATIONS: list[Migration] = [_v1, _v2, _v3, _v4, _v5, _v6, _v7_office_copy]
SCHEMA_VERSION = len(MIGRATIONS)


def migrate(db: Database, target: int = SCHEMA_VERSION) -> int:
    current = db.execute("PRAGMA user_version").fetchone()[0]
    if current > SCHEMA_VERSION:
        raise StoreError(
            f"{db_path(db)} was written by a newer version of the app (schema {current}); "
            "install that version again — this one will not touch it"
        )
    if current >= target:
        return target
    import sqlite_utils

    # No sqlite-utils plugins on the device's encrypted store: none is wanted there,
    # and looking for them scans every installed package's metadata.
    schema = sqlite_utils.Database(db.conn, execute_plugins=False)
    for version in range(current, target):
        with db.conn:
            MIGRATIONS[version](schema)
            db.execute(f"PRAGMA user_version = {version + 1}")
    return target


def db_path(db: Database) -> str:
    row = db.execute("PRAGMA database_list").fetchone()
    return str(row[2]) if row else "the database"


def open_database(path: Path, target: int = SCHEMA_VERSION) -> Database:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        existed = path.exists() and path.stat().st_size > 0
        conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False, timeout=10)
        db = Database(conn)
        app_id = db.execute("PRAGMA application_id").fetchone()[0]
        if existed and app_id != APPLICATION_ID:
            raise StoreError(
                f"{path} is not a database of this app; it was left untouched. "
                "Point the app at another file (KIOSK_DATA_DIR) or move this one aside."
            )
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = FULL")
        db.execute("PRAGMA foreign_keys = ON")
        # Deleted or rewritten cells are zeroed, not left in free space: a purged
        # answer or a name sealed in place leaves no clear remnant in the file.
        db.execute("PRAGMA secure_delete = ON")
        if not existed:
            db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        migrate(db, target)
        return db
    except sqlite3.DatabaseError as error:
        raise StoreError(_explain(path, error)) from error
    except OSError as error:
        raise StoreError(
            f"{path}: cannot write there ({error.strerror}); check the folder exists and is "
            "writable (KIOSK_DATA_DIR moves it)"
        ) from error


def _explain(path: Path, error: sqlite3.DatabaseError) -> str:
    text = str(error)
    if "not a database" in text or "malformed" in text:
        return f"{path} is damaged or not a database ({text}); it was left untouched. Move it aside and restore a backup."
    if "full" in text:
        return f"{path}: the disk is full ({text}); free space — nothing saved so far is lost."
    if "readonly" in text or "unable to open" in text:
        return f"{path}: cannot write there ({text}); check the folder exists and is writable."
    return f"{path}: {text}"
