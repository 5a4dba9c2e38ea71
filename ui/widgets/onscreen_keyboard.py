"""An on-screen keyboard for kiosks without a physical one: Greek first, Latin for
e-mail addresses, digits, the tonos and the diaeresis as dead keys.

The default keyboard (`virtual_keyboard = true`); Qt's own is the opt-in "qt"
(ui/qt_keyboard.py): in a widgets app that one opens its own QtQuick window and needs
QtQuick, QML and libpulse on the device and in the bundle. This one is plain widgets: its keys never take the focus, and a key press is delivered to the
focused field as the key event a hardware keyboard would send, so validation, autosave
and the idle watcher see typing exactly as they do from a real keyboard."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QGridLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QTextEdit,
    QWidget,
)

from ui.texts import text

# Rows of at most 12 keys; the accents sit where a Greek keyboard has them, at the right.
GREEK_ROWS = ("1234567890-_", "ςερτυθιοπ΄¨", "ασδφγηξκλ@.", "ζχψωβνμ,/")
LATIN_ROWS = ("1234567890-_", "qwertyuiop", "asdfghjkl@.", "zxcvbnm,/")
TONOS = str.maketrans("αεηιουωΑΕΗΙΟΥΩ", "άέήίόύώΆΈΉΊΌΎΏ")
DIAERESIS = str.maketrans("ιυΙΥ", "ϊϋΪΫ")
DEAD_KEYS = {"΄": TONOS, "¨": DIAERESIS}
TEXT_INPUTS = (QLineEdit, QPlainTextEdit, QTextEdit, QAbstractSpinBox)
KEY_PX = 56  # touch targets well above the 44 px minimum, where the screen has room
MIN_KEY_PX = 44  # the minimum touch target
KEYBOARD_SHARE = 0.34  # of the screen's height at most: the form keeps the rest
ROWS = 5


def key_height(screen_height: int) -> int:
    """Keys as tall as KEY_PX, lower on a short screen (a 1280×800 kiosk: 44 px) so that
    the form above keeps room for the field and its error, never under 44 px."""
    fits = (screen_height * KEYBOARD_SHARE - 24) // ROWS - 6
    return int(max(MIN_KEY_PX, min(KEY_PX, fits)))


class _Key(QPushButton):
    """A key exactly as tall as the keyboard chose for the screen (the theme's button
    size would make every key 48 px, a short screen's form losing 20 px)."""

    def __init__(self, label: str, parent: QWidget, height: int) -> None:
        super().__init__(label, parent)
        self._height = height

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(super().sizeHint().width(), self._height)


def _key(label: str, name: str, parent: QWidget, height: int) -> QPushButton:
    key = _Key(label, parent, height)
    key.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the field keeps the focus and the caret
    key.setAccessibleName(name)
    # The keys share the width (12 to a row fit a portrait 1080 px screen) and keep
    # the touch minimum; the theme's button padding would make a row 1140 px wide.
    key.setMinimumSize(MIN_KEY_PX, height)
    key.setMaximumHeight(height)
    key.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    key.setObjectName("key")
    return key


class OnScreenKeyboard(QWidget):
    typed = Signal(str)  # what a key delivered (for the tests; nothing listens in the app)

    def __init__(self, locale: str = "el", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("keyboard")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.language = locale
        self.latin = False
        self.shifted = False
        self.dead: str | None = None
        self._grid = QGridLayout(self)
        self._grid.setSpacing(6)
        self._grid.setContentsMargins(6, 6, 6, 6)  # the form above keeps the pixels
        self._build()

    # --- layout --------------------------------------------------------------------------
    def _build(self) -> None:
        while self._grid.count():
            item = self._grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.setParent(None)
                widget.deleteLater()
        rows = LATIN_ROWS if self.latin else GREEK_ROWS
        screen = self.screen()
        height = key_height(screen.size().height()) if screen is not None else KEY_PX
        accents = {"΄": text("kbd_tonos", self.language), "¨": text("kbd_diaeresis", self.language)}
        for number, row in enumerate(rows):
            for column, letter in enumerate(row):
                shown = letter.upper() if self.shifted and letter != "ς" else letter
                key = _key(shown, accents.get(shown, shown), self, height)  # ς: no capital
                key.clicked.connect(lambda _=False, t=shown: self.press_text(t))
                self._grid.addWidget(key, number, column)
        specials = (
            ("⇧", "kbd_shift", self.toggle_shift, 2),
            ("EN" if not self.latin else "ΕΛ", "kbd_layout", self.toggle_layout, 2),
            ("␣", "kbd_space", lambda: self.press_text(" "), 4),
            ("⌫", "kbd_backspace", lambda: self.press_key(Qt.Key.Key_Backspace), 2),
            # Enter, as on a hardware keyboard: the next field, or the focused button
            # pressed (ui.main_window.MainWindow.keyPressEvent).
            ("⏎", "kbd_next", lambda: self.press_key(Qt.Key.Key_Return), 2),
        )
        column = 0
        for label, key_name, action, span in specials:
            key = _key(label, text(key_name, self.language), self, height)
            key.clicked.connect(action)
            self._grid.addWidget(key, len(rows), column, 1, span)
            column += span

    # --- intents -------------------------------------------------------------------------
    def toggle_shift(self) -> None:
        self.shifted = not self.shifted
        self._build()

    def toggle_layout(self) -> None:
        self.latin = not self.latin
        self.dead = None
        self._build()

    def set_locale(self, locale: str) -> None:
        self.language = locale
        self._build()

    def press_text(self, typed: str) -> None:
        if typed in DEAD_KEYS:
            self.dead = typed
            return
        if self.dead is not None:
            accented = typed.translate(DEAD_KEYS[self.dead])
            typed = accented if accented != typed else self.dead + typed
            self.dead = None
        self._send(Qt.Key.Key_unknown, typed)
        if self.shifted:  # one capital, as on a phone
            self.toggle_shift()

    def press_key(self, key: Qt.Key) -> None:
        self._send(key, "")

    def _send(self, key: Qt.Key, typed: str) -> None:
        target = QApplication.focusWidget()
        if target is None:
            return
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                target, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, typed)
            )
        self.typed.emit(typed)


class KeyboardDock(QObject):
    """Shows the keyboard while a text field has the focus, hides it otherwise."""

    def __init__(self, keyboard: OnScreenKeyboard) -> None:
        super().__init__(keyboard)
        self.keyboard = keyboard
        self._forced_latin = False
        keyboard.hide()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is None:  # the window lost the focus (a dialog, the system): leave it as is
            return
        wanted = isinstance(new, TEXT_INPUTS) and new.window() is self.keyboard.window()
        if isinstance(new, QLineEdit) and new.isReadOnly():
            wanted = False
        if wanted:
            self._follow_hint(new)
        self.keyboard.setVisible(wanted)

    def _follow_hint(self, field: QWidget) -> None:
        # A field that asks for Latin (a parked-draft code) opens the Latin keys; the
        # next field without that hint gets the layout the citizen had before.
        latin_only = bool(field.inputMethodHints() & Qt.InputMethodHint.ImhLatinOnly)
        if latin_only and not self.keyboard.latin:
            self._forced_latin = True
            self.keyboard.toggle_layout()
        elif not latin_only and self._forced_latin:
            self._forced_latin = False
            if self.keyboard.latin:
                self.keyboard.toggle_layout()
