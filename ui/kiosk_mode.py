"""Kiosk mode: full screen and locked, and a session that forgets a citizen who walked away.

- The window is frameless and full screen; closing it (Alt+F4, the window manager) is
  refused unless an administrator unlocked it with the PIN; context menus are off.
- After a quiet period a countdown asks «Είστε ακόμα εδώ;»; any touch or key cancels
  it; at zero the session is wiped and the home screen comes back."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import QApplication, QFrame, QLabel, QPushButton, QVBoxLayout, QWidget

from ui.admin_exit import Check, SecretTaps, check_admin_pin
from ui.main_window import MainWindow
from ui.texts import text
from ui.widgets.modal import Modal

if TYPE_CHECKING:
    from ui.admin_exit_panel import AdminExitPanel
    from ui.qt_keyboard import QtKeyboard
    from ui.widgets.onscreen_keyboard import OnScreenKeyboard

ACTIVITY_EVENTS = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.TouchBegin,
    QEvent.Type.Wheel,
}


class IdleWatcher(QObject):
    """Counts quiet time across the whole application, then counts down, then wipes."""

    countdown_started = Signal(int)
    countdown_tick = Signal(int)
    countdown_cancelled = Signal()
    timed_out = Signal()

    def __init__(self, quiet_ms: int, countdown_s: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.countdown_s = countdown_s
        self._left = 0
        self._quiet = QTimer(self, singleShot=True, interval=quiet_ms)
        self._quiet.timeout.connect(self._start_countdown)
        self._tick = QTimer(self, interval=1000)
        self._tick.timeout.connect(self._count)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self._quiet.start()

    @property
    def counting_down(self) -> bool:
        return self._tick.isActive()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() in ACTIVITY_EVENTS:
            self.activity()
        return False

    def activity(self) -> None:
        if self._tick.isActive():
            self._tick.stop()
            self.countdown_cancelled.emit()
        self._quiet.start()

    def _start_countdown(self) -> None:
        self._left = self.countdown_s
        self.countdown_started.emit(self._left)
        self._tick.start()

    def _count(self) -> None:
        self._left -= 1
        if self._left > 0:
            self.countdown_tick.emit(self._left)
            return
        self._tick.stop()
        self.timed_out.emit()
        self._quiet.start()


class StillThereOverlay(QFrame):
    """The countdown, over the current screen; its button is a touch like any other."""

    def __init__(self, parent: QWidget, locale: Callable[[], str]) -> None:
        super().__init__(parent)
        self.setObjectName("panel")
        self._locale = locale
        # Whether an application is open (lock_kiosk's `started`): before one exists,
        # the countdown says the screen goes back to the start, not that it is deleted.
        self.application_open: Callable[[], bool] = lambda: True
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.setSpacing(16)
        self.title = QLabel(self)
        self.title.setObjectName("h1")
        self.detail = QLabel(self)
        self.continue_button = QPushButton(self)
        self.continue_button.setObjectName("primary")
        for widget in (self.title, self.detail, self.continue_button):
            layout.addWidget(widget)
        self.detail.setWordWrap(True)
        self.title.setWordWrap(True)
        self.hide()
        self.modal = Modal(self)

    def show_seconds(self, seconds: int) -> None:
        locale = self._locale()
        action = text("next", locale)
        self.title.setText(text("still_there", locale))
        key = "still_there_detail" if self.application_open() else "still_there_restart"
        self.detail.setText(text(key, locale, n=seconds))
        self.continue_button.setText(action)
        self.continue_button.setAccessibleName(action)
        appearing = not self.isVisible()
        self.show()
        self.raise_()
        self.modal.place()  # the words changed: the panel's height may follow
        if appearing:  # said once by a screen reader, then the button that keeps the session
            from PySide6.QtGui import QAccessible, QAccessibleEvent  # ~2 ms: not at start-up

            QAccessible.updateAccessibility(QAccessibleEvent(self.title, QAccessible.Event.Alert))
            self.continue_button.setFocus(Qt.FocusReason.OtherFocusReason)


class KioskWindow(MainWindow):
    """The locked window: only an administrator with the PIN may close it."""

    frameless = True

    def __init__(
        self,
        locale: str = "el",
        admin_check: Check | None = None,
        *,
        virtual_keyboard: bool | str = False,
    ) -> None:
        """`admin_check(pin)` returns when the PIN opens the hidden exit and raises
        kiosk.admin_exit.ExitRefusedError otherwise (default: the device's PIN)."""
        super().__init__(locale)
        self.keyboard: OnScreenKeyboard | None = None
        self.qt_keyboard: QtKeyboard | None = None
        # "qt": Qt's own keyboard, when prepare_qt_keyboard() chose it before the
        # QApplication existed; otherwise the built-in one, never no keyboard at all.
        if virtual_keyboard == "qt" and _qt_keyboard_chosen():
            from ui.qt_keyboard import QtKeyboard

            self.qt_keyboard = QtKeyboard(self, locale)
            self.settings_changed.connect(self._keyboard_locale)
        elif virtual_keyboard:  # docked under the screens, shown while a field has the focus
            # Imported here: a kiosk with a hardware keyboard does not load it before
            # its first screen (its module and the Python types of Qt's text inputs).
            from ui.widgets.onscreen_keyboard import KeyboardDock, OnScreenKeyboard

            self.keyboard = OnScreenKeyboard(locale)
            screens = self.centralWidget()
            central = screens.layout() if screens is not None else None
            assert central is not None  # MainWindow always sets both
            central.addWidget(self.keyboard)
            KeyboardDock(self.keyboard)
            self.settings_changed.connect(self._keyboard_locale)
        self._admin_check = admin_check or check_admin_pin
        self._unlocked = False
        self.admin_panel: AdminExitPanel | None = None  # made on the first secret taps
        SecretTaps(self.brand).opened.connect(self.open_admin_exit)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.overlay = StillThereOverlay(self, lambda: self.language)

    def _keyboard_locale(self) -> None:
        if self.keyboard is not None:
            self.keyboard.set_locale(self.language)
        if self.qt_keyboard is not None:
            self.qt_keyboard.set_locale(self.language)

    def unlock(self, pin: str) -> bool:
        """Whether `pin` opens the exit; if it does, the window may close from now on."""
        from kiosk.admin_exit import ExitRefusedError

        try:
            self._admin_check(pin)
        except ExitRefusedError:
            return False
        self._unlocked = True
        return True

    def open_admin_exit(self) -> None:
        from ui.admin_exit_panel import AdminExitPanel

        if self.admin_panel is None:
            self.admin_panel = AdminExitPanel(
                self, self._admin_check, lambda: self.language, self._leave
            )
        self.admin_panel.open_panel()

    def close_admin_exit(self) -> None:
        if self.admin_panel is not None:
            self.admin_panel.close_panel()

    def _leave(self) -> None:
        self._unlocked = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        if self._unlocked:
            event.accept()
        else:
            event.ignore()  # Alt+F4 and the window manager's close do nothing

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        from PySide6.QtGui import QKeySequence  # not before the first screen

        if event.matches(QKeySequence.StandardKey.Close):  # Ctrl+W
            return
        super().keyPressEvent(event)


def _qt_keyboard_chosen() -> bool:
    from ui.qt_keyboard import qt_keyboard_active  # loaded only where it is configured

    return qt_keyboard_active()


def lock_kiosk(
    window: KioskWindow,
    watcher: IdleWatcher,
    wipe: Callable[[], None],
    started: Callable[[], bool] = lambda: True,
) -> None:
    """Wire the idle watcher to the window's overlay and the flow's wipe; `started`
    says whether the citizen has an application open (the countdown's words)."""
    window.overlay.application_open = started
    watcher.countdown_started.connect(window.overlay.show_seconds)
    watcher.countdown_tick.connect(window.overlay.show_seconds)
    watcher.countdown_cancelled.connect(window.overlay.hide)
    window.overlay.continue_button.clicked.connect(watcher.activity)

    def timed_out() -> None:
        window.overlay.hide()
        window.close_admin_exit()
        wipe()

    watcher.timed_out.connect(timed_out)
