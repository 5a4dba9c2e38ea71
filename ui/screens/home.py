"""Kiosk home: what the citizen sees first."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from ui.screens.common import button, label, page_layout
from ui.texts import text


class HomeScreen(QWidget):
    find_requested = Signal()
    resume_requested = Signal()

    def __init__(self, locale: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = page_layout(self)
        layout.addStretch(1)
        layout.addWidget(label(text("welcome", locale), "h1"))
        layout.addWidget(label(text("welcome_hint", locale)))
        self.find_button = button(text("find", locale), "primary")
        self.find_button.clicked.connect(self.find_requested)
        self.resume_button = button(text("resume", locale))
        self.resume_button.clicked.connect(self.resume_requested)
        layout.addWidget(self.find_button)
        layout.addWidget(self.resume_button)
        layout.addStretch(2)
