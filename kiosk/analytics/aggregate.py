"""Daily aggregates: what one office's devices saw in one day, as counts.

The store keeps events only as counters (one row per day, hour and kind of event, with
a count), never one row per event, so nothing in it lines up the events of one
applicant. A `DailyAggregate` is built from those counters; it is the document that
the dashboard reads and that goes to the platform (`PUT /v1/aggregates/{office}/{day}`),
serialised canonically so that the same day's figures are always the same bytes.
Durations are kept as histograms in buckets (5 s up to 2 minutes, 15 s up to 10, then
minutes), enough for a median and too coarse to single anyone out.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Annotated, Any, Literal

import msgspec
from msgspec import Meta

from kiosk.analytics.events import UsageEvent
from kiosk.records import Record, whole
from kiosk.submission import Channel

USAGE_SCHEMA: Literal["periferia.usage/1"] = "periferia.usage/1"
OFFICE_ID = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"
_ID = r"^[a-z_][a-z0-9_.]{0,129}$"
Id = Annotated[str, Meta(pattern=whole(_ID))]
Count = Annotated[int, Meta(ge=0)]


def duration_bucket(seconds: int) -> int:
    """Seconds rounded down to the bucket they are counted in."""
    if seconds < 120:
        return seconds - seconds % 5
    if seconds < 600:
        return seconds - seconds % 15
    return seconds - seconds % 60


class CountRow(msgspec.Struct, frozen=True):
    """One counter of the store: how many events of one kind in one cell."""

    day: date
    hour: int  # Athens hour for `started`, -1 for every other kind
    procedure_id: str
    channel: Channel
    kind: str
    step_id: str = ""
    field_id: str = ""
    document_id: str = ""
    detail: str = ""
    seconds: int = -1  # the duration bucket for *_time kinds, else -1
    count: int = 1

    @classmethod
    def of(cls, event: UsageEvent) -> CountRow:
        seconds = -1 if event.seconds is None else duration_bucket(event.seconds)
        # Only demand needs the hour. Kept on the other kinds, an hour with one applicant
        # would tie their errors and documents to the time printed on their receipt.
        hour = event.hour if event.kind == "started" else -1
        return cls(
            event.day, hour, event.procedure_id, event.channel, event.kind,
            event.step_id, event.field_id, event.document_id, event.detail, seconds,
        )  # fmt: skip


class ErrorCount(Record, frozen=True, kw_only=True):
    """How many applicants one validation rule of one field stopped."""

    step_id: Id
    field_id: Id
    rule: Id
    count: Count


class ProcedureDay(Record, frozen=True, kw_only=True):
    """One procedure on one channel, one day. Counts are of applicants (journeys)."""

    procedure_id: Annotated[str, Meta(pattern=whole(r"^[a-z0-9][a-z0-9-]{1,79}$"))]
    channel: Channel
    started_by_hour: Annotated[list[int], Meta(min_length=24, max_length=24)]  # Athens hours
    submitted: Count = 0
    reached: dict[str, int] = msgspec.field(
        default_factory=dict
    )  # step -> applicants who reached it
    abandoned: dict[str, int] = msgspec.field(
        default_factory=dict
    )  # step -> applicants who left there
    abandon_reasons: dict[str, int] = msgspec.field(
        default_factory=dict
    )  # idle / home / overview -> applicants
    errors: list[ErrorCount] = msgspec.field(default_factory=list)
    documents: dict[str, dict[str, int]] = msgspec.field(
        default_factory=dict
    )  # document -> status -> submissions
    step_seconds: dict[str, dict[int, int]] = msgspec.field(
        default_factory=dict
    )  # step -> seconds bucket -> count
    completion_seconds: dict[int, int] = msgspec.field(
        default_factory=dict
    )  # seconds bucket -> submissions

    def __post_init__(self) -> None:
        if any(n < 0 for n in self.started_by_hour):
            raise ValueError("started_by_hour: counts cannot be negative")

    @property
    def started(self) -> int:
        return sum(self.started_by_hour)


class DailyAggregate(Record, frozen=True, kw_only=True):
    """One office's day in counts (periferia.usage/1): per procedure and channel, never
    per applicant. Canonical JSON: the same figures, the same bytes."""

    schema_: Literal["periferia.usage/1"] = msgspec.field(default=USAGE_SCHEMA, name="schema")
    office_id: Annotated[str, Meta(pattern=whole(OFFICE_ID))]
    region_code: Annotated[str, Meta(pattern=whole(r"^[0-9]{1,2}$"))]
    day: date
    procedures: list[ProcedureDay] = msgspec.field(default_factory=list)

    def to_data(self) -> dict[str, Any]:
        """As JSON values; the seconds buckets' keys as strings, as JSON has them."""
        data: dict[str, Any] = msgspec.to_builtins(self, str_keys=True)
        return data

    def to_json_bytes(self) -> bytes:
        """Canonical JSON (sorted keys, no spaces, ASCII): the same figures, the same
        bytes, and the same bytes as the pydantic model wrote (tests/sync/golden)."""
        return json.dumps(self.to_data(), sort_keys=True, separators=(",", ":")).encode()

    @classmethod
    def from_json_bytes(cls, raw: bytes) -> DailyAggregate:
        return msgspec.json.decode(raw, type=cls)

    @classmethod
    def from_data(cls, data: Any) -> DailyAggregate:
        """From parsed JSON (string keys for the seconds buckets) or Python values."""
        return msgspec.convert(data, cls, str_keys=True)

    def sha256(self) -> str:
        return hashlib.sha256(self.to_json_bytes()).hexdigest()


class PendingAggregate(msgspec.Struct, frozen=True):
    """A day's aggregate waiting to reach the platform."""

    office_id: str
    day: date
    body: bytes  # DailyAggregate.to_json_bytes()
    sha256: str


def _add(table: dict[str, int], key: str, count: int) -> None:
    table[key] = table.get(key, 0) + count


def _add_seconds(table: dict[int, int], key: int, count: int) -> None:
    table[key] = table.get(key, 0) + count


class _Cell(msgspec.Struct):
    """One (procedure, channel)'s figures while the counters are read."""

    started_by_hour: list[int] = msgspec.field(default_factory=lambda: [0] * 24)
    submitted: int = 0
    reached: dict[str, int] = {}
    abandoned: dict[str, int] = {}
    abandon_reasons: dict[str, int] = {}
    errors: dict[tuple[str, str, str], int] = {}
    documents: dict[str, dict[str, int]] = {}
    step_seconds: dict[str, dict[int, int]] = {}
    completion_seconds: dict[int, int] = {}

    def add(self, row: CountRow) -> None:
        n = row.count
        if row.kind == "started":
            self.started_by_hour[row.hour] += n
        elif row.kind == "submitted":
            self.submitted += n
        elif row.kind == "step_reached":
            _add(self.reached, row.step_id, n)
        elif row.kind == "abandoned":
            _add(self.abandoned, row.step_id, n)
            _add(self.abandon_reasons, row.detail, n)
        elif row.kind == "validation_failed":
            key = (row.step_id, row.field_id, row.detail)
            self.errors[key] = self.errors.get(key, 0) + n
        elif row.kind == "document":
            _add(self.documents.setdefault(row.document_id, {}), row.detail, n)
        elif row.kind == "step_time":
            _add_seconds(self.step_seconds.setdefault(row.step_id, {}), row.seconds, n)
        elif row.kind == "completion_time":
            _add_seconds(self.completion_seconds, row.seconds, n)

    def figures(self, procedure_id: str, channel: Channel) -> ProcedureDay:
        return ProcedureDay(
            procedure_id=procedure_id,
            channel=channel,
            started_by_hour=self.started_by_hour,
            submitted=self.submitted,
            reached=self.reached,
            abandoned=self.abandoned,
            abandon_reasons=self.abandon_reasons,
            errors=[
                ErrorCount(step_id=s, field_id=f, rule=r, count=n)
                for (s, f, r), n in sorted(self.errors.items())
            ],
            documents=self.documents,
            step_seconds=self.step_seconds,
            completion_seconds=self.completion_seconds,
        )


def build_daily(
    office_id: str, region_code: str, day: date, rows: Iterable[CountRow]
) -> DailyAggregate:
    """The day's aggregate from the store's counters (rows of other days are ignored)."""
    cells: dict[tuple[str, Channel], _Cell] = {}
    for row in rows:
        if row.day == day:
            cells.setdefault((row.procedure_id, row.channel), _Cell()).add(row)
    procedures = [cells[key].figures(*key) for key in sorted(cells)]
    return DailyAggregate(
        office_id=office_id, region_code=region_code, day=day, procedures=procedures
    )


def histogram_median(histogram: Mapping[int, int]) -> float | None:
    """The median of values counted in buckets (the lower median's bucket)."""
    total = sum(histogram.values())
    if total == 0:
        return None
    seen, middle = 0, (total + 1) // 2
    for seconds in sorted(histogram):
        seen += histogram[seconds]
        if seen >= middle:
            return float(seconds)
    return None  # pragma: no cover - unreachable: seen reaches total
