"""The one way the interface runs work off the GUI thread (docs/architecture-tasks.md).

Modelled on Anki's `aqt.taskman`: a `Lane` is one worker thread that runs its tasks in
order (`lane.run(task, on_done)`); `run_on_main(closure)` hands a closure to the GUI
thread from any thread. Nothing slow runs on the GUI thread: an HTTP call, a scrypt
hash, opening the stores go on a lane, and only the outcome comes back.

Failures are reported by default: a task that raises, without an `on_failure` of its
caller, goes to `sys.excepthook` on the GUI thread, which `ui.crash` turns into a log
line and the recoverable «something went wrong» screen. A caller that expects a failure
(a refused sign-in, an unreachable platform) passes `on_failure` and says it its way.

No Python object rides in a queued Qt event: a signal that crosses threads carries
nothing (a queued `object` argument is a reference Qt holds outside Python's sight, and
PySide has crashed on them being collected); closures wait in a locked list that the
GUI thread empties when the argument-less signal arrives."""

from __future__ import annotations

import sys
import threading
import time
from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from shiboken6 import isValid

if TYPE_CHECKING:
    from concurrent.futures import Future

T = TypeVar("T")


def report(error: BaseException) -> None:
    """An unhandled failure: to whatever `sys.excepthook` says (ui.crash in the app)."""
    sys.excepthook(type(error), error, error.__traceback__)


class _Mailbox(QObject):
    """Closures posted from any thread, run on the thread this object lives in (the GUI's)."""

    _posted = Signal()

    def __init__(self) -> None:
        super().__init__()
        self._lock = threading.Lock()
        self._closures: list[Callable[[], None]] = []
        self._posted.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def post(self, closure: Callable[[], None]) -> None:
        with self._lock:
            self._closures.append(closure)
        self._posted.emit()

    def _deliver(self) -> None:
        with self._lock:
            closures, self._closures = self._closures, []
        for closure in closures:
            try:
                closure()
            except Exception as error:  # one failing closure must not drop the others
                report(error)


_mailbox: _Mailbox | None = None
_mailbox_lock = threading.Lock()


def _main_mailbox() -> _Mailbox:
    global _mailbox
    with _mailbox_lock:
        if _mailbox is None or not isValid(_mailbox):
            app = QCoreApplication.instance()
            if app is None:
                raise RuntimeError("run_on_main needs a QApplication")
            _mailbox = _Mailbox()
            if _mailbox.thread() is not app.thread():
                _mailbox.moveToThread(app.thread())
        return _mailbox


def run_on_main(closure: Callable[[], None]) -> None:
    """Run `closure` on the GUI thread, at its next event-loop turn (also when called
    from the GUI thread itself: never in line, so the caller finishes first)."""
    _main_mailbox().post(closure)


class Lane(QObject):
    """One worker thread, its tasks in the order given. Outcomes reach the GUI thread
    only while this object lives: a screen that went away hears nothing.

    The thread is a daemon, started when a task is given to an idle lane and ended when
    none is left: a screen's lane leaves no thread behind, and a task stuck on a dead
    link does not hold the process at exit (a ThreadPoolExecutor's threads are joined
    then)."""

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self._name = name
        self._queue: deque[Callable[[], None]] = deque()
        self._working = False  # a thread is taking tasks from the queue
        self._lock = threading.Condition()
        self._unfinished = 0  # given, not yet delivered on the GUI thread
        self._given = self._ran = 0
        self._closed = False
        _main_mailbox()  # made on the GUI thread now, not first from a worker

    @property
    def busy(self) -> bool:
        with self._lock:
            return self._unfinished > 0

    def run(
        self,
        task: Callable[[], T],
        on_done: Callable[[T], None] | None = None,
        on_failure: Callable[[Exception], None] | None = None,
    ) -> None:
        """`task()` on this lane's thread; then, on the GUI thread, `on_done(result)` or
        `on_failure(error)`. Without `on_failure` a failure is reported (`report`)."""

        def job() -> None:
            if self._closed:  # forgotten by close()
                self._deliver(lambda: None)
                return
            try:
                result = task()
            except Exception as error:
                failure = error  # `error` is unbound once the except block ends
                self._deliver(lambda: (on_failure or report)(failure))
                return
            self._deliver(lambda: on_done(result) if on_done is not None else None)

        with self._lock:
            self._unfinished += 1
            self._given += 1
            self._queue.append(job)
            if not self._working:
                self._working = True
                threading.Thread(target=self._work, name=self._name, daemon=True).start()

    def _work(self) -> None:
        while True:
            with self._lock:
                if not self._queue:
                    self._working = False
                    return
                job = self._queue.popleft()
            try:
                job()
            finally:
                with self._lock:
                    self._ran += 1
                    self._lock.notify_all()

    def _deliver(self, closure: Callable[[], None]) -> None:
        def on_main() -> None:
            try:
                if isValid(self) and not self._closed:
                    closure()
            finally:
                with self._lock:
                    self._unfinished -= 1

        run_on_main(on_main)

    def join(self, timeout_s: float | None = None) -> bool:
        """Wait (on the calling thread) until the tasks given so far have run; True if
        they have. Their outcomes are delivered later, by the event loop."""
        with self._lock:
            given = self._given
            return self._lock.wait_for(lambda: self._ran >= given, timeout_s)

    def close(self) -> None:
        """Forget tasks not yet started and every outcome still to come; what runs
        finishes on its own."""
        self._closed = True


def call_on_main(function: Callable[[], T], timeout_s: float = 30.0) -> T:
    """From a task, `function()` on the GUI thread, waited for: for the screens' store,
    whose connection belongs to the GUI thread (a transaction of the screens and one of
    a worker on one connection would mix). In line when called on the GUI thread.
    Raises TimeoutError if the GUI thread does not get to it in `timeout_s`."""
    if threading.current_thread() is threading.main_thread():
        return function()
    from concurrent.futures import Future  # not at start: the first screen makes none

    outcome: Future[T] = Future()

    def on_main() -> None:
        try:
            outcome.set_result(function())
        except BaseException as error:  # raised in the task that asked
            outcome.set_exception(error)

    run_on_main(on_main)
    return outcome.result(timeout_s)


class Background(QObject):
    """The older shape, `run(work, then)` where `then` receives the result or the
    exception raised: the caller handles every failure. Kept for the parking code."""

    def __init__(self, parent: QObject | None = None, name: str = "background") -> None:
        super().__init__(parent)
        self._lane = Lane(name, self)

    @property
    def busy(self) -> bool:
        return self._lane.busy

    def run(self, work: Callable[[], Any], then: Callable[[Any], None]) -> None:
        self._lane.run(work, then, then)

    def close(self) -> None:
        self._lane.close()


def wait_while(busy: Callable[[], bool], timeout_s: float = 30.0) -> None:
    """Turn the event loop until `busy()` is false: for scripted walk-throughs (the demo,
    tests) that drive the screens without a person waiting at them."""
    deadline = time.monotonic() + timeout_s
    while busy():
        if time.monotonic() > deadline:
            raise TimeoutError("background work did not finish in time")
        QCoreApplication.processEvents()
        time.sleep(0.005)
