"""The first screen, shown before the app behind it has loaded: the citizen's welcome
at a kiosk, the clerk's sign-in at a counter. Neither needs the catalog, the store or
the network; they need Qt, the theme and three settings.

What a person does on it meanwhile (a tap, a submitted sign-in, a language switch) is
kept and done again once the flow or console has taken the screen over, so an early
tap is late by the loading time at most, never lost."""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import partial
from typing import Any, NamedTuple

from PySide6.QtCore import QObject, Qt, SignalInstance
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.office_file import FirstScreen
from ui.main_window import MainWindow, show_fitted, show_full_screen


class EarlyIntents(QObject):
    """Signals emitted before anyone listens: kept, and emitted again on `replay`."""

    def __init__(self, parent: QObject, *signals: SignalInstance) -> None:
        super().__init__(parent)
        self._kept: list[tuple[SignalInstance, tuple[Any, ...]]] = []
        self._keepers: list[tuple[SignalInstance, Callable[..., None]]] = []
        for signal in signals:
            keeper = partial(self._keep, signal)
            signal.connect(keeper)
            self._keepers.append((signal, keeper))
        self._waiting = False

    def _keep(self, signal: SignalInstance, *args: Any) -> None:
        self._kept.append((signal, args))
        if not self._waiting:  # a busy pointer for a mouse user; a touch user sees none
            self._waiting = True
            QGuiApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)

    def replay(self) -> None:
        """Stop keeping, then emit what was kept, in order, to the listeners now wired."""
        for signal, keeper in self._keepers:
            signal.disconnect(keeper)
        self._keepers.clear()
        if self._waiting:
            QGuiApplication.restoreOverrideCursor()
            self._waiting = False
        kept, self._kept = self._kept, []
        for signal, args in kept:
            signal.emit(*args)

    def drop(self) -> None:
        """Loading failed: nothing will take these over."""
        self._kept.clear()
        if self._waiting:
            QGuiApplication.restoreOverrideCursor()
            self._waiting = False


class Shown(NamedTuple):  # not a dataclass: made before the first screen
    """The first screen on show; the flow or console adopts `screen`."""

    app: QApplication
    window: MainWindow
    screen: QWidget
    intents: EarlyIntents
    settings: FirstScreen


def show_first_screen(settings: FirstScreen) -> Shown:
    if settings.mode == "kiosk" and settings.virtual_keyboard == "qt":
        from ui.qt_keyboard import prepare_qt_keyboard

        prepare_qt_keyboard()  # before the QApplication; when it cannot: the built-in one
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    window: MainWindow
    if settings.mode == "kiosk":
        from ui.kiosk_mode import KioskWindow
        from ui.screens.home import HomeScreen

        window = KioskWindow(settings.default_language, virtual_keyboard=settings.virtual_keyboard)
        home = HomeScreen(window.language)
        window.show_screen(home)
        intents = EarlyIntents(
            window, window.settings_changed, home.find_requested, home.resume_requested
        )
        show_full_screen(window)
        return Shown(app, window, home, intents, settings)
    from ui.counter.sign_in import SignInScreen

    window = MainWindow(settings.default_language)
    sign_in = SignInScreen(window.language)
    window.show_screen(sign_in)
    window.statusBar()  # made now, so the sync state arriving later does not move the screen
    intents = EarlyIntents(window, window.settings_changed, sign_in.sign_in_requested)
    show_fitted(window)
    sign_in.clerk_id.setFocus()
    return Shown(app, window, sign_in, intents, settings)
