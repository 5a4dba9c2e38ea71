"""Buttons side by side when the width allows, in columns when it does not.

The counter's day has four actions: in one row they leave a 1280×800 screen room for the
day's table and its own actions; in large text one row would be cut, so they fold into
two columns (or one). The arrangement follows the width the row is given."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QLayout, QPushButton, QSizePolicy, QWidget


class ButtonRow(QWidget):
    def __init__(
        self, buttons: Sequence[QPushButton], columns: int = 2, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._buttons = list(buttons)
        self._columns = max(1, min(columns, len(self._buttons)))
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        # The row's least width is the folded one (minimumSizeHint), never all in a row.
        self._grid.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._across = 0
        self._place(self._columns)  # folded until a width says otherwise

    @property
    def across(self) -> int:
        """How many buttons stand side by side now."""
        return self._across

    def _place(self, across: int) -> bool:
        """Whether the arrangement changed."""
        if across == self._across:
            return False
        self._across = across
        for widget in self._buttons:
            self._grid.removeWidget(widget)
        for index, widget in enumerate(self._buttons):  # the same order: Tab follows it
            self._grid.addWidget(widget, index // across, index % across)
        for column in range(len(self._buttons) + 1):
            self._grid.setColumnStretch(column, 1 if column == across else 0)
        return True

    def _width(self, across: int, hint: bool) -> int:
        """The width `across` buttons a row take, at their preferred or least size."""
        widths = [(b.sizeHint() if hint else b.minimumSizeHint()).width() for b in self._buttons]
        spacing = max(0, self._grid.horizontalSpacing())
        columns = [
            max(widths[column::across], default=0) for column in range(across)
        ]  # a grid's column is as wide as its widest button
        return sum(columns) + spacing * (across - 1)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(self._width(len(self._buttons), True), self._grid.sizeHint().height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(self._width(self._columns, False), self._grid.minimumSize().height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        all_in_a_row = self._width(len(self._buttons), True) <= event.size().width()
        if self._place(len(self._buttons) if all_in_a_row else self._columns):
            self.updateGeometry()  # the height follows the number of rows
        super().resizeEvent(event)
