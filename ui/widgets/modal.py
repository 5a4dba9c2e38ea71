"""A panel over the screen (the idle countdown, the administrator's PIN): the page
behind is dimmed and takes no taps, the panel sits in the middle at a readable width.

Without the veil, the page's words showed at the panel's sides and ran into its own
(«ΚαλώςΈξοδος διαχειριστή») and a tap beside the panel reached the page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QRect, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from PySide6.QtGui import QPaintEvent

PANEL_MAX_WIDTH = 760
EDGE = 24
VEIL = QColor(0, 0, 0, 150)  # dark enough that the page no longer reads as content


class _Veil(QWidget):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.hide()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        from PySide6.QtGui import QPainter  # not before the first screen: a veil shows later

        QPainter(self).fillRect(self.rect(), VEIL)


class Modal(QObject):
    """Keeps `panel` centred over its parent, with the veil under it, while it shows."""

    def __init__(self, panel: QWidget) -> None:
        super().__init__(panel)
        parent = panel.parentWidget()
        assert parent is not None  # a panel is always over a window
        self._panel, self._parent = panel, parent
        self.veil = _Veil(parent)
        panel.installEventFilter(self)
        parent.installEventFilter(self)

    def place(self) -> None:
        outer = self._parent.rect()
        width = min(outer.width() - 2 * EDGE, PANEL_MAX_WIDTH)
        layout = self._panel.layout()
        wanted = layout.totalHeightForWidth(width) if layout is not None else -1
        height = min(max(wanted, self._panel.sizeHint().height()), outer.height() - 2 * EDGE)
        self.veil.setGeometry(outer)
        self._panel.setGeometry(
            QRect(outer.center().x() - width // 2, outer.center().y() - height // 2, width, height)
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        kind = event.type()
        if watched is self._panel and kind == QEvent.Type.Show:
            self.place()
            self.veil.show()
            self._panel.raise_()
            self.veil.stackUnder(self._panel)
        elif watched is self._panel and kind == QEvent.Type.Hide:
            self.veil.hide()
        elif watched is self._parent and kind == QEvent.Type.Resize and self._panel.isVisible():
            self.place()
        return False


def behind_veil(widget: QWidget) -> bool:
    """Whether a panel's veil dims `widget` (it is page, not panel): what a person sees
    through the veil is not text to read (the contrast checks leave it out)."""
    for modal in widget.window().findChildren(Modal):
        panel = modal._panel
        if modal.veil.isVisible() and not (panel is widget or panel.isAncestorOf(widget)):
            return True
    return False
