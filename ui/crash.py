"""What happens to an error nobody caught: `sys.excepthook` (a slot, a timer callback,
a task's failure reported by ui.tasks) and `threading.excepthook` (a worker thread) write
it to the log, whose file handler redacts it (kiosk.logs), and cover the window with the
recoverable «something went wrong» screen (ui.screens.went_wrong). On a kiosk there is
never a traceback and never a frozen window: the person goes back to the start (the
flow's wipe at a kiosk, the day's list at a counter) and what they typed is kept, since
every answer is saved as it is given.

PySide6 hands an exception raised in a slot or a virtual method to `sys.excepthook` and
goes on with the event loop; without a hook of ours it printed a traceback to a console
nobody reads, and left the screen as it was, often half-changed."""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from types import TracebackType

from shiboken6 import isValid

from ui.main_window import MainWindow
from ui.screens.went_wrong import WentWrongOverlay
from ui.tasks import run_on_main

log = logging.getLogger("ui.crash")


class CrashHooks:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.home: Callable[[], None] | None = None  # set once the flow or console exists
        self.overlay = WentWrongOverlay(window, lambda: window.language)
        self.overlay.home_requested.connect(self._home)
        # Any new screen (the idle wipe, the way home) means the app went on without it.
        window.stack.currentChanged.connect(lambda _index: self.overlay.hide())
        self._previous: tuple[object, object] | None = None

    def install(self) -> None:
        self._previous = (sys.excepthook, threading.excepthook)
        sys.excepthook = self._excepthook
        threading.excepthook = self._thread_excepthook

    def uninstall(self) -> None:
        if self._previous is not None:
            sys.excepthook, threading.excepthook = self._previous  # type: ignore[assignment]
            self._previous = None

    def _excepthook(
        self, kind: type[BaseException], error: BaseException, trace: TracebackType | None
    ) -> None:
        if not issubclass(kind, Exception):  # Ctrl+C, SystemExit: not ours to soften
            sys.__excepthook__(kind, error, trace)
            return
        log.error("unexpected error: %s", kind.__name__, exc_info=(kind, error, trace))
        run_on_main(self._show)

    def _thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit or args.exc_value is None:
            return
        name = args.thread.name if args.thread is not None else "?"
        log.error(
            "unexpected error on thread %s: %s",
            name,
            args.exc_type.__name__,
            exc_info=(args.exc_type, args.exc_value, args.exc_traceback),
        )
        run_on_main(self._show)

    def _show(self) -> None:
        if isValid(self.window) and isValid(self.overlay):
            self.overlay.appear()

    def _home(self) -> None:
        self.overlay.hide()
        if self.home is not None:
            self.home()


def install_crash_hooks(window: MainWindow) -> CrashHooks:
    hooks = CrashHooks(window)
    hooks.install()
    return hooks
