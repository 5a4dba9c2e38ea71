"""The home screen's shortcuts: procedures as large tiles, as many whole rows of them as
the screen has room for below the welcome.

A portrait kiosk (1080×1920) otherwise shows the welcome and two buttons in a screen
that is two thirds white; a laptop-sized screen has room for none, and shows none (the
welcome never scrolls to make room for shortcuts)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QSizePolicy, QVBoxLayout, QWidget

from ui.screens.common import label
from ui.texts import text

if TYPE_CHECKING:  # the first screen is painted before either is loaded
    from kiosk.catalog.model import Procedure
    from ui.widgets.wrapping_button import WrappingButton

COLUMNS = 2
MAX_TILES = 20


def shortcuts(procedures: Iterable[Procedure], locale: str) -> list[tuple[str, str]]:
    """(id, title) of the procedures a citizen at the counter of a Region most likely
    came for: those for citizens before those for businesses, reviewed ones only, in
    the alphabetical order of their titles (until the office's own figures rank them)."""
    from kiosk.catalog.greek_text import fold  # «Άδεια» with «Αναβολή», not before it

    chosen = sorted(
        (p for p in procedures if not p.draft),
        key=lambda p: (p.audience == "businesses", fold(p.title.get(locale))),
    )
    return [(p.id, p.title.get(locale)) for p in chosen[:MAX_TILES]]


class ProcedureTiles(QWidget):
    chosen = Signal(str)  # a procedure's id

    def __init__(self, locale: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Whatever height the page leaves, nothing more: it never makes the page scroll.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Ignored)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(16)
        self.heading = label(text("search_label", locale), "h2")
        column.addWidget(self.heading)
        self._grid = QGridLayout()
        self._grid.setSpacing(16)
        for number in range(COLUMNS):  # equal columns, whatever the titles' lengths
            self._grid.setColumnStretch(number, 1)
        column.addLayout(self._grid)
        column.addStretch(1)
        self.tiles: list[WrappingButton] = []
        self._fit()

    def offer(self, procedures: list[tuple[str, str]]) -> None:
        from ui.widgets.wrapping_button import WrappingButton

        for index, (procedure_id, title) in enumerate(procedures):
            tile = WrappingButton(title, "tile")
            tile.clicked.connect(lambda _=False, pid=procedure_id: self.chosen.emit(pid))
            self._grid.addWidget(tile, index // COLUMNS, index % COLUMNS)
            self.tiles.append(tile)
        self._fit()

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt's name
        return False  # the tiles' own heights must not size the page (it would scroll)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(super().minimumSizeHint().width(), 0)

    def shown(self) -> list[WrappingButton]:
        return [tile for tile in self.tiles if not tile.isHidden()]

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        """Whole rows only, as many as the height holds; no heading over no tiles."""
        if not self.tiles:  # the first screen, before the catalog: nothing to measure
            self.heading.setVisible(False)
            return
        spacing = self._grid.spacing()
        width = (self.width() - spacing * (COLUMNS - 1)) // COLUMNS
        room = self.height() - self.heading.heightForWidth(self.width()) - 16
        rows = 0
        for first in range(0, len(self.tiles), COLUMNS):
            row = self.tiles[first : first + COLUMNS]
            tall = max(tile.heightForWidth(width) for tile in row)
            if tall > room:
                break
            room -= tall + spacing
            rows += 1
        for index, tile in enumerate(self.tiles):
            tile.setVisible(index // COLUMNS < rows)
        self.heading.setVisible(rows > 0)
