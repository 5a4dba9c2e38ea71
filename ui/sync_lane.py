"""The network lane: the sync engine drains the outbox on its own thread, never the
GUI's, and reports back by signals (queued to the GUI thread by Qt).

Anki's lesson: database work on one serial lane, network work on another. The lane's
engine must use its own store connection; the screens keep theirs. `kick()` asks for a
drain now (a citizen just submitted); otherwise the lane drains every `interval_s`,
backing off while the link fails."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, QThread, Signal

from sync.engine import DrainResult, SyncEngine, SyncState


class SyncLane(QThread):
    state_changed = Signal(object)  # SyncState, whenever the engine's state moves
    drained = Signal(object)  # DrainResult, after each drain

    def __init__(
        self, engine: SyncEngine, interval_s: float = 30.0, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("network-lane")
        self._engine = engine
        self._interval_s = interval_s
        self._wake = threading.Event()
        self._stop = threading.Event()
        engine.set_state_listener(self.state_changed.emit)

    @property
    def state(self) -> SyncState:
        return self._engine.state()

    def kick(self) -> None:
        """Drain as soon as possible (the current drain, if any, finishes first)."""
        self._wake.set()

    def stop(self, timeout_ms: int = 10_000) -> bool:
        """Stop after the item in flight; queued items stay queued for the next start."""
        self._stop.set()
        self._engine.cancel()
        self._wake.set()
        return self.wait(timeout_ms)

    def run(self) -> None:
        failures = 0
        while not self._stop.is_set():
            self._wake.clear()
            result: DrainResult = self._engine.drain_once()
            self.drained.emit(result)
            failures = failures + 1 if result.error else 0
            wait = self._engine.backoff.delay(failures) if failures else self._interval_s
            self._wake.wait(max(wait, 0.05))
