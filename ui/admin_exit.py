"""The kiosk's hidden administrator exit: five taps on the Region's name in the header
within four seconds open a PIN panel over the screen; the right PIN (kiosk.admin_exit)
lets the locked window close. Nothing on screen hints at it. The panel itself
(ui.admin_exit_panel) is made on first use: the first screen does not load it."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import QWidget

TAPS = 5
WITHIN_S = 4.0

Check = Callable[[str], None]  # returns when the PIN opens the exit, raises ExitRefusedError


def check_admin_pin(pin: str) -> None:
    """The device's PIN, from the OS keyring (imported on first use: not at start-up)."""
    from kiosk.admin_exit import AdminExit

    AdminExit().check(pin)


class SecretTaps(QObject):
    """Counts presses on one widget; `opened` after TAPS of them within WITHIN_S."""

    opened = Signal()

    def __init__(self, watched: QWidget, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(watched)
        self._clock = clock
        self._presses: list[float] = []
        watched.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.MouseButtonPress:  # a touch arrives as one too
            now = self._clock()
            self._presses = [t for t in self._presses if now - t <= WITHIN_S] + [now]
            if len(self._presses) >= TAPS:
                self._presses.clear()
                self.opened.emit()
        return False
