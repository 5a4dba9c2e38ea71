"""A push button whose words wrap onto more lines (the finder's procedure titles).

Its own module: the style classes it draws with are among the costliest PySide6 types
to load, and the first screen (ui.startup) has no use for them."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QPaintEvent, QTextLayout, QTextOption
from PySide6.QtWidgets import (
    QPushButton,
    QSizePolicy,
    QStyle,
    QStyleOptionButton,
    QStylePainter,
    QWidget,
)


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
        # The style sizes the button around its words, as it does a one-line button:
        # adding the words to an empty button's size would count the style sheet's
        # min-height twice (a one-line result was 96 px tall, 72 for a push button).
        words = self._text_size(width - self._frame().width())
        option = self._option()
        needed = (
            self.style()
            .sizeFromContents(QStyle.ContentsType.CT_PushButton, option, words, self)
            .height()
        )
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
