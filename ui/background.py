"""Blocking work (an HTTP call, a scrypt hash) on a worker thread, its outcome handed
back on the GUI thread: the window keeps turning while the platform thinks.

The signal carries nothing across threads; outcomes wait in a locked list that the GUI
thread empties, so no Python object rides in a queued Qt event."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Signal


class Background(QObject):
    _finished = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="background")
        self._lock = threading.Lock()
        self._ready: list[Callable[[], None]] = []
        self._running = 0
        self._finished.connect(self._deliver)

    @property
    def busy(self) -> bool:
        with self._lock:
            return self._running > 0 or bool(self._ready)

    def run(self, work: Callable[[], Any], then: Callable[[Any], None]) -> None:
        """Call `work()` on the worker; then `then(result)` on the GUI thread, where
        `result` is what it returned or the exception it raised."""

        def job() -> None:
            try:
                result: Any = work()
            except Exception as error:  # handed to `then`, which decides what to say
                result = error
            with self._lock:
                self._ready.append(lambda: then(result))
                self._running -= 1
            self._finished.emit()

        with self._lock:
            self._running += 1
        self._pool.submit(job)

    def close(self) -> None:
        """Forget work not yet started; what runs finishes on its own."""
        self._pool.shutdown(wait=False, cancel_futures=True)

    def _deliver(self) -> None:
        with self._lock:
            ready, self._ready = self._ready, []
        for deliver in ready:
            deliver()


def wait_while(busy: Callable[[], bool], timeout_s: float = 30.0) -> None:
    """Turn the event loop until `busy()` is false: for scripted walk-throughs (the demo,
    tests) that drive the screens without a person waiting at them."""
    import time

    from PySide6.QtCore import QCoreApplication

    deadline = time.monotonic() + timeout_s
    while busy():
        if time.monotonic() > deadline:
            raise TimeoutError("background work did not finish in time")
        QCoreApplication.processEvents()
        time.sleep(0.005)
