"""SyncEngine: drains the outbox to the platform, exactly once, one drain at a time.

A drain starts with a real health check against the server (the OS only knows a route
exists, STACK-NOTES). Each item's attachments go first (resumable), then the body; only
a well-formed acknowledgement marks it accepted, with the server's protocol number and
time (the device clock may be wrong). Invalid items are quarantined and the drain goes
on (CommCare's lesson); transient failures are retried with exponential backoff and
full jitter, honouring Retry-After, and when they persist the drain stops and puts the
rest back, so a dead link is not hammered. Safe to call from a worker thread; the
state callback runs on that thread (the UI marshals it to its own).

After the submissions, the day aggregates of usage (anonymous counts, their own queue:
`aggregates`) go too. They never hold a submission back nor fail a drain: one the
platform refuses is set aside, and a link failure leaves the rest for the next drain.
Parked drafts' sealed copies (`parked`, kiosk.store.parking) go the same way, after the
submissions (push_parked): a draft parked while the link was down goes up with the
first drain that finds the platform, exactly once (the platform's PUT is idempotent).
"""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Callable
from datetime import datetime
from typing import Protocol
from uuid import UUID

import msgspec

from kiosk.analytics.aggregate import PendingAggregate
from kiosk.catalog.bundle import BundleError
from kiosk.catalog.install import InstallBusyError
from kiosk.ports import AttachmentUnavailableError, OutboxItem, OutboxPort
from sync.client import PlatformClient
from sync.errors import (
    AuthError,
    CancelledError,
    ConflictError,
    RejectedError,
    RevokedError,
    TransientError,
)
from sync.office_feed import HeartbeatSender, OfficeFeed, RefusedReporter
from sync.parked import ParkedQueue, push_queue
from sync.protocol import Acknowledgement, now_utc

log = logging.getLogger(__name__)

# What the app sends at once (ui/startup/loading.py): on a link with latency one PUT at a
# time costs a round trip each. benchmarks/links.py measured office DSL and rural 3G.
SEND_CONCURRENCY = 16


class Backoff(msgspec.Struct, frozen=True):
    base: float = 1.0
    cap: float = 300.0
    max_retry_after: float = 900.0

    def delay(
        self, attempt: int, retry_after: float | None = None, rng: random.Random | None = None
    ) -> float:
        """Full jitter (uniform 0..min(cap, base·2^attempt)). Retry-After is a floor and
        the jitter goes on top of it: a fleet told "1 s" by a busy platform must not
        come back in the same millisecond (taking the larger of the two did exactly that,
        as every jitter under 1 s became 1 s)."""
        ceiling = min(self.cap, self.base * (2**attempt))
        jittered = (rng or random).uniform(0, ceiling)
        if retry_after is not None:
            return min(retry_after + jittered, self.max_retry_after)
        return jittered


class SyncState(msgspec.Struct, frozen=True):
    pending: int = 0
    running: bool = False
    online: bool | None = None  # None until the first health check
    last_success_at: datetime | None = None
    last_error: str | None = None
    last_error_at: datetime | None = None
    quarantined: int = 0  # by this engine since it started
    clock_skew_seconds: float | None = None  # server minus device
    catalog_refused: str | None = None  # why the platform's catalog bundle was refused
    revoked: bool = False  # the platform revoked this device (403 device_revoked)


class DrainResult(msgspec.Struct, frozen=True):
    accepted: tuple[UUID, ...] = ()
    quarantined: tuple[UUID, ...] = ()
    retried: tuple[UUID, ...] = ()
    skipped: bool = False  # another drain was running
    cancelled: bool = False
    error: str | None = None
    status_updates: int = 0
    aggregates_sent: int = 0
    parked_sent: int = 0
    office_changes: int = 0  # rows of the office's applications the local copy took

    @property
    def ok(self) -> bool:
        return self.error is None and not self.skipped and not self.cancelled


class StatusCursor(Protocol):
    def get(self) -> int: ...
    def set(self, value: int) -> None: ...


class MemoryCursor(msgspec.Struct):
    value: int = 0

    def get(self) -> int:
        return self.value

    def set(self, value: int) -> None:
        self.value = value


class CatalogSink(Protocol):
    """Where a fetched bundle goes: it verifies the signature (with the office's key)
    and installs it, or refuses it and keeps the previous one."""

    def current_etag(self) -> str | None: ...
    def install(self, bundle: bytes, etag: str | None) -> None: ...
    def refused(self) -> str | None: ...


class AggregateQueue(Protocol):
    """Daily usage aggregates waiting for the platform (kiosk.store.usage.AggregateOutbox)."""

    def pending_aggregates(self, limit: int) -> list[PendingAggregate]: ...
    def mark_aggregate_sent(self, item: PendingAggregate, server_revision: int) -> None: ...
    def mark_aggregate_rejected(self, item: PendingAggregate, reason: str) -> None: ...


class _Tally(msgspec.Struct):
    accepted: list[UUID] = msgspec.field(default_factory=list)
    quarantined: list[UUID] = msgspec.field(default_factory=list)
    retried: list[UUID] = msgspec.field(default_factory=list)


class _StopDrainError(Exception):
    def __init__(self, reason: str, cancelled: bool = False) -> None:
        super().__init__(reason)
        self.cancelled = cancelled


class SyncEngine:
    def __init__(
        self,
        client: PlatformClient,
        outbox: OutboxPort,
        *,
        batch_size: int = 50,
        attempts_per_drain: int = 4,
        backoff: Backoff | None = None,
        on_state: Callable[[SyncState], None] | None = None,
        status_cursor: StatusCursor | None = None,
        pull_status: bool = True,
        clock: Callable[[], datetime] = now_utc,
        aggregates: AggregateQueue | None = None,
        parked: ParkedQueue | None = None,
        concurrency: int = 1,
        office: OfficeFeed | None = None,
        heartbeat: HeartbeatSender | None = None,
        refused: RefusedReporter | None = None,
    ) -> None:
        self.client = client
        # Requests in flight at once: on a link with latency one PUT at a time costs a
        # round trip each. Each PUT is idempotent by submission id, so exactly-once holds.
        self.concurrency = max(1, concurrency)
        self.outbox = outbox
        self.batch_size = batch_size
        self.attempts_per_drain = attempts_per_drain
        self.backoff = backoff or Backoff()
        self.status_cursor = status_cursor or MemoryCursor()
        self._pull_status = pull_status
        self.aggregates = aggregates
        self.parked = parked
        self.office = office  # the office's applications for the counter's list
        self.heartbeat = heartbeat  # the fleet page's news of this device
        self.refused = refused  # a kiosk's refused applications, for the office's counters
        self._on_state = on_state
        self._clock = clock
        self._drain_lock = threading.Lock()
        self._state_lock = threading.Lock()
        self._cancel = threading.Event()
        self._state = SyncState()

    # -- observable state ------------------------------------------------------------

    def state(self) -> SyncState:
        with self._state_lock:
            return self._state

    def set_state_listener(self, listener: Callable[[SyncState], None] | None) -> None:
        """Called with each new state, on whichever thread the engine runs."""
        self._on_state = listener

    def _update(self, **changes: object) -> None:
        with self._state_lock:
            self._state = msgspec.structs.replace(self._state, **changes)
            snapshot = self._state
        if self._on_state is not None:
            self._on_state(snapshot)

    def _failed(self, error: str) -> None:
        log.warning("sync: %s", error)
        self._update(last_error=error, last_error_at=self._clock())

    def cancel(self) -> None:
        """Stop the running drain at the next safe point; its items go back to the queue."""
        self._cancel.set()

    # -- drain -----------------------------------------------------------------------

    def drain_once(self) -> DrainResult:
        if not self._drain_lock.acquire(blocking=False):
            return DrainResult(skipped=True)
        self._cancel.clear()
        tally = _Tally()
        error: str | None = None
        cancelled = False
        status_updates = sent = parked_sent = office_changes = 0
        try:
            self._update(running=True, pending=self.outbox.pending_count())
            try:
                self._check_health()
                self._drain(tally)
                parked_sent = self.push_parked()
                sent = self.push_aggregates()
                if self._pull_status:
                    status_updates = self.pull_status()
                if self.refused is not None:
                    self.refused.push(self.client, self._cancel.is_set)
                if self.office is not None:
                    office_changes = self.office.pull(self.client, self._cancel.is_set)
                if self.heartbeat is not None:
                    self.heartbeat.maybe_send(self.client, self._clock())
            except _StopDrainError as stop:
                error, cancelled = (None if stop.cancelled else str(stop)), stop.cancelled
        finally:
            try:
                self._update(running=False, pending=self.outbox.pending_count())
            finally:  # a count that fails (a locked database) must not keep the lock
                self._drain_lock.release()
        if error is None and not cancelled:
            self._update(last_success_at=self._clock(), last_error=None)
        return DrainResult(
            tuple(tally.accepted),
            tuple(tally.quarantined),
            tuple(tally.retried),
            cancelled=cancelled,
            error=error,
            status_updates=status_updates,
            aggregates_sent=sent,
            parked_sent=parked_sent,
            office_changes=office_changes,
        )

    def _check_health(self) -> None:
        for attempt in range(self.attempts_per_drain):
            try:
                health = self.client.health()
            except TransientError as failure:
                self._failed(f"health check: {failure}")
                if attempt + 1 < self.attempts_per_drain:
                    self._wait(self.backoff.delay(attempt, failure.retry_after))
                continue
            skew = health.clock_skew.total_seconds()
            self._update(online=True, clock_skew_seconds=skew)
            if abs(skew) > 300:
                log.warning("sync: device clock is off by %.0f s from the platform", -skew)
            return
        self._update(online=False)
        raise _StopDrainError(self.state().last_error or "platform unreachable")

    def _drain(self, tally: _Tally) -> None:
        while batch := self.outbox.next_batch(self.batch_size):
            if self.concurrency == 1:
                self._drain_serially(batch, tally)
            else:
                self._drain_concurrently(batch, tally)
            self._update(pending=self.outbox.pending_count())

    def _drain_serially(self, batch: list[OutboxItem], tally: _Tally) -> None:
        for index, item in enumerate(batch):
            try:
                self._record(item, self._deliver(item, threading.Event()), tally)
            except BaseException as stop:
                self._put_back(batch[index:], stop, item, tally)

    def _drain_concurrently(self, batch: list[OutboxItem], tally: _Tally) -> None:
        # Workers only talk to the platform; the outbox is marked here, on the drain's
        # thread (a store's SQLite connection belongs to it), in the batch's order.
        from concurrent.futures import ThreadPoolExecutor  # at the first batch, not at start

        halt = threading.Event()
        stop: BaseException | None = None
        failed: list[OutboxItem] = []
        with ThreadPoolExecutor(self.concurrency, thread_name_prefix="sync-send") as pool:
            futures = [pool.submit(self._deliver, item, halt) for item in batch]
            for item, future in zip(batch, futures, strict=True):
                try:
                    outcome = future.result()
                except BaseException as error:
                    halt.set()  # the items not started yet stay queued
                    stop = stop if stop is not None else error
                    failed.append(item)
                    continue
                try:
                    self._record(item, outcome, tally)  # accepted by the platform: keep it
                except BaseException as error:
                    halt.set()
                    stop = stop if stop is not None else error
                    failed.append(item)
        if stop is not None:
            self._put_back(failed, stop, failed[0], tally)

    def _put_back(
        self, rest: list[OutboxItem], stop: BaseException, item: OutboxItem, tally: _Tally
    ) -> None:
        """Nothing taken from the outbox may stay in `sending`: re-raises `stop`."""
        reason = (
            ("cancelled" if stop.cancelled else str(stop))
            if isinstance(stop, _StopDrainError)
            else f"internal error ({type(stop).__name__})"
        )
        for left in rest:
            self.outbox.mark_retry(left.submission_id, reason)
            tally.retried.append(left.submission_id)
        if isinstance(stop, Exception) and not isinstance(stop, _StopDrainError):
            log.error("sync: %s while sending %s", reason, item.submission_id)
            raise _StopDrainError(reason) from stop
        raise stop

    def _deliver(
        self, item: OutboxItem, halt: threading.Event
    ) -> Acknowledgement | tuple[str, dict[str, str]]:
        """The platform's acknowledgement, or why to quarantine; marks nothing."""
        sid = item.submission_id
        for attempt in range(self.attempts_per_drain):
            if self._cancel.is_set():
                raise _StopDrainError("cancelled", cancelled=True)
            if halt.is_set():
                raise _StopDrainError("another send stopped the drain")
            try:
                for attachment in item.attachments:
                    self._upload(attachment.sha256)
                return self.client.put_submission(sid, item.body)
            except CancelledError as stop:
                raise _StopDrainError("cancelled", cancelled=True) from stop
            except ConflictError as conflict:
                return f"conflict: {conflict}", conflict.field_errors
            except RejectedError as rejection:
                return str(rejection), rejection.field_errors
            except AuthError as refusal:
                self._failed(str(refusal))
                self._update(revoked=isinstance(refusal, RevokedError))
                raise _StopDrainError(str(refusal)) from refusal
            except TransientError as failure:
                self._failed(f"{sid}: {failure}")
                if attempt + 1 == self.attempts_per_drain:
                    raise _StopDrainError(str(failure)) from failure
                self._wait(self.backoff.delay(attempt, failure.retry_after))
        raise _StopDrainError("no attempts allowed")  # attempts_per_drain < 1

    def _record(
        self,
        item: OutboxItem,
        outcome: Acknowledgement | tuple[str, dict[str, str]],
        tally: _Tally,
    ) -> None:
        sid = item.submission_id
        if isinstance(outcome, tuple):
            self._quarantine(sid, outcome[0], outcome[1], tally)
            return
        self.outbox.mark_accepted(sid, outcome.protocol_number, outcome.received_at)
        tally.accepted.append(sid)

    def _upload(self, sha256: str) -> None:
        # The reader decrypts in memory from any offset: no clear copy touches the disk.
        try:
            source = self.outbox.open_attachment(sha256)
        except (FileNotFoundError, AttachmentUnavailableError) as error:
            raise RejectedError(f"attachment {sha256[:12]} missing locally") from error
        try:
            self.client.upload_attachment(sha256, source, self._cancel.is_set)
        except AttachmentUnavailableError as error:
            raise RejectedError(f"attachment {sha256[:12]} unreadable locally") from error
        finally:
            source.close()

    def _quarantine(
        self, sid: UUID, reason: str, field_errors: dict[str, str], tally: _Tally
    ) -> None:
        log.warning("sync: quarantined %s: %s", sid, reason)
        self.outbox.mark_quarantined(sid, reason, field_errors)
        tally.quarantined.append(sid)
        self._update(quarantined=self.state().quarantined + 1)

    def _wait(self, seconds: float) -> None:
        if self._cancel.wait(seconds):
            raise _StopDrainError("cancelled", cancelled=True)

    def push_parked(self) -> int:
        """Upload the parked drafts waiting here (and delete on the platform those picked
        up here); returns how many the platform acknowledged."""
        if self.parked is None:
            return 0
        return push_queue(self.client, self.parked, self._cancel.is_set)

    def push_aggregates(self, limit: int = 31) -> int:
        """Send the pending day aggregates; returns how many the platform acknowledged."""
        if self.aggregates is None:
            return 0
        sent = 0
        for item in self.aggregates.pending_aggregates(limit):
            if self._cancel.is_set():
                break
            try:
                receipt = self.client.put_aggregate(item.office_id, item.day, item.body)
            except (RejectedError, ConflictError) as refusal:
                log.warning("sync: aggregate %s refused: %s", item.day, refusal)
                self.aggregates.mark_aggregate_rejected(item, str(refusal))
                continue
            except (TransientError, AuthError) as failure:
                log.info("sync: aggregates wait for the next drain: %s", failure)
                break
            self.aggregates.mark_aggregate_sent(item, receipt.revision)
            sent += 1
        return sent

    # -- pulls -----------------------------------------------------------------------

    def pull_status(self, page: int = 200) -> int:
        """Apply status changes since the stored cursor; returns how many."""
        applied = 0
        while True:
            try:
                updates, cursor = self.client.status_since(self.status_cursor.get(), page)
            except (TransientError, AuthError) as failure:
                self._failed(f"status: {failure}")
                if isinstance(failure, RevokedError) != self.state().revoked:
                    self._update(revoked=isinstance(failure, RevokedError))
                return applied
            for update in updates:
                self.outbox.apply_status(update)
            self.status_cursor.set(cursor)
            applied += len(updates)
            if len(updates) < page:
                return applied

    def pull_catalog(self, sink: CatalogSink) -> bool:
        """Fetch the catalog if it changed; True when a new bundle was installed. A
        refused one is logged in one line and kept in the state (`catalog_refused`); the
        installed catalog stays, and the sink makes sure it is not fetched again."""
        etag = sink.current_etag()
        fetched = self.client.fetch_catalog(etag)
        if fetched.not_modified or fetched.bundle is None:
            refused = sink.refused()  # still refused, perhaps since before a restart
            standing = _catalog_refusal(etag, refused) if refused else None
            if standing != self.state().catalog_refused:
                self._update(catalog_refused=standing)
            return False
        try:
            sink.install(fetched.bundle, fetched.etag)
        except InstallBusyError as busy:  # nothing wrong with the bundle: next pull
            log.info("catalog: %s", busy)
            return False
        except BundleError as error:
            reason = _catalog_refusal(fetched.etag, str(error))
            log.warning("catalog refused, the installed one stays: %s", reason)
            self._update(catalog_refused=reason)
            return False
        self._update(catalog_refused=None)
        return True


def _catalog_refusal(etag: str | None, reason: str) -> str:
    """One line naming the file (the platform's bundle, by its ETag) and the problem."""
    return f"catalog bundle from the platform (ETag {etag or 'none'}): {reason}"
