"""Once Only look-ups off the GUI thread.

The engine asks its registry synchronously while an answer is being set. Over a slow
link that would freeze the kiosk for as long as the platform takes, so the screens give
the engine this registry instead: a look-up it has not answered yet is reported as
*unavailable* at once (the engine marks the check pending and the person goes on), the
real look-up runs on a worker thread, and `answered` tells the flow to ask the engine
to retry its pending checks, which then finds the answer here and prefills.

A look-up that fails unexpectedly (not the registry's "unavailable") counts as
unavailable for this person, is forgotten so that a later retry asks again, and is
reported (logged, the recoverable error screen): before, it was re-raised before being
forgotten, and that identifier was never asked again."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from kiosk.ports import (
    LookupPurpose,
    RegistryLookupPort,
    RegistryRecord,
    RegistryRefusedError,
    RegistryUnavailableError,
)
from ui.tasks import Lane, report

_UNAVAILABLE = object()


class _Refused:
    def __init__(self, code: str) -> None:
        self.code = code


class BackgroundRegistry(QObject):
    answered = Signal()  # a look-up finished (or failed): retry the pending checks

    def __init__(self, inner: RegistryLookupPort, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._inner = inner
        self._worker = Lane("registry", self)
        self._answers: dict[tuple[str, str], object] = {}  # touched on the GUI thread only
        self._asked: set[tuple[str, str]] = set()

    def lookup(
        self, registry: str, identifier: str, purpose: LookupPurpose | None = None
    ) -> RegistryRecord | None:
        key = (registry, identifier)
        if key in self._answers:
            answer = self._answers.pop(key)  # used once: a later retry asks afresh
            if answer is _UNAVAILABLE:
                raise RegistryUnavailableError(f"{registry} registry unavailable")
            if isinstance(answer, _Refused):
                raise RegistryRefusedError(f"{registry}: refused", answer.code)
            return answer if isinstance(answer, RegistryRecord) else None
        if key not in self._asked:
            self._asked.add(key)
            self._worker.run(
                lambda: self._inner.lookup(*key, purpose),
                lambda got: self._got(key, got),
                lambda error: self._failed(key, error),
            )
        raise RegistryUnavailableError(f"{registry}: asked in the background")

    def _got(self, key: tuple[str, str], answer: object) -> None:
        self._answers[key] = answer
        self._asked.discard(key)
        self.answered.emit()

    def _failed(self, key: tuple[str, str], error: Exception) -> None:
        # The platform refusing this look-up for who asked (not the citizen's own record,
        # a grant ended): the engine is told so on its retry, not "unavailable".
        code = getattr(error, "code", None)
        self._got(key, _Refused(code) if isinstance(code, str) else _UNAVAILABLE)
        if not isinstance(error, RegistryUnavailableError):
            report(error)

    def pending(self) -> bool:
        return self._worker.busy

    def close(self) -> None:
        self._worker.close()
