"""Small building blocks shared by the screens."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget


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
    area.setWidgetResizable(True)
    area.setWidget(content)
    area.setFrameShape(QFrame.Shape.NoFrame)
    if reading:
        area.setObjectName("reading")
        area.setAccessibleName(reading)
    else:
        area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return area


def page_layout(widget: QWidget) -> QVBoxLayout:
    layout = QVBoxLayout(widget)
    layout.setContentsMargins(48, 24, 48, 24)
    layout.setSpacing(16)
    return layout
