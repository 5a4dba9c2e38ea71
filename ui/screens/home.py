"""Kiosk home: what the citizen sees first."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from ui.screens.common import button, label, panel, scrolling_page
from ui.screens.home_tiles import ProcedureTiles, shortcuts
from ui.texts import text

if TYPE_CHECKING:  # the first screen is painted before the catalog's model is loaded
    from kiosk.catalog.model import Procedure


class HomeScreen(QWidget):
    find_requested = Signal()
    resume_requested = Signal()
    procedure_chosen = Signal(str)  # a shortcut tile's procedure id

    def __init__(self, locale: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._locale = locale
        layout = scrolling_page(self)  # large text on a small screen: it scrolls
        layout.addWidget(label(text("welcome", locale), "h1"))
        layout.addWidget(label(text("welcome_hint", locale)))
        self.find_button = button(text("find", locale), "primary")
        self.find_button.clicked.connect(self.find_requested)
        self.resume_button = button(text("resume", locale))
        self.resume_button.clicked.connect(self.resume_requested)
        layout.addWidget(self.find_button)
        layout.addWidget(self.resume_button)
        # How it goes, in three lines: what a first-time visitor wants to know, and on a
        # portrait kiosk what fills the screen instead of two thirds of white.
        steps, box = panel()
        box.addWidget(label(text("home_how", locale), "h2"))
        for key in ("home_step_find", "home_step_fill", "home_step_later"):
            box.addWidget(label(text(key, locale)))
        layout.addSpacing(24)
        layout.addWidget(steps)
        # Below, shortcuts to procedures in whatever height is left (a portrait kiosk).
        self.tiles = ProcedureTiles(locale)
        self.tiles.chosen.connect(self.procedure_chosen)
        layout.addWidget(self.tiles, 1)

    def offer(self, procedures: Iterable[Procedure]) -> None:
        """The catalog is loaded: shortcuts to its procedures (the first screen of
        `kiosk run` is shown before it is)."""
        self.tiles.offer(shortcuts(procedures, self._locale))
