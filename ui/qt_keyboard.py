"""Qt's own virtual keyboard (Qt Virtual Keyboard), the opt-in alternative to the built-in
one (`virtual_keyboard = "qt"` in the office file; ui/widgets/onscreen_keyboard.py is the
default).

Qt chooses its input method once, from $QT_IM_MODULE, when the QApplication is created:
`prepare_qt_keyboard` must run before that. In a widgets app the keyboard is a QtQuick
window of its own (always on top, never takes the focus) that slides up from the bottom
of the screen; keys reach the focused field as input-method text. It needs the QML
modules in the PySide6 wheels and libpulse (QtMultimedia, for the key clicks): without
them the kiosk falls back to the built-in keyboard rather than to no keyboard at all.

Measured on Xvfb (xcb): the panel shows, its Greek layout (el_GR) types Greek into a
QLineEdit, and its globe key switches between Greek and English only (activeLocales).
Offscreen there is no panel: tests run it under xvfb-run (tests/ui/widgets/)."""

from __future__ import annotations

import ctypes
import logging
import os
from pathlib import Path

import shiboken6
from PySide6.QtCore import QLibraryInfo, QObject, QTimer
from PySide6.QtGui import QGuiApplication, QWindow
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from ui.widgets.onscreen_keyboard import TEXT_INPUTS

log = logging.getLogger(__name__)

IM_MODULE = "qtvirtualkeyboard"
# The kiosk's languages -> the keyboard's layouts; the globe key cycles these only.
LAYOUTS = {"el": "el_GR", "en": "en_GB"}


def qt_keyboard_missing() -> str | None:
    """What this device lacks to show Qt's keyboard, or None when nothing is missing."""
    plugins = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath))
    if not any((plugins / "platforminputcontexts").glob("*qtvirtualkeyboardplugin*")):
        return f"the Qt Virtual Keyboard plugin is not in {plugins / 'platforminputcontexts'}"
    qml = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.QmlImportsPath))
    if not (qml / "QtQuick" / "VirtualKeyboard" / "qmldir").is_file():
        return f"the QtQuick.VirtualKeyboard QML module is not in {qml}"
    if os.name == "posix":
        try:  # its key components link QtMultimedia, which links libpulse (Debian: libpulse0)
            ctypes.CDLL("libpulse.so.0")
        except OSError:
            return "libpulse.so.0 is missing (Debian: apt-get install libpulse0)"
    return None


def prepare_qt_keyboard() -> bool:
    """Select Qt's keyboard for the QApplication about to be created; False (and the
    reason logged) when it cannot be shown here, so the caller keeps the built-in one."""
    if QApplication.instance() is not None:
        log.warning("Qt's virtual keyboard must be chosen before the QApplication exists")
        return qt_keyboard_active()
    missing = qt_keyboard_missing()
    if missing:
        log.warning("Qt's virtual keyboard is not available: %s", missing)
        return False
    os.environ["QT_IM_MODULE"] = IM_MODULE
    # The panel is the only QtQuick window: drawn in software, like the widgets, it needs
    # no OpenGL driver on a kiosk without a GPU (measured: same panel, same typing).
    os.environ.setdefault("QT_QUICK_BACKEND", "software")
    return True


def qt_keyboard_active() -> bool:
    """True when Qt's keyboard is this application's input method."""
    return os.environ.get("QT_IM_MODULE") == IM_MODULE and qt_keyboard_missing() is None


def wants_keyboard(widget: QWidget) -> bool:
    return isinstance(widget, TEXT_INPUTS) and not (
        isinstance(widget, QLineEdit) and widget.isReadOnly()
    )


def keyboard_panel() -> QWindow | None:
    """Qt's keyboard window (a QQuickView), once it was first shown."""
    for window in QGuiApplication.allWindows():
        if window.inherits("QQuickWindow") and window.inherits("QtVirtualKeyboard::InputView"):
            return window
    return None


class QtKeyboard(QObject):
    """Shows Qt's keyboard whenever a text field of `window` gets the focus, whether
    touched or focused by the screens (a widget asks for it on a click only), in the
    window's language."""

    def __init__(self, window: QWidget, locale: str) -> None:
        super().__init__(window)
        self.window = window
        self.locale = locale
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)
            app.aboutToQuit.connect(self._let_go)
        # The panel and its settings exist from its first showing on.
        method = QGuiApplication.inputMethod()
        method.visibleChanged.connect(self._apply_locale)
        # The panel floats over the bottom of the screen: the screens make room for it,
        # as they do for the built-in keyboard docked under them.
        method.visibleChanged.connect(self._make_room)
        method.keyboardRectangleChanged.connect(self._make_room)

    def set_locale(self, locale: str) -> None:
        self.locale = locale
        self._apply_locale()

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is None or not shiboken6.isValid(self.window) or new.window() is not self.window:
            return
        if wants_keyboard(new):
            # After Qt has given the field to the keyboard (which creates the panel the
            # first time): its layout must be set before it shows, as a layout changed
            # while the panel is up keeps the input mode it had (Latin, no Greek keys).
            QTimer.singleShot(0, self._show)
        else:
            QGuiApplication.inputMethod().hide()

    def _show(self, tries: int = 50) -> None:
        focused = QApplication.focusWidget()
        if focused is None or not wants_keyboard(focused):
            return
        try:
            self._apply_locale()
        except Exception:  # a panel in the wrong layout still beats no keyboard at all
            log.exception("could not set the layout of Qt's virtual keyboard")
            QGuiApplication.inputMethod().show()
            return
        # The keyboard takes a new layout a moment later (measured: before or after an
        # immediate show, by turns): show it once its context has the layout, up to 1 s.
        context = keyboard_singleton("QtQuick.VirtualKeyboard", "InputContext")
        layout = LAYOUTS.get(self.locale, LAYOUTS["el"])
        if context is not None and context.property("locale") != layout and tries > 0:
            QTimer.singleShot(20, lambda: self._show(tries - 1))
            return
        QGuiApplication.inputMethod().show()

    def _let_go(self) -> None:
        # Measured: a field still focused when PySide deletes the window at exit makes
        # the keyboard touch its already deleted selection handles (segfault, exit 139).
        QGuiApplication.inputMethod().hide()
        focused = QApplication.focusWidget()
        if focused is not None:
            focused.clearFocus()

    def _make_room(self) -> None:
        if not shiboken6.isValid(self.window):  # the panel hides as the window goes
            return
        method = QGuiApplication.inputMethod()
        covered = 0
        if method.isVisible():
            top = round(method.keyboardRectangle().top())  # in screen coordinates
            covered = max(0, self.window.geometry().bottom() + 1 - top)
        self.window.setContentsMargins(0, 0, 0, covered)

    def _apply_locale(self) -> None:
        settings = keyboard_settings()
        if settings is None:
            return
        layout = LAYOUTS.get(self.locale, LAYOUTS["el"])
        if settings.property("locale") != layout:
            settings.setProperty("activeLocales", list(LAYOUTS.values()))
            settings.setProperty("locale", layout)


def keyboard_settings() -> QObject | None:
    """The keyboard's VirtualKeyboardSettings (one per QML engine: the panel's)."""
    return keyboard_singleton("QtQuick.VirtualKeyboard.Settings", "VirtualKeyboardSettings")


def keyboard_singleton(module: str, name: str) -> QObject | None:
    """A QML singleton of the keyboard's panel, once the panel exists."""
    panel = keyboard_panel()
    if panel is None:
        return None
    from PySide6.QtQml import QQmlEngine

    engine = panel.findChild(QQmlEngine)  # a QQuickView owns its engine as a child
    if engine is None:
        return None
    found = engine.singletonInstance(module, name)
    return found if isinstance(found, QObject) else None  # a QJSValue is a JS singleton
