"""The network lane: the sync engine drains the outbox on its own thread, never the
GUI's, and reports back by signals delivered on the GUI thread.

Anki's lesson: database work on one serial lane, network work on another. The lane's
engine must use its own store connection; the screens keep theirs. `kick()` asks for a
drain now (a citizen just submitted); otherwise the lane drains every `interval_s`,
backing off while the link fails.

Built on ui.tasks like every other worker, but with a `Lane` of its own that runs one
long task, the loop: a drain can wait minutes on a dead link (backoff, Retry-After), and
a registry look-up or a sign-in queued behind it would wait as long.

Housekeeping (the office file's retention) runs on this lane too, every
`housekeeping_every_s` (6 hours): a kiosk runs for weeks without a restart, and retention
only at start would keep a citizen's answers for as long. It uses the lane's own store
connection, on the lane's thread, between drains.

The loop survives anything a cycle raises (a keyring that cannot give the token, a
locked database, a bug): it logs it, says so in `fault` (the sync bar shows «Σφάλμα
συγχρονισμού — νέα προσπάθεια στις …»), backs off and tries again. Before, one such
exception ended the thread and nothing was sent until the app restarted."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import msgspec
from PySide6.QtCore import QObject, Signal, SignalInstance
from shiboken6 import isValid

from sync.engine import CatalogSink, DrainResult, SyncEngine, SyncState
from ui.tasks import Lane, run_on_main

log = logging.getLogger(__name__)


class LaneFault(msgspec.Struct, frozen=True):
    """The last cycle of the lane failed with an unexpected error; it tries again."""

    error: str  # the exception's type only: its message may carry what is not logged
    retry_at: datetime


class SyncLane(QObject):
    # The signals carry no Python objects (ui.tasks): receivers read `state`, `fault`
    # and `last_result`, which are guarded by locks.
    state_changed = Signal()  # the engine's state or the lane's fault moved
    drained = Signal()  # a drain finished: see last_result
    catalog_installed = Signal()  # a newer signed catalog was installed (used from next start)

    def __init__(
        self,
        engine: SyncEngine,
        interval_s: float = 30.0,
        parent: QObject | None = None,
        *,
        catalog_sink: CatalogSink | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        housekeeping: Callable[[], None] | None = None,
        housekeeping_every_s: float = 6 * 3600,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("network-lane")
        self._engine = engine
        self._interval_s = interval_s
        self._catalog_sink = catalog_sink
        self._clock = clock
        self._housekeeping = housekeeping
        self._housekeeping_every_s = housekeeping_every_s
        # The first run is one period after the start: the start itself ran it.
        self._housekeeping_due = time.monotonic() + housekeeping_every_s
        self._lane = Lane("network-lane", self)
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._last_result: DrainResult | None = None
        self._fault: LaneFault | None = None
        self._started = False
        engine.set_state_listener(lambda _state: self._emit(self.state_changed))

    @property
    def state(self) -> SyncState:
        return self._engine.state()

    @property
    def fault(self) -> LaneFault | None:
        with self._lock:
            return self._fault

    @property
    def last_result(self) -> DrainResult | None:
        with self._lock:
            return self._last_result

    def start(self) -> None:
        if not self._started:
            self._started = True
            self._lane.run(self._loop)  # it never raises: a failure would be reported

    def kick(self) -> None:
        """Drain as soon as possible (the current drain, if any, finishes first)."""
        self._wake.set()

    def stop(self, timeout_ms: int = 10_000) -> bool:
        """Stop after the item in flight; queued items stay queued for the next start."""
        self._stop.set()
        self._engine.cancel()
        self._wake.set()
        stopped = self._lane.join(timeout_ms / 1000)
        if stopped:  # break the lane ↔ engine cycle so the wrapper dies with its owner
            self._engine.set_state_listener(None)
        return stopped

    def _emit(self, signal: SignalInstance) -> None:
        """Emitted on the GUI thread, only while this object lives and is not stopped: the
        stores close after `stop`, and a drain's news delivered then would read them."""
        run_on_main(lambda: signal.emit() if isValid(self) and not self._stop.is_set() else None)

    def _loop(self) -> None:
        failures = 0
        while not self._stop.is_set():
            self._wake.clear()
            try:
                failed = self._cycle()
                fault = None
            except Exception as error:
                log.exception("network lane: %s; trying again later", type(error).__name__)
                failed, fault = True, type(error).__name__
            failures = failures + 1 if failed else 0
            self._housekeep()
            wait = max(self._engine.backoff.delay(failures) if failures else self._interval_s, 0.05)
            self._set_fault(
                None if fault is None else LaneFault(fault, self._clock() + timedelta(seconds=wait))
            )
            self._wake.wait(wait)

    def _housekeep(self) -> None:
        if self._housekeeping is None or time.monotonic() < self._housekeeping_due:
            return
        self._housekeeping_due = time.monotonic() + self._housekeeping_every_s
        try:
            self._housekeeping()
        except Exception as error:  # kept one more period; sending must go on
            log.warning("housekeeping did not run: %s", type(error).__name__)

    def _cycle(self) -> bool:
        """One drain, then the catalog; True when the link failed."""
        result = self._engine.drain_once()
        with self._lock:
            self._last_result = result
        self._emit(self.drained)
        if not result.error and self._catalog_sink is not None:
            self._pull_catalog(self._catalog_sink)
        return result.error is not None

    def _pull_catalog(self, sink: CatalogSink) -> None:
        from kiosk.catalog.bundle import BundleError
        from sync.errors import SyncError

        try:
            if self._engine.pull_catalog(sink):
                self._emit(self.catalog_installed)
        except (SyncError, BundleError) as error:  # refused or unreachable: the old one stays
            log.warning("catalog not updated: %s", error)

    def _set_fault(self, fault: LaneFault | None) -> None:
        with self._lock:
            changed = (fault is None) != (self._fault is None) or fault is not None
            self._fault = fault
        if changed:
            self._emit(self.state_changed)
