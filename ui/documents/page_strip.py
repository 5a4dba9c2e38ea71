"""A document's pages as a row of thumbnails, with the buttons that reorder, delete
and rescan the chosen one (buttons rather than drag and drop: a keyboard and a screen
reader can use them)."""

from __future__ import annotations

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListView,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.documents.texts import text
from ui.screens.common import button

THUMB = QSize(120, 170)


class PageStrip(QWidget):
    move_requested = Signal(int, int)  # page index, to
    delete_requested = Signal(int)
    rescan_requested = Signal(int)

    def __init__(self, locale: str, can_scan: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.language = locale
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.list = QListWidget(self)
        self.list.setViewMode(QListView.ViewMode.IconMode)
        self.list.setFlow(QListView.Flow.LeftToRight)
        self.list.setWrapping(False)
        self.list.setMovement(QListView.Movement.Static)
        self.list.setIconSize(THUMB)
        self.list.setFixedHeight(THUMB.height() + 48)
        self.list.setAccessibleName(text("pages", locale, count=0))
        layout.addWidget(self.list)
        actions = QHBoxLayout()
        self.earlier = button(text("earlier", locale), "link")
        self.later = button(text("later", locale), "link")
        self.delete = button(text("delete", locale), "link")
        self.rescan = button(text("rescan", locale), "link")
        self.rescan.setVisible(can_scan)
        self.earlier.clicked.connect(lambda: self._move(-1))
        self.later.clicked.connect(lambda: self._move(+1))
        self.delete.clicked.connect(lambda: self.delete_requested.emit(self.list.currentRow()))
        self.rescan.clicked.connect(lambda: self.rescan_requested.emit(self.list.currentRow()))
        for widget in (self.earlier, self.later, self.delete, self.rescan):
            actions.addWidget(widget)
        actions.addStretch(1)
        layout.addLayout(actions)
        self.list.currentRowChanged.connect(self._enable)
        self._enable()

    def show_pages(self, thumbnails: list[bytes], current: int | None = None) -> None:
        keep = self.list.currentRow() if current is None else current
        self.list.clear()
        for number, png in enumerate(thumbnails, start=1):
            picture = QPixmap()
            picture.loadFromData(png, "PNG")
            item = QListWidgetItem(QIcon(picture), text("page", self.language, number=number))
            self.list.addItem(item)
        self.list.setAccessibleName(text("pages", self.language, count=len(thumbnails)))
        if thumbnails:
            self.list.setCurrentRow(min(max(keep, 0), len(thumbnails) - 1))
        self._enable()
        self.setVisible(bool(thumbnails))

    def _move(self, step: int) -> None:
        index = self.list.currentRow()
        to = index + step
        if index >= 0 and 0 <= to < self.list.count():
            self.move_requested.emit(index, to)

    def _enable(self) -> None:
        index, count = self.list.currentRow(), self.list.count()
        chosen = 0 <= index < count
        self.earlier.setEnabled(chosen and index > 0)
        self.later.setEnabled(chosen and index < count - 1)
        self.delete.setEnabled(chosen)
        self.rescan.setEnabled(chosen)
