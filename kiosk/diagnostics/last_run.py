"""The last `kiosk doctor` on this device, kept in the data folder: the heartbeat
(sync.heartbeat) carries its summary to the Region's fleet page. Check names and counts
only: a check's detail may name a path or a printer, and stays on the device."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime

from kiosk.diagnostics import CheckResult
from kiosk.paths import app_paths

FILE_NAME = "doctor-last.json"


@dataclass(frozen=True)
class DoctorRun:
    at: datetime
    checks: int
    failed: tuple[str, ...]


def save_run(results: list[CheckResult], at: datetime | None = None) -> None:
    path = app_paths().data_dir / FILE_NAME
    document = {
        "at": (at or datetime.now(UTC)).isoformat(),
        "checks": len(results),
        "failed": [result.name for result in results if result.failed],
    }
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(document), encoding="utf-8")
    except OSError:  # a read-only data folder is the database check's to report
        pass


def last_run() -> DoctorRun | None:
    try:
        document = json.loads((app_paths().data_dir / FILE_NAME).read_text(encoding="utf-8"))
        return DoctorRun(
            datetime.fromisoformat(document["at"]),
            int(document["checks"]),
            tuple(str(name) for name in document["failed"]),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None
