"""Small building blocks shared by the screens."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QScroller,
    QVBoxLayout,
    QWidget,
)


def label(text: str, name: str = "", parent: QWidget | None = None) -> QLabel:
    widget = QLabel(text, parent)
    widget.setWordWrap(True)
    widget.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    if name:
        widget.setObjectName(name)
    return widget


def button(text: str, name: str = "", parent: QWidget | None = None) -> QPushButton:
    widget = QPushButton(text, parent)
    widget.setAccessibleName(text)
    widget.setCursor(Qt.CursorShape.PointingHandCursor)
    if name:
        widget.setObjectName(name)
    return widget


def panel(parent: QWidget | None = None) -> tuple[QFrame, QVBoxLayout]:
    frame = QFrame(parent)
    frame.setObjectName("panel")
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(20, 12, 20, 12)
    return frame, layout


def scrolling(content: QWidget, reading: str = "") -> QScrollArea:
    """A vertical scroll area. Tab goes through the controls inside (the area scrolls
    to each); an area with text only (`reading`: its accessible name) takes the focus
    itself, so that a keyboard user can scroll it with the arrow keys."""
    area = QScrollArea()
    # A viewport made here, not asked of Qt: PySide6 would otherwise look for the
    # Python type of the one Qt made through every QWidget subclass it has, making
    # ~70 of their enum types on the first screen (~15-30 ms).
    viewport = QWidget()
    viewport.setAutoFillBackground(True)  # as Qt's own
    area.setViewport(viewport)
    area.setWidgetResizable(True)
    area.setWidget(content)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # words wrap
    # A finger drags the page (touch screens send touch events; a mouse still clicks).
    QScroller.grabGesture(viewport, QScroller.ScrollerGestureType.TouchGesture)
    if reading:
        area.setObjectName("reading")
        area.setAccessibleName(reading)
    else:
        area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return area


def scrolling_page(widget: QWidget) -> QVBoxLayout:
    """A page whose content scrolls when it is taller than the window (large text):
    the layout returned is the content's, with the page's margins."""
    outer = QVBoxLayout(widget)
    outer.setContentsMargins(0, 0, 0, 0)
    content = QWidget(widget)
    outer.addWidget(scrolling(content))
    return page_layout(content)


PAGE_MARGIN = 48
MAX_LINE_WIDTH = 1100  # px of content: wider lines are hard to read (and to reach)


class _Measure(QObject):
    """Keeps a page's content at most MAX_LINE_WIDTH wide, centred: at 1920 px the
    words and buttons would otherwise run from edge to edge."""

    def __init__(self, widget: QWidget, layout: QVBoxLayout) -> None:
        super().__init__(widget)
        self._layout = layout
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Resize and isinstance(watched, QWidget):
            side = max(PAGE_MARGIN, (watched.width() - MAX_LINE_WIDTH) // 2)
            margins = self._layout.contentsMargins()
            if margins.left() != side:
                self._layout.setContentsMargins(side, margins.top(), side, margins.bottom())
        return False


def page_layout(widget: QWidget) -> QVBoxLayout:
    layout = QVBoxLayout(widget)
    layout.setContentsMargins(PAGE_MARGIN, 24, PAGE_MARGIN, 24)
    layout.setSpacing(16)
    _Measure(widget, layout)
    return layout


def refuse_entry(error: QLabel, field: QLineEdit, message: str) -> None:
    """A refused password or PIN: the message shows and is announced, the field is
    emptied and focused for a retry and carries the message as its description (a
    screen reader says it after the field's name)."""
    error.setText(message)
    error.show()
    field.clear()
    field.setAccessibleDescription(message)
    field.setFocus()
    announce(error)


def announce(widget: QWidget, *, description_changed: bool = False) -> None:
    """Tell assistive technology at once: an alert (a screen reader interrupts to say
    `widget`'s text), or that a field's description changed. QAccessible is imported
    here, at the first announcement: at import it makes its eight enum types (~3 ms)
    for every start."""
    from PySide6.QtGui import QAccessible, QAccessibleEvent

    kind = QAccessible.Event.DescriptionChanged if description_changed else QAccessible.Event.Alert
    QAccessible.updateAccessibility(QAccessibleEvent(widget, kind))
