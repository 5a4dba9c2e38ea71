"""The network lane: the sync engine drains the outbox on its own thread, never the
GUI's, and reports back by signals (queued to the GUI thread by Qt).

Anki's lesson: database work on one serial lane, network work on another. The lane's
engine must use its own store connection; the screens keep theirs. `kick()` asks for a
drain now (a citizen just submitted); otherwise the lane drains every `interval_s`,
backing off while the link fails."""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QObject, QThread, Signal

from sync.engine import CatalogSink, DrainResult, SyncEngine, SyncState

log = logging.getLogger(__name__)


class SyncLane(QThread):
    # The signals carry no Python objects across threads (a queued `object` argument is a
    # reference Qt holds outside Python's sight); receivers read `state` and `last_result`,
    # which are guarded by locks.
    state_changed = Signal()  # the engine's state moved
    drained = Signal()  # a drain finished: see last_result
    catalog_installed = Signal()  # a newer signed catalog was installed (used from next start)

    def __init__(
        self,
        engine: SyncEngine,
        interval_s: float = 30.0,
        parent: QObject | None = None,
        *,
        catalog_sink: CatalogSink | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("network-lane")
        self._engine = engine
        self._interval_s = interval_s
        self._catalog_sink = catalog_sink
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._result_lock = threading.Lock()
        self._last_result: DrainResult | None = None
        engine.set_state_listener(lambda _state: self.state_changed.emit())

    @property
    def state(self) -> SyncState:
        return self._engine.state()

    @property
    def last_result(self) -> DrainResult | None:
        with self._result_lock:
            return self._last_result

    def kick(self) -> None:
        """Drain as soon as possible (the current drain, if any, finishes first)."""
        self._wake.set()

    def stop(self, timeout_ms: int = 10_000) -> bool:
        """Stop after the item in flight; queued items stay queued for the next start."""
        self._stop.set()
        self._engine.cancel()
        self._wake.set()
        stopped = self.wait(timeout_ms)
        if stopped:  # break the lane ↔ engine cycle so the wrapper dies with its owner
            self._engine.set_state_listener(None)
        return stopped

    def _pull_catalog(self, sink: CatalogSink) -> None:
        try:
            if self._engine.pull_catalog(sink):
                self.catalog_installed.emit()
        except Exception as error:  # refused or unreachable: the installed one stays
            log.warning("catalog not updated: %s", error)

    def run(self) -> None:
        failures = 0
        while not self._stop.is_set():
            self._wake.clear()
            result = self._engine.drain_once()
            with self._result_lock:
                self._last_result = result
            self.drained.emit()
            if not result.error and self._catalog_sink is not None:
                self._pull_catalog(self._catalog_sink)
            failures = failures + 1 if result.error else 0
            wait = self._engine.backoff.delay(failures) if failures else self._interval_s
            self._wake.wait(max(wait, 0.05))
