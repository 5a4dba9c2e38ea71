"""Anonymous usage counters and the queue of daily aggregates for the platform.

`Usage.record(event)` is the recorder's sink (kiosk.analytics.events.UsageSink): it adds
one to a counter cell and marks the day as changed. Nothing here is encrypted: the
cells hold definition ids and counts only (UsageEvent refuses anything else).

Aggregates have their own queue (`usage_outbox`), not rows in the submissions outbox:
a submission is sent once and then belongs to the applicant's file, while a day's
aggregate is replaced whenever its figures change (a new revision on the platform), is
never quarantined for a clerk, and must never make a submission wait or be counted as
"pending" on the sync badge. Only closed days are queued by default (today's figures
are still moving), so each day normally travels once.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from datetime import date, datetime

from kiosk import regions
from kiosk.analytics.aggregate import CountRow, DailyAggregate, PendingAggregate, build_daily
from kiosk.analytics.events import UsageEvent
from kiosk.store.database import Database
from kiosk.store.drafts import now_iso

_CELL = (
    "day", "hour", "procedure_id", "channel", "kind", "step_id", "field_id", "document_id",
    "detail", "seconds",
)  # fmt: skip
_JOURNEY_ENDS = frozenset({"completion_time", "abandoned"})  # the last event of a journey
_MAX_PENDING = 500


def athens_today() -> date:
    return datetime.now(regions.ATHENS).date()


class Usage:
    def __init__(self, db: Database) -> None:
        self._db = db
        self._pending: list[CountRow] = []
        self._lock = threading.Lock()  # the UI records, the network lane flushes

    # --- the recorder's sink ----------------------------------------------------------
    def record(self, event: UsageEvent) -> None:
        """Counted in memory until the journey ends, then written in one transaction:
        one fsync per applicant rather than per keystroke (the database runs with
        synchronous=FULL for the drafts). A crash loses at most one journey's counts."""
        with self._lock:
            self._pending.append(CountRow.of(event))
            full = len(self._pending) >= _MAX_PENDING
        if event.kind in _JOURNEY_ENDS or full:
            self.flush()

    def record_all(self, events: Iterable[UsageEvent]) -> None:
        """Many events in one transaction (an import, a demo's seeded history)."""
        rows = [CountRow.of(event) for event in events]
        with self._lock:
            self._pending.extend(rows)
        self.flush()

    def flush(self) -> None:
        with self._lock:
            rows, self._pending = self._pending, []
        if not rows:
            return
        with self._db.conn:
            for row in rows:
                values = (row.day.isoformat(), *(getattr(row, name) for name in _CELL[1:]))
                self._db.execute(
                    f"INSERT INTO usage_counts ({', '.join(_CELL)}, count) "
                    f"VALUES ({', '.join('?' for _ in _CELL)}, 1) "
                    "ON CONFLICT DO UPDATE SET count = count + 1",
                    values,
                )
                self._db.execute("INSERT OR IGNORE INTO usage_dirty VALUES (?)", (values[0],))

    # --- reading ----------------------------------------------------------------------
    def counts(self, first: date, last: date) -> list[CountRow]:
        self.flush()
        rows = self._db.execute(
            f"SELECT {', '.join(_CELL)}, count FROM usage_counts WHERE day BETWEEN ? AND ? "
            "ORDER BY day, hour",
            (first.isoformat(), last.isoformat()),
        ).fetchall()
        return [CountRow(date.fromisoformat(r[0]), *r[1:]) for r in rows]

    def days(self) -> list[date]:
        self.flush()
        rows = self._db.execute("SELECT DISTINCT day FROM usage_counts ORDER BY day").fetchall()
        return [date.fromisoformat(r[0]) for r in rows]

    def daily(
        self, office_id: str, region_code: str, first: date, last: date
    ) -> list[DailyAggregate]:
        """One aggregate per day that has any counts, oldest first."""
        rows = self.counts(first, last)
        days = sorted({row.day for row in rows})
        return [build_daily(office_id, region_code, day, rows) for day in days]

    # --- the aggregate queue ------------------------------------------------------------
    def queue_changed_days(
        self, office_id: str, region_code: str, today: date, *, include_today: bool = False
    ) -> int:
        """Build the aggregate of every changed day (before `today`, unless asked) and
        queue it if its figures differ from what was queued; returns how many."""
        self.flush()
        cutoff = today if not include_today else date.max
        dirty = [
            date.fromisoformat(r[0])
            for r in self._db.execute("SELECT day FROM usage_dirty ORDER BY day").fetchall()
        ]
        queued = 0
        for day in (d for d in dirty if d < cutoff):
            aggregate = build_daily(office_id, region_code, day, self.counts(day, day))
            body, sha = aggregate.to_json_bytes(), aggregate.sha256()
            with self._db.conn:
                known = self._db.execute(
                    "SELECT sha256, revision FROM usage_outbox WHERE office_id = ? AND day = ?",
                    (office_id, day.isoformat()),
                ).fetchone()
                if known is None or known[0] != sha:
                    self._db.execute(
                        "INSERT INTO usage_outbox (office_id, day, body, sha256, revision, status, "
                        "updated_at) VALUES (?, ?, ?, ?, 1, 'pending', ?) "
                        "ON CONFLICT DO UPDATE SET body = excluded.body, sha256 = excluded.sha256, "
                        "revision = revision + 1, status = 'pending', error = NULL, "
                        "updated_at = excluded.updated_at",
                        (office_id, day.isoformat(), body, sha, now_iso()),
                    )
                    queued += 1
                self._db.execute("DELETE FROM usage_dirty WHERE day = ?", (day.isoformat(),))
        return queued

    def pending_aggregates(
        self, limit: int, office_id: str | None = None
    ) -> list[PendingAggregate]:
        """Oldest first; only `office_id`'s when given (a device moved to another office
        keeps its old days, which the platform would refuse under the new token)."""
        rows = self._db.execute(
            "SELECT office_id, day, body, sha256 FROM usage_outbox WHERE status = 'pending' "
            "AND (? IS NULL OR office_id = ?) ORDER BY day LIMIT ?",
            (office_id, office_id, limit),
        ).fetchall()
        return [PendingAggregate(r[0], date.fromisoformat(r[1]), bytes(r[2]), r[3]) for r in rows]

    def mark_aggregate_sent(self, item: PendingAggregate, server_revision: int) -> None:
        """Only if the queued body is still the one sent: a day re-aggregated meanwhile
        stays pending and goes again."""
        with self._db.conn:
            self._db.execute(
                "UPDATE usage_outbox SET status = 'sent', server_revision = ?, error = NULL, "
                "updated_at = ? WHERE office_id = ? AND day = ? AND sha256 = ?",
                (server_revision, now_iso(), item.office_id, item.day.isoformat(), item.sha256),
            )

    def mark_aggregate_rejected(self, item: PendingAggregate, reason: str) -> None:
        with self._db.conn:
            self._db.execute(
                "UPDATE usage_outbox SET status = 'rejected', error = ?, updated_at = ? "
                "WHERE office_id = ? AND day = ? AND sha256 = ?",
                (reason[:500], now_iso(), item.office_id, item.day.isoformat(), item.sha256),
            )

    def aggregate_states(self) -> dict[str, str]:
        """Day (ISO) -> pending / sent / rejected, for the dashboard and `kiosk doctor`."""
        rows = self._db.execute("SELECT day, status FROM usage_outbox ORDER BY day").fetchall()
        return {str(day): str(status) for day, status in rows}

    def queue(
        self, office_id: str, region_code: str, today: Callable[[], date] = athens_today
    ) -> AggregateOutbox:
        """The sync engine's view of the queue for this office (sync.engine.AggregateQueue)."""
        return AggregateOutbox(self, office_id, region_code, today)


class AggregateOutbox:
    """Queues the changed closed days when the engine asks what is pending."""

    def __init__(
        self, usage: Usage, office_id: str, region_code: str, today: Callable[[], date]
    ) -> None:
        self.usage, self.office_id, self.region_code, self._today = (
            usage, office_id, region_code, today,
        )  # fmt: skip

    def pending_aggregates(self, limit: int) -> list[PendingAggregate]:
        self.usage.queue_changed_days(self.office_id, self.region_code, self._today())
        return self.usage.pending_aggregates(limit, self.office_id)

    def mark_aggregate_sent(self, item: PendingAggregate, server_revision: int) -> None:
        self.usage.mark_aggregate_sent(item, server_revision)

    def mark_aggregate_rejected(self, item: PendingAggregate, reason: str) -> None:
        self.usage.mark_aggregate_rejected(item, reason)
