"""Diagnostics for IT officers: `kiosk doctor` checks and the support bundle.

Each check is a small function returning a CheckResult: what it looked at, what it
found, and — when it failed — the fix, in words an IT officer can act on. Checks never
print secrets or personal data. The checks that need Qt or the network live in
ui/doctor.py; the pure ones live here.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Status(Enum):
    OK = "ok"
    NOTE = "note"  # nothing wrong, but worth knowing (no printer configured...)
    FAIL = "FAIL"
    UNAVAILABLE = "n/a"  # the part is not in this build


@dataclass(frozen=True)
class CheckResult:
    name: str
    status: Status
    detail: str
    fix: str = ""

    @property
    def failed(self) -> bool:
        return self.status is Status.FAIL

    def line(self) -> str:
        text = f"{self.status.value:>4}  {self.name:<14} {self.detail}"
        return f"{text} -- fix: {self.fix}" if self.fix else text
