"""Small building blocks shared by the screens."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QAccessible, QAccessibleEvent, QPaintEvent, QTextLayout, QTextOption
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStyle,
    QStyleOptionButton,
    QStylePainter,
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


class WrappingButton(QPushButton):
    """A button whose words wrap onto more lines, as a label's do: a long procedure
    title in large text must neither widen the screen nor be cut. Qt's push button
    draws its text on one line, so this one breaks the text into lines itself and has
    the style draw them: the colours and font of the button's state (focused, hovered,
    pressed) stay the style sheet's, as on any other button."""

    def __init__(self, text: str, name: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setAccessibleName(text)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        if name:
            self.setObjectName(name)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def _option(self) -> QStyleOptionButton:
        option = QStyleOptionButton()
        self.initStyleOption(option)
        option.text = ""
        return option

    def _frame(self) -> QSize:
        """What the style puts around the text (padding, border)."""
        option = self._option()
        return self.style().sizeFromContents(
            QStyle.ContentsType.CT_PushButton, option, QSize(0, 0), self
        )

    def _lines(self, width: int) -> str:
        """The text broken at word boundaries into lines `width` wide, one a line.
        (The style draws a push button's text as given; it breaks only at newlines.)"""
        words = self.text()
        layout = QTextLayout(words, self.font())
        wrapping = QTextOption()
        wrapping.setWrapMode(QTextOption.WrapMode.WordWrap)
        layout.setTextOption(wrapping)
        lines = []
        layout.beginLayout()
        line = layout.createLine()
        while line.isValid():
            line.setLineWidth(max(1, width))
            lines.append(words[line.textStart() : line.textStart() + line.textLength()].strip())
            line = layout.createLine()
        layout.endLayout()
        return "\n".join(lines)

    def _text_size(self, width: int) -> QSize:
        bounds = QRect(0, 0, max(1, width), 1 << 20)
        flags = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        return self.fontMetrics().boundingRect(bounds, flags, self._lines(width)).size()

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt's name
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt's name
        frame = self._frame()
        needed = frame.height() + self._text_size(width - frame.width()).height()
        return max(needed, self.minimumHeight())

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        one_line = super().sizeHint()
        return QSize(one_line.width(), self.heightForWidth(one_line.width()))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        longest = max(
            (self.fontMetrics().horizontalAdvance(w) for w in self.text().split()), default=0
        )
        frame = self._frame()
        return QSize(frame.width() + longest, self.heightForWidth(frame.width() + longest))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        option = QStyleOptionButton()
        self.initStyleOption(option)
        contents = self.style().subElementRect(
            QStyle.SubElement.SE_PushButtonContents, option, self
        )
        # The style reads "&" as a shortcut mark; "&&" shows one.
        option.text = self._lines(contents.width()).replace("&", "&&")
        QStylePainter(self).drawControl(QStyle.ControlElement.CE_PushButton, option)


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


def scrolling_page(widget: QWidget) -> QVBoxLayout:
    """A page whose content scrolls when it is taller than the window (large text):
    the layout returned is the content's, with the page's margins."""
    outer = QVBoxLayout(widget)
    outer.setContentsMargins(0, 0, 0, 0)
    content = QWidget(widget)
    outer.addWidget(scrolling(content))
    return page_layout(content)


def page_layout(widget: QWidget) -> QVBoxLayout:
    layout = QVBoxLayout(widget)
    layout.setContentsMargins(48, 24, 48, 24)
    layout.setSpacing(16)
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
    QAccessible.updateAccessibility(QAccessibleEvent(error, QAccessible.Event.Alert))
