"""Once Only look-ups off the GUI thread.

The engine asks its registry synchronously while an answer is being set. Over a slow
link that would freeze the kiosk for as long as the platform takes, so the screens give
the engine this registry instead: a look-up it has not answered yet is reported as
*unavailable* at once (the engine marks the check pending and the person goes on), the
real look-up runs on a worker thread, and `answered` tells the flow to ask the engine
to retry its pending checks, which then finds the answer here and prefills."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from PySide6.QtCore import QObject, Signal

from kiosk.ports import RegistryLookupPort, RegistryRecord, RegistryUnavailableError

_UNAVAILABLE = object()


class BackgroundRegistry(QObject):
    answered = Signal()  # a look-up finished (or failed): retry the pending checks

    def __init__(self, inner: RegistryLookupPort, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._inner = inner
        self._lock = threading.Lock()
        self._answers: dict[tuple[str, str], object] = {}
        self._asked: set[tuple[str, str]] = set()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="registry")

    def lookup(self, registry: str, identifier: str) -> RegistryRecord | None:
        key = (registry, identifier)
        with self._lock:
            if key in self._answers:
                answer = self._answers.pop(key)  # used once: a later retry asks afresh
                if answer is _UNAVAILABLE:
                    raise RegistryUnavailableError(f"{registry} registry unavailable")
                return answer if isinstance(answer, RegistryRecord) else None
            if key not in self._asked:
                self._asked.add(key)
                self._pool.submit(self._ask, key)
        raise RegistryUnavailableError(f"{registry}: asked in the background")

    def _ask(self, key: tuple[str, str]) -> None:
        try:
            answer: object = self._inner.lookup(*key)
        except RegistryUnavailableError:
            answer = _UNAVAILABLE
        with self._lock:
            self._answers[key] = answer
            self._asked.discard(key)
        self.answered.emit()

    def pending(self) -> bool:
        with self._lock:
            return bool(self._asked)

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
