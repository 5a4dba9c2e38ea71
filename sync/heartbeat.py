"""A device's heartbeat (PUT /v1/devices/me/heartbeat): the few facts the Region's IT
needs to see which devices are silent or stuck, and nothing about anyone. The model
forbids extra fields and bounds every string, so nothing else can ride along: no
names, no answers, no identifiers of citizens; counts, versions and times only."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

HEARTBEAT_SCHEMA: Literal["periferia.heartbeat/1"] = "periferia.heartbeat/1"


class DoctorSummary(BaseModel):
    """The last `kiosk doctor` on the device: how many checks, which failed (names)."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, defer_build=True
    )  # built at first use, not at import: start-up time (docs/benchmarks.md)
    at: datetime
    checks: int = Field(ge=0, le=100)
    failed: list[str] = Field(default=[], max_length=30)


class Heartbeat(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)
    schema_: Literal["periferia.heartbeat/1"] = Field(default=HEARTBEAT_SCHEMA, alias="schema")
    mode: Literal["kiosk", "counter"]
    region_code: str = Field(pattern=r"^[A-Za-z0-9]{1,8}$")
    app_version: str = Field(max_length=40)
    catalog_version: str | None = Field(default=None, max_length=80)
    outbox_depth: int = Field(ge=0)
    quarantined: int = Field(ge=0)
    oldest_unsent_at: datetime | None = None
    last_sync_at: datetime | None = None
    doctor: DoctorSummary | None = None
    sent_at: datetime

    def to_json_bytes(self) -> bytes:
        return self.model_dump_json(by_alias=True).encode()


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
    return Heartbeat.model_validate(
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
        }
    )
