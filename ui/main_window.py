"""The top-level window: gov.gr header above the current screen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMainWindow, QVBoxLayout, QWidget

GOVGR_PRIMARY = "#003375"


class MainWindow(QMainWindow):
    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle(self.tr("Εξυπηρέτηση Πολιτών — Περιφέρεια"))
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        header = QLabel(self.tr("Περιφέρεια · Εξυπηρέτηση Πολιτών"), central)
        header.setObjectName("header")
        header.setStyleSheet(
            f"background:{GOVGR_PRIMARY}; color:white; font-size:24px; font-weight:bold; padding:16px;"
        )
        header.setAccessibleName(self.tr("Επικεφαλίδα"))
        welcome = QLabel(
            self.tr("Καλώς ήρθατε. Επιλέξτε τη διαδικασία που σας ενδιαφέρει."), central
        )
        welcome.setObjectName("welcome")
        welcome.setAlignment(Qt.AlignmentFlag.AlignCenter)
        welcome.setStyleSheet("font-size:19px; color:#252830;")
        layout.addWidget(header)
        layout.addWidget(welcome, 1)
        self.setCentralWidget(central)
