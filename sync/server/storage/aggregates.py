"""Usage aggregates: each device's daily counts, kept per device and revised in place,
read back per office and per Region.
"""

from __future__ import annotations

from dataclasses import dataclass

from sync.protocol import iso, now_utc
from sync.server.storage.base import StoreBase
from sync.server.storage.devices import Device


@dataclass(frozen=True)
class AggregateReceipt:
    office_id: str
    day: str
    revision: int
    received_at: str


class AggregatesMixin(StoreBase):
    def put_aggregate(
        self, device: Device, day: str, region_code: str, body_sha256: str, body: bytes
    ) -> AggregateReceipt:
        """Idempotent: the same body keeps its revision and time; a changed one replaces
        it as the next revision. Kept per device: an office's kiosks and counters each
        report their own counts, and the views add them up."""
        office_id = device.office_id
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                row = self._one(
                    "SELECT revision, body_sha256, received_at FROM aggregates "
                    "WHERE office_id=? AND day=? AND device_id=?",
                    office_id,
                    day,
                    device.device_id,
                )
                if row is not None and row[1] == body_sha256:
                    self._db.execute("ROLLBACK")
                    return AggregateReceipt(office_id, day, int(row[0]), str(row[2]))
                revision, received = (int(row[0]) + 1 if row else 1), iso(now_utc())
                self._db.execute(
                    "INSERT OR REPLACE INTO aggregates VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        office_id,
                        day,
                        device.device_id,
                        region_code,
                        revision,
                        body_sha256,
                        body,
                        received,
                    ),
                )
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
        return AggregateReceipt(office_id, day, revision, received)

    def region_aggregates(
        self, region_code: str, first: str, last: str
    ) -> list[tuple[str, int, bytes]]:
        """(office_id, revision, body) of the Region's devices between two ISO days."""
        with self._lock:
            rows = self._db.execute(
                "SELECT office_id, revision, body FROM aggregates "
                "WHERE region_code=? AND day BETWEEN ? AND ? ORDER BY day, office_id",
                (region_code, first, last),
            ).fetchall()
        return [(str(office), int(revision), bytes(body)) for office, revision, body in rows]

    def office_aggregates(self, office_id: str, first: str, last: str) -> list[bytes]:
        """Every device's aggregate of the office between two ISO days, oldest first."""
        with self._lock:
            rows = self._db.execute(
                "SELECT body FROM aggregates WHERE office_id=? AND day BETWEEN ? AND ? "
                "ORDER BY day, device_id",
                (office_id, first, last),
            ).fetchall()
        return [bytes(row[0]) for row in rows]
