"""Anonymous usage events, and the recorder the screens call with intent-named methods.

What an event may carry is closed by construction: the procedure id, the channel, ids
taken from the definition (step, field, document), a validation rule name, a reason or
document status from a fixed list, whole seconds, and the local day and hour. No
submission id, no answer, no free text: every text slot is checked against the
definition's identifier pattern, so a value typed by an applicant cannot get in even by
mistake (an answer is refused with ValueError before it is stored).

The recorder follows one journey at a time (one applicant at a device), so that it can
measure the time spent on each step and count each step reached and each validation
error once per applicant: the figures then read as "share of applicants who...".
Time comes from an injected clock; the hour is the Athens hour of the event, coarse
enough that an event cannot be matched to a receipt's minute, and the store keeps it
only for `started` (demand by hour): errors, documents and exits keep the day alone.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Literal, Protocol, get_args

import msgspec

from kiosk import regions
from kiosk.submission import Channel, DocumentStatus

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

log = logging.getLogger(__name__)

EventKind = Literal[
    "started", "step_reached", "validation_failed", "abandoned", "submitted",
    "step_time", "completion_time", "document",
]  # fmt: skip
AbandonReason = Literal["idle", "home", "overview"]
CHANNELS: tuple[str, ...] = get_args(Channel)

# The review is a place in the journey but not a step of the definition; a leading
# underscore cannot collide with a definition id (they start with a letter).
REVIEW = "_review"

_ID = r"[a-z][a-z0-9_]{0,63}"
_SUBJECT = re.compile(rf"^(?:{_ID}(?:\.{_ID})?|{REVIEW})?$")  # step, field, group.field
_PROCEDURE = re.compile(r"^[a-z0-9][a-z0-9-]{1,79}$")
_ITEM_INDEX = re.compile(r"\[\d+\]")
MAX_SECONDS = 4 * 3600  # a kiosk left open all morning is not "time on the step"


def field_key(path: str) -> str:
    """`vehicles[2].plate` -> `vehicles.plate`: which item it was is nobody's business."""
    return _ITEM_INDEX.sub("", path)


class UsageEvent(msgspec.Struct, frozen=True):
    kind: EventKind
    day: date
    hour: int  # 0-23, Athens time
    procedure_id: str
    channel: Channel
    step_id: str = ""
    field_id: str = ""
    document_id: str = ""
    detail: str = ""  # the rule, the abandon reason or the document status
    seconds: int | None = None  # step_time and completion_time only

    def __post_init__(self) -> None:
        problems = []
        if self.kind not in get_args(EventKind):
            problems.append(f"kind {self.kind!r}")
        if not _PROCEDURE.match(self.procedure_id):
            problems.append("procedure_id is not a procedure id")
        if self.channel not in CHANNELS:
            problems.append(f"channel must be one of {CHANNELS}")
        if not 0 <= self.hour <= 23:
            problems.append("hour must be 0-23")
        for name in ("step_id", "field_id", "document_id"):
            if not _SUBJECT.match(getattr(self, name)):
                problems.append(f"{name} is not a definition id")
        if self.detail and not re.fullmatch(_ID, self.detail):
            problems.append("detail is not a rule, reason or status name")
        if self.seconds is not None and not 0 <= self.seconds <= MAX_SECONDS:
            problems.append(f"seconds must be 0-{MAX_SECONDS}")
        if problems:
            # Never echo the offending values: one of them might be an answer.
            raise ValueError("usage event refused: " + "; ".join(problems))


class UsageSink(Protocol):
    """Where events go (kiosk.store.usage.Usage counts them per day)."""

    def record(self, event: UsageEvent) -> None: ...


class MemorySink(msgspec.Struct):
    """Events kept in a list: for tests and for a device without a store."""

    events: list[UsageEvent] = msgspec.field(default_factory=list)

    def record(self, event: UsageEvent) -> None:
        self.events.append(event)


class _Journey(msgspec.Struct):
    procedure_id: str
    channel: Channel
    started_at: datetime
    step_id: str = ""
    step_since: datetime | None = None
    seconds: dict[str, float] = msgspec.field(default_factory=dict)
    reached: set[str] = msgspec.field(default_factory=set)
    failed: set[tuple[str, str]] = msgspec.field(default_factory=set)


def _utc_now() -> datetime:
    return datetime.now(UTC)


class UsageRecorder:
    """Intent-named calls for the screens; one journey (applicant) at a time.

    Calls for a procedure other than the journey's, or after it ended, are ignored:
    a stray call from a screen must never raise into the UI nor skew the figures."""

    def __init__(
        self,
        sink: UsageSink,
        clock: Callable[[], datetime] = _utc_now,
        zone: ZoneInfo | None = None,  # None: Greek time (regions.ATHENS), at the first event
    ) -> None:
        self._sink, self._clock, self._zone = sink, clock, zone
        self._journey: _Journey | None = None

    @property
    def in_journey(self) -> bool:
        return self._journey is not None

    def procedure_started(self, procedure_id: str, channel: Channel) -> None:
        now = self._clock()
        self._journey = _Journey(procedure_id, channel, now)
        self._emit("started", now)

    def step_reached(self, procedure_id: str, step_id: str) -> None:
        journey = self._current(procedure_id)
        if journey is None or step_id == journey.step_id:
            return
        now = self._clock()
        self._close_step(journey, now)
        journey.step_id, journey.step_since = step_id, now
        if step_id not in journey.reached:
            journey.reached.add(step_id)
            self._emit("step_reached", now, step_id=step_id)

    def validation_failed(self, procedure_id: str, step_id: str, field_id: str, rule: str) -> None:
        """Counted once per applicant, field and rule (typing on, or pressing Continue
        again, is the same difficulty, not a new one)."""
        journey = self._current(procedure_id)
        key = (field_key(field_id), rule)
        if journey is None or key in journey.failed:
            return
        journey.failed.add(key)
        self._emit(
            "validation_failed", self._clock(), step_id=step_id, field_id=key[0], detail=rule
        )

    def documents_marked(self, procedure_id: str, statuses: Mapping[str, DocumentStatus]) -> None:
        """The checklist at submission: which documents are to bring, attached, or
        fetched by the administration (not-required ones are not counted)."""
        journey = self._current(procedure_id)
        if journey is None:
            return
        now = self._clock()
        for document_id, status in sorted(statuses.items()):
            if status != "not_required":
                self._emit("document", now, document_id=document_id, detail=status)

    def submitted(self, procedure_id: str) -> None:
        journey = self._current(procedure_id)
        if journey is None:
            return
        now = self._clock()
        self._end(journey, now)
        self._emit("submitted", now, step_id=journey.step_id)
        self._emit("completion_time", now, seconds=_whole(now - journey.started_at))
        self._journey = None

    def abandoned(self, procedure_id: str, step_id: str, reason: AbandonReason) -> None:
        journey = self._current(procedure_id)
        if journey is None:
            return
        now = self._clock()
        self._end(journey, now)
        where = step_id or journey.step_id
        self._emit("abandoned", now, step_id=where, detail=reason)
        self._journey = None

    def abandon_open_journey(self, reason: AbandonReason) -> None:
        """Whatever journey is open ends here (the kiosk's idle wipe); none: nothing."""
        if self._journey is not None:
            self.abandoned(self._journey.procedure_id, self._journey.step_id, reason)

    # --- internals --------------------------------------------------------------------
    def _current(self, procedure_id: str) -> _Journey | None:
        journey = self._journey
        return journey if journey is not None and journey.procedure_id == procedure_id else None

    def _close_step(self, journey: _Journey, now: datetime) -> None:
        if journey.step_id and journey.step_since is not None:
            spent = max(0.0, (now - journey.step_since).total_seconds())
            journey.seconds[journey.step_id] = journey.seconds.get(journey.step_id, 0.0) + spent

    def _end(self, journey: _Journey, now: datetime) -> None:
        self._close_step(journey, now)
        journey.step_since = now
        for step_id, spent in sorted(journey.seconds.items()):
            self._emit("step_time", now, step_id=step_id, seconds=min(round(spent), MAX_SECONDS))

    def _emit(
        self,
        kind: EventKind,
        at: datetime,
        *,
        step_id: str = "",
        field_id: str = "",
        document_id: str = "",
        detail: str = "",
        seconds: int | None = None,
    ) -> None:
        journey = self._journey
        assert journey is not None
        local = at.astimezone(self._zone or regions.ATHENS)
        try:
            event = UsageEvent(
                kind, local.date(), local.hour, journey.procedure_id, journey.channel,
                step_id=step_id, field_id=field_id, document_id=document_id, detail=detail,
                seconds=seconds,
            )  # fmt: skip
            self._sink.record(event)
        except ValueError as refused:  # never anything shaped like an answer: dropped
            log.warning("%s", refused)
        except Exception as error:  # a full disk must never stop an applicant's form
            log.warning("usage: an event was not recorded (%s)", type(error).__name__)


def _whole(elapsed: timedelta) -> int:
    return min(max(0, round(elapsed.total_seconds())), MAX_SECONDS)
