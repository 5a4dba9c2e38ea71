"""Kiosk home: what the citizen sees first."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from ui.screens.common import button, label, panel, scrolling_page
from ui.texts import text


class HomeScreen(QWidget):
    find_requested = Signal()
    resume_requested = Signal()

    def __init__(self, locale: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = scrolling_page(self)  # large text on a small screen: it scrolls
        layout.addStretch(1)
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
        layout.addStretch(2)
