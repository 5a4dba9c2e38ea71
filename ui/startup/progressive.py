"""The first screen now, the rest on a lane (ui.tasks), then the two joined on the GUI
thread. The crash hooks (ui.crash) are installed with the first screen: from then on an
error nobody caught is logged and shown as the recoverable «something went wrong» screen.

The loaded outcome is also kept in an attribute, so that `close` closes the stores even
when the app ended before the GUI thread took them."""

from __future__ import annotations

import gc
import logging
import os
import sys
import time
import traceback
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from ui.crash import CrashHooks, install_crash_hooks
from ui.main_window import after_first_paint
from ui.startup.first_screen import Shown, show_first_screen
from ui.tasks import Lane

if TYPE_CHECKING:
    from kiosk.config import OfficeConfig
    from kiosk.office_file import FirstScreen, OfficeFile
    from ui.startup.assembly import Assembled

log = logging.getLogger(__name__)


class Started(QObject):
    """The first screen on show and, once the worker is done, the app around it."""

    loaded = Signal()  # the flow or console has taken the first screen over

    def __init__(
        self, shown: Shown, office: OfficeFile, config: OfficeConfig | None, began: float
    ) -> None:
        super().__init__(shown.window)
        self.shown = shown
        self.app = shown.app
        self.window = shown.window
        self.assembled: Assembled | None = None
        self.failure = 0  # the exit status when loading failed
        self._office, self._config = office, config
        self._outcome: object = None
        self._loading = Lane("loading", self)
        self.crash: CrashHooks = install_crash_hooks(shown.window)
        self._began = began
        self.loaded.connect(self._all_loaded)
        self._printing = self._exit_when_loaded = False
        self._first_screen_ms = 0

    def report(self, *, printing: bool, exit_when_loaded: bool) -> None:
        """Say on standard output when the first screen is up and when all is loaded
        (`kiosk run --report-start`); quit once loaded (`--exit-when-loaded`)."""
        self._printing, self._exit_when_loaded = printing, exit_when_loaded

    def _since_start_ms(self) -> int:
        return round((time.perf_counter() - self._began) * 1000)

    def first_screen_up(self) -> None:
        self._first_screen_ms = self._since_start_ms()
        if self._printing:
            print(f"first screen up after {self._first_screen_ms} ms", flush=True)

    def _all_loaded(self) -> None:
        log.info(
            "started: first screen up after %d ms, all loaded after %d ms",
            self._first_screen_ms,
            self._since_start_ms(),
        )
        if self._printing:
            print(f"loaded after {self._since_start_ms()} ms", flush=True)
        QTimer.singleShot(0, resume_collection)  # on the next turn: the screen is the flow's
        if self._exit_when_loaded:
            self.app.exit(0)  # quit() would ask a locked kiosk window to close: it refuses

    def begin_loading(self) -> None:
        self._loading.run(self._load, self._take, self._take)

    def _load(self) -> object:
        from ui.startup.loading import load

        self._outcome = load(self._office, self._config)
        return self._outcome

    def _take(self, outcome: object) -> None:
        """On the GUI thread: what loading returned, or the exception it raised."""
        from kiosk.office_file import ConfigError
        from kiosk.store import StoreError
        from ui.startup.assembly import assemble
        from ui.startup.loading import Loaded

        if isinstance(outcome, Loaded):
            self.assembled = assemble(self.shown, outcome)
            self.crash.home = self.assembled.home
            self.loaded.emit()
            # Then the network lane, on its own thread: its first request imports the
            # HTTP stack (sync.transport), which no screen waits for.
            if self.assembled.lane is not None:
                self.assembled.lane.start()
            return
        if isinstance(outcome, ConfigError | StoreError):
            print(outcome, file=sys.stderr)  # the same words a failed start gave before
            log.error("kiosk run stopped: %s", outcome)
            self.failure = 2
        else:
            assert isinstance(outcome, BaseException)
            traceback.print_exception(outcome)
            log.error("kiosk run stopped by an unexpected error", exc_info=outcome)
            self.failure = 1
        self.shown.intents.drop()
        self.app.exit(self.failure)

    def close(self) -> None:
        """Stop the lane and close the stores, also when the app ended while loading."""
        from ui.startup.loading import Loaded

        self._loading.join()
        self.crash.uninstall()
        if self.assembled is not None and self.assembled.lane is not None:
            self.assembled.lane.stop()
        if isinstance(self._outcome, Loaded):
            self._outcome.close()


def resume_collection() -> None:
    """The garbage collector `kiosk run` paused while starting (ui.cli.commands.run) runs
    again: one collection first clears the cycles the start left, then it works as usual.
    Nothing to do when it was never paused (the app started by a test)."""
    if not gc.isenabled():
        gc.collect()
        gc.enable()


def start(
    office: OfficeFile,
    first: FirstScreen,
    config: OfficeConfig | None = None,
    began: float | None = None,
) -> Started:
    """Show the first screen; what it does not need loads once it is painted. Returns
    before the event loop runs (Qt paints in it). `began`: when `kiosk run` began
    (time.perf_counter), for the start-up times it logs."""
    began = time.perf_counter() if began is None else began
    if first.qt_platform:
        os.environ["QT_QPA_PLATFORM"] = first.qt_platform  # as `kiosk doctor` tests it
    started = Started(show_first_screen(first), office, config, began)
    after_first_paint(started.window, started.begin_loading)
    # Watched last, so told first (Qt asks the newest filter first): the time is taken
    # before the loading thread competes for the interpreter.
    after_first_paint(started.window, started.first_screen_up)
    return started
