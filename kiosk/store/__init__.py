"""The local store: drafts that survive anything, the outbox, encryption at rest,
parking, attachments, retention, the audit log and anonymous usage counters (with
their own queue of daily aggregates), in one SQLite file per device."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils

from kiosk.paths import app_paths
from kiosk.store.attachments import Attachments
from kiosk.store.audit import AuditLog, VerifyResult
from kiosk.store.crypto import KEYRING_SERVICE, device_cipher
from kiosk.store.database import open_database
from kiosk.store.drafts import DraftRecord, Drafts
from kiosk.store.errors import (
    KeyringUnavailableError,
    ParkingError,
    StoreError,
    UnknownDraftError,
    UnknownParkingCodeError,
)
from kiosk.store.outbox import Outbox
from kiosk.store.parking import Parking
from kiosk.store.retention import PurgeReport, purge
from kiosk.store.usage import Usage

__all__ = [
    "DraftRecord",
    "KeyringUnavailableError",
    "ParkingError",
    "PurgeReport",
    "Store",
    "StoreError",
    "UnknownDraftError",
    "UnknownParkingCodeError",
    "Usage",
    "VerifyResult",
    "open_store",
]


@dataclass
class Store:
    db: sqlite_utils.Database
    drafts: Drafts
    outbox: Outbox
    parking: Parking
    audit: AuditLog
    attachments: Attachments
    usage: Usage

    def purge(
        self, accepted_days: int, abandoned_kiosk_days: int, now: datetime | None = None
    ) -> PurgeReport:
        self.parking.expire(now)  # parked drafts past their life, and their upload rows
        return purge(
            self.db, self.audit, now or datetime.now(UTC), accepted_days, abandoned_kiosk_days
        )

    def close(self) -> None:
        self.usage.flush()
        self.db.conn.close()


def open_store(
    path: Path | None = None, *, actor: str = "kiosk", keyring_service: str = KEYRING_SERVICE
) -> Store:
    """Open (or create) the device store. Raises StoreError subclasses with the fix."""
    path = path or app_paths().database
    if path.exists() and path.stat().st_size > 0:
        db = open_database(path)  # refuses a foreign or damaged file before anything else
        cipher = device_cipher(True, keyring_service)
    else:
        cipher = device_cipher(False, keyring_service)  # no keyring: stop before writing
        db = open_database(path)
    audit = AuditLog(db)
    attachments = Attachments(db, cipher, path.parent / "attachments")
    store = Store(
        db=db,
        drafts=Drafts(db, cipher, audit, actor),
        outbox=Outbox(db, cipher, audit, attachments),
        parking=Parking(db, audit, actor, cipher),
        audit=audit,
        attachments=attachments,
        usage=Usage(db),
    )
    store.outbox.recover_stale_sending()
    return store
