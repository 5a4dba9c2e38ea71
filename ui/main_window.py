"""The top-level window: a gov.gr header above the current screen.

The header carries the display settings a citizen may need (language, large text,
high contrast); changing one re-applies the theme and asks the flow to redraw the
current screen in the new language, without a restart."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import SIGNAL, QEvent, QObject, QPoint, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QHBoxLayout,
    QLineEdit,
    QMainWindow,
    QScrollArea,
    QStackedWidget,
    QStatusBar,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from ui.screens.common import button, label
from ui.texts import text
from ui.theme import GOVGR, HIGH_CONTRAST, stylesheet

LARGE_TEXT_SCALE = 1.6


class MainWindow(QMainWindow):
    settings_changed = Signal()
    frameless = False  # a kiosk's window (ui.kiosk_mode.KioskWindow)

    def __init__(self, locale: str = "el") -> None:
        super().__init__()
        if self.frameless:  # before it has children: later, Qt re-polishes each (~1-2 ms)
            self.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
        self.language = locale
        self.scale = 1.0
        self.high_contrast = False
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.header = QWidget(central)
        self.header.setObjectName("header")
        bar = QHBoxLayout(self.header)
        bar.setContentsMargins(24, 8, 24, 8)
        self.brand = label("", "brand", self.header)
        # Where the device stands (set_place): the receipt names it, so does the screen.
        self.place = label("", "place", self.header)
        self.place.hide()
        self._place: tuple[str, str] | None = None
        self._office_name: str | None = None
        # Created in the order they are laid out: that is the order Tab visits them.
        self.large_text_button = button("", "", self.header)
        self.contrast_button = button("", "", self.header)
        self.language_button = button("", "", self.header)
        self.language_button.clicked.connect(self.toggle_language)
        self.large_text_button.clicked.connect(self.toggle_large_text)
        self.contrast_button.clicked.connect(self.toggle_contrast)
        names = QVBoxLayout()
        names.setSpacing(0)
        names.addWidget(self.brand)
        names.addWidget(self.place)
        bar.addLayout(names, 1)
        for widget in (self.large_text_button, self.contrast_button, self.language_button):
            bar.addWidget(widget)
        self.stack = QStackedWidget(central)
        layout.addWidget(self.header)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self._apply()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_moved)

    def _focus_moved(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is not None and new.window() is self:
            # After the layouts settle: the on-screen keyboard appearing with this very
            # focus change shrinks the page, and a refused step's first field to fix
            # may be below the fold.
            QTimer.singleShot(0, self, lambda: self._reveal(new))

    def _reveal(self, widget: QWidget) -> None:
        """Scroll the focused control into sight, with its label and error (its row)."""
        if not isValid(widget) or not widget.hasFocus():
            return
        central = self.centralWidget()
        settle = central.layout() if central is not None else None
        if settle is not None:
            settle.activate()
        parent = widget.parentWidget()
        while parent is not None and not isinstance(parent, QScrollArea):
            parent = parent.parentWidget()
        if parent is None or parent.widget() is None:
            return
        content, room = parent.widget(), parent.viewport().height()
        shown = widget
        above = shown.parentWidget()
        while above is not None and above is not content and above.height() <= room:
            shown = above
            above = above.parentWidget()
        parent.ensureWidgetVisible(shown, 0, 8)
        if (
            not parent.viewport()
            .rect()
            .contains(QRect(widget.mapTo(parent.viewport(), QPoint(0, 0)), widget.size()))
        ):
            parent.ensureWidgetVisible(widget, 0, 8)  # the row is taller than the room

    def show_screen(self, screen: QWidget) -> None:
        old = self.stack.currentWidget()
        self.stack.addWidget(screen)
        self.stack.setCurrentWidget(screen)
        if old is not None:
            self.stack.removeWidget(old)
            old.deleteLater()
        self._status_bar_read_last(leaving=old)

    def _status_bar_read_last(self, leaving: QWidget | None) -> None:
        """The status bar (sync state, clerk, sign-out at the counter) is read after the
        screen, so its controls come last in Tab order. A screen added later joins the
        end of the window's focus chain, after them: put them back behind it."""
        status = self.findChild(QStatusBar, options=Qt.FindChildOption.FindDirectChildrenOnly)
        if status is None:  # statusBar() would make one: a window without has nothing to move
            return
        chain: list[QWidget] = []
        widget = self.nextInFocusChain()
        while widget is not None and widget is not self and widget not in chain:
            chain.append(widget)
            widget = widget.nextInFocusChain()
        stops = [w for w in chain if w.focusPolicy() & Qt.FocusPolicy.TabFocus]
        ours = [w for w in stops if status.isAncestorOf(w)]
        # The screen going away stays in the chain until it is deleted: anchoring the
        # status bar behind it would leave the bar before the new screen once it goes.
        others = [
            w
            for w in stops
            if w not in ours
            and not (leaving is not None and (w is leaving or leaving.isAncestorOf(w)))
        ]
        previous = others[-1] if others else None
        for stop in ours:
            if previous is not None:
                QWidget.setTabOrder(previous, stop)
            previous = stop

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        """Enter (or the keypad's Enter) does what people expect where Qt does nothing:
        on a button or a result it presses it (Qt presses only a dialog's default button,
        with Space for the rest); in a field it moves on to the next control, unless
        the field has its own action (a PIN opens the parked draft)."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._enter():
            return
        super().keyPressEvent(event)

    def _enter(self) -> bool:
        focused = self.focusWidget()  # where the key was typed (it passed the key up here)
        if focused is None or not focused.isEnabled():
            return False
        if isinstance(focused, QAbstractButton):
            focused.click()
            return True
        if isinstance(focused, QLineEdit) and focused.receivers(SIGNAL("returnPressed()")) == 0:
            self.focusNextChild()
            return True
        return False

    def current_screen(self) -> QWidget | None:
        return self.stack.currentWidget()

    def toggle_language(self) -> None:
        self.language = "en" if self.language == "el" else "el"
        self._apply()

    def toggle_large_text(self) -> None:
        self.scale = 1.0 if self.scale > 1.0 else LARGE_TEXT_SCALE
        self._apply()

    def toggle_contrast(self) -> None:
        self.high_contrast = not self.high_contrast
        self._apply()

    def set_place(
        self, region_code: str, regional_unit: str, office_name: str | None = None
    ) -> None:
        """Name the Region and the Regional Unit of the office under the brand, and the
        office itself where the office file names it."""
        self._place = (region_code, regional_unit)
        self._office_name = office_name
        self._show_place()  # not _apply: the screen on show (and what is typed) stays

    def _show_place(self) -> None:
        self.place.setText(self._place_words())
        self.place.setVisible(bool(self.place.text()))

    def _place_words(self) -> str:
        if self._place is None:
            return ""
        from kiosk import regions  # zoneinfo, csv: not before the first screen

        region = regions.regions().get(self._place[0])
        unit = regions.regional_units().get(self._place[1])
        if region is None:
            return ""
        latin = self.language != "el"
        words = text(
            "place_region", self.language, region=region.name_latin if latin else region.name_el
        )
        if unit is not None:
            unit_name = unit.name_latin if latin else unit.name_el
            words += " · " + text("place_unit", self.language, unit=unit_name)
        if self._office_name:
            words += " · " + self._office_name
        return words

    def _apply(self) -> None:
        self.setWindowTitle(text("brand", self.language))
        self.brand.setText(text("brand", self.language))
        self._show_place()
        for widget, key in (
            (self.language_button, "language"),
            (self.large_text_button, "large_text"),
            (self.contrast_button, "contrast"),
        ):
            widget.setText(text(key, self.language))
            widget.setAccessibleName(text(key, self.language))
        # On/off switches that show their state (a tick and a filled look: «checked»,
        # which assistive technology says too); yellow stays the focus alone.
        for widget, on in (
            (self.large_text_button, self.scale > 1.0),
            (self.contrast_button, self.high_contrast),
        ):
            widget.setCheckable(True)
            widget.setChecked(on)
            if on:
                widget.setText("✓ " + widget.text())
        self.setStyleSheet(stylesheet(HIGH_CONTRAST if self.high_contrast else GOVGR, self.scale))
        self.settings_changed.emit()


def show_fitted(window: QWidget, width: int = 1280, height: int = 860) -> None:
    """Show a counter's window at `width`×`height`, or filling the screen's free area
    when the screen is smaller (a 1280×800 laptop): the status bar with «Αποσύνδεση»
    must never fall below the screen's edge."""
    free = window.screen().availableGeometry()
    if width <= free.width() and height <= free.height():
        window.resize(width, height)
        window.show()
        return
    window.setGeometry(free)  # a window manager may maximise it; without one, this is it
    window.showMaximized()


def show_full_screen(window: QWidget) -> None:
    """A kiosk's window: the whole screen. Kiosk sessions often run without a window
    manager, and then nothing honours the full-screen request: the window would keep
    its own size (measured on Xvfb: 656×451 on a 1280×800 screen)."""
    window.setGeometry(window.screen().geometry())
    window.showFullScreen()


class _FirstPaint(QObject):
    def __init__(self, window: QWidget, callback: Callable[[], None]) -> None:
        super().__init__(window)
        self._callback = callback

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._callback)
        return False


def after_first_paint(window: QWidget, callback: Callable[[], None]) -> None:
    """Call `callback` one event-loop turn after `window` is first painted: work the
    first screen does not need (the network lane) waits until that screen is seen."""
    window.installEventFilter(_FirstPaint(window, callback))
