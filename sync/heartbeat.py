"""A device's heartbeat (PUT /v1/devices/me/heartbeat): the few facts the Region's IT
needs to see which devices are silent or stuck, and nothing about anyone. The model
forbids extra fields and bounds every string, so nothing else can ride along: no
names, no answers, no identifiers of citizens; counts, versions and times only."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

import msgspec
from msgspec import Meta

from kiosk.records import Record, whole

HEARTBEAT_SCHEMA: Literal["periferia.heartbeat/1"] = "periferia.heartbeat/1"


class DoctorSummary(Record, frozen=True, kw_only=True):
    """The last `kiosk doctor` on the device: how many checks, which failed (names)."""

    at: datetime
    checks: Annotated[int, Meta(ge=0, le=100)]
    failed: Annotated[list[str], Meta(max_length=30)] = msgspec.field(default_factory=list)


class Heartbeat(Record, frozen=True, kw_only=True):
    """Counts, versions and times only: no personal data (extra fields are refused)."""

    schema_: Literal["periferia.heartbeat/1"] = msgspec.field(
        default=HEARTBEAT_SCHEMA, name="schema"
    )
    mode: Literal["kiosk", "counter"]
    region_code: Annotated[str, Meta(pattern=whole(r"^[A-Za-z0-9]{1,8}$"))]
    app_version: Annotated[str, Meta(max_length=40)]
    catalog_version: Annotated[str, Meta(max_length=80)] | None = None
    outbox_depth: Annotated[int, Meta(ge=0)]
    quarantined: Annotated[int, Meta(ge=0)]
    oldest_unsent_at: datetime | None = None
    last_sync_at: datetime | None = None
    doctor: DoctorSummary | None = None
    sent_at: datetime

    def to_json_bytes(self) -> bytes:
        """Compact JSON in field order, every key (None as null): the bytes the pydantic
        model wrote (tests/sync/golden)."""
        return msgspec.json.encode(self)

    @classmethod
    def from_json_bytes(cls, raw: bytes) -> Heartbeat:
        return msgspec.json.decode(raw, type=cls)


def device_heartbeat(
    *,
    mode: str,
    region_code: str,
    catalog_version: str | None,
    outbox_depth: int,
    quarantined: int,
    oldest_unsent_at: datetime | None,
    last_sync_at: datetime | None,
    sent_at: datetime,
) -> Heartbeat:
    """This device's heartbeat, with the summary of its last `kiosk doctor`."""
    from kiosk import __version__
    from kiosk.diagnostics.last_run import last_run

    run = last_run()
    doctor = DoctorSummary(at=run.at, checks=run.checks, failed=list(run.failed)) if run else None
    return msgspec.convert(
        {
            "mode": mode,
            "region_code": region_code,
            "app_version": __version__[:40],
            "catalog_version": catalog_version.strip('"')[:80] if catalog_version else None,
            "outbox_depth": outbox_depth,
            "quarantined": quarantined,
            "oldest_unsent_at": oldest_unsent_at,
            "last_sync_at": last_sync_at,
            "doctor": doctor,
            "sent_at": sent_at,
        },
        Heartbeat,
    )
