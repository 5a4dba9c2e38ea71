"""Who takes a build: a stable share of devices, or named offices first.

The rule is read from the build's entry in the signed TUF targets metadata (its
`custom` field), never from an unsigned answer, so neither a spoofed platform answer
nor a device lying about itself can widen it."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass


def bucket(device_id: str) -> int:
    """0-99, the same for a device on every check (not Python's salted hash)."""
    return int.from_bytes(hashlib.sha256(device_id.encode()).digest()[:8], "big") % 100


@dataclass(frozen=True)
class Rollout:
    percent: int = 100
    offices: frozenset[str] = frozenset()

    @classmethod
    def from_custom(cls, custom: Mapping[str, object]) -> Rollout:
        rule = custom.get("rollout")
        if not isinstance(rule, Mapping):
            return cls()
        percent = rule.get("percent", 100 if not rule.get("offices") else 0)
        offices = rule.get("offices") or []
        if not isinstance(percent, int) or not isinstance(offices, list):
            return cls(percent=0)  # a malformed rule reaches nobody
        return cls(max(0, min(100, percent)), frozenset(str(o) for o in offices))

    def includes(self, device_id: str, office_id: str) -> bool:
        return office_id in self.offices or bucket(device_id) < self.percent
