"""The local store: drafts that survive anything, the outbox, encryption at rest,
parking, attachments, retention, the audit log and anonymous usage counters (with
their own queue of daily aggregates), in one SQLite file per device.

The package's names below are its public surface: ui/ may import them, never a
submodule (import-linter's "ui/ uses the store's public names" contract). Drafts and
the outbox are reached through the Store as kiosk.ports' DraftsRepository and
OutboxRepository."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import msgspec

from kiosk.paths import app_paths
from kiosk.ports import DraftRecord, DraftsRepository, OutboxRepository
from kiosk.status import PENDING, SYNCED, QuarantineReason, Status
from kiosk.store.attachments import Attachments
from kiosk.store.audit import AuditLog, VerifyResult
from kiosk.store.crypto import KEYRING_SERVICE, DeviceCipher, device_cipher
from kiosk.store.database import Database, open_database
from kiosk.store.drafts import Drafts
from kiosk.store.errors import (
    KeyringUnavailableError,
    ParkingError,
    StoreError,
    UnknownDraftError,
    UnknownParkingCodeError,
)
from kiosk.store.handoff import export_draft, import_draft
from kiosk.store.keyring_choice import choose_platform_keyring
from kiosk.store.office_copy import OfficeCopy, OfficeRow
from kiosk.store.outbox import Outbox
from kiosk.store.parking import DEFAULT_LIFETIME, Parking, ParkSecret, new_park_secret, parse_code
from kiosk.store.retention import RETENTION_ACTOR, PurgeReport, purge
from kiosk.store.usage import Usage

__all__ = [
    "DEFAULT_LIFETIME",
    "PENDING",
    "SYNCED",
    "DraftRecord",
    "KeyringUnavailableError",
    "OfficeCopy",
    "OfficeRow",
    "ParkSecret",
    "ParkingError",
    "PurgeReport",
    "QuarantineReason",
    "Status",
    "Store",
    "StoreError",
    "UnknownDraftError",
    "UnknownParkingCodeError",
    "Usage",
    "VerifyResult",
    "choose_platform_keyring",
    "export_draft",
    "import_draft",
    "new_park_secret",
    "open_store",
    "open_usage",
    "parse_code",
    "verify_audit",
]

# A scan sealed a moment before it is attached to its draft is held by nothing yet.
ATTACHMENT_GRACE = timedelta(days=1)

if TYPE_CHECKING:  # mypy proves the SQLite classes keep kiosk.ports' repository shapes

    def _conforms(drafts: Drafts, outbox: Outbox) -> tuple[DraftsRepository, OutboxRepository]:
        return drafts, outbox


class Store(msgspec.Struct):
    db: Database
    drafts: Drafts
    outbox: Outbox
    parking: Parking
    audit: AuditLog
    attachments: Attachments
    usage: Usage
    office: OfficeCopy  # the office's applications as the platform last served them
    cipher: DeviceCipher  # the device key: a second store of the process shares it

    def purge(
        self, accepted_days: int, abandoned_kiosk_days: int, now: datetime | None = None
    ) -> PurgeReport:
        at = now or datetime.now(UTC)
        self.parking.expire(now)  # parked drafts past their life, and their upload rows
        report = purge(self.db, self.audit, at, accepted_days, abandoned_kiosk_days)
        # Then the scans those applications held: a day's grace for one being assembled.
        deleted = self.attachments.delete_unreferenced((at - ATTACHMENT_GRACE).isoformat())
        if deleted:
            self.audited(RETENTION_ACTOR, "purge.attachments", detail=str(deleted))
        return msgspec.structs.replace(report, attachments_deleted=deleted)

    def audited(self, actor: str, action: str, subject: str = "", detail: str = "") -> None:
        """An audit entry for something that changed nothing else (a sign-in, a
        reprint), in its own transaction."""
        with self.db.conn:
            self.audit.record(actor, action, subject, detail)

    def close(self) -> None:
        self.usage.flush()
        self.db.conn.close()


def open_store(
    path: Path | None = None,
    *,
    actor: str = "kiosk",
    keyring_service: str = KEYRING_SERVICE,
    cipher: DeviceCipher | None = None,
) -> Store:
    """Open (or create) the device store. Raises StoreError subclasses with the fix.
    `cipher`: the key of a store this process already opened on the same file (the
    screens' and the network lane's connections), so the keyring is read once."""
    path = path or app_paths().database
    if path.exists() and path.stat().st_size > 0:
        db = open_database(path)  # refuses a foreign or damaged file before anything else
        cipher = cipher or device_cipher(True, keyring_service)
    elif cipher is not None:
        db = open_database(path)
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
        office=OfficeCopy(db, cipher),
        cipher=cipher,
    )
    store.outbox.recover_stale_sending()
    return store


def verify_audit(path: Path) -> VerifyResult:
    """The audit chain of the store at `path`, checked without the device key (the chain
    holds no personal data). Raises StoreError for a foreign or damaged file."""
    db = open_database(path)
    try:
        return AuditLog(db).verify()
    finally:
        db.conn.close()


@contextmanager
def open_usage(path: Path) -> Iterator[Usage]:
    """The anonymous usage counters of the store at `path`, without the device key."""
    db = open_database(path)
    try:
        yield Usage(db)
    finally:
        db.conn.close()
