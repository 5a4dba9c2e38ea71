"""«Keep the receipt on your phone»: the QR code of the receipt's page on the platform
(sync/server/receipts_page.py) and what the citizen needs to know to use it. Shown on
the kiosk's done screen at once, also while the application is still queued offline:
the page opens when it reaches the platform."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from ui.i18n import QT_TRANSLATE_NOOP, declare_texts
from ui.screens.common import label
from ui.widgets.qr_code import QrCode

TEXTS = declare_texts(
    "phone_receipt",
    {
        "title": QT_TRANSLATE_NOOP("phone_receipt", "Η απόδειξη στο κινητό σας"),
        "how": QT_TRANSLATE_NOOP(
            "phone_receipt",
            "Σκανάρετε τον κωδικό QR με την κάμερα του κινητού σας και κρατήστε τη σελίδα "
            "ή εκτυπώστε την.",
        ),
        "when": QT_TRANSLATE_NOOP(
            "phone_receipt",
            "Η απόδειξη ανοίγει μόλις η αίτηση φτάσει στην υπηρεσία και μένει διαθέσιμη 30 ημέρες.",
        ),
        "qr": QT_TRANSLATE_NOOP("phone_receipt", "Κωδικός QR της απόδειξης"),
        # The receipt's picture on the done screen, as a screen reader names it.
        "receipt": QT_TRANSLATE_NOOP("phone_receipt", "Απόδειξη υποβολής"),
    },
)
QR_SIDE = 240  # px: a phone reads it from arm's length, and it fits beside the words


class PhoneReceipt(QFrame):
    def __init__(self, url: str, locale: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("panel")
        row = QHBoxLayout(self)
        row.setContentsMargins(20, 12, 20, 12)
        self.code = QrCode(url, side=QR_SIDE)
        self.code.setFixedSize(QR_SIDE, QR_SIDE)
        self.code.setAccessibleName(TEXTS.text("qr", locale))
        words = QVBoxLayout()
        words.addWidget(label(TEXTS.text("title", locale), "h2"))
        words.addWidget(label(TEXTS.text("how", locale)))
        words.addWidget(label(TEXTS.text("when", locale)))
        words.addStretch(1)
        row.addWidget(self.code, 0, Qt.AlignmentFlag.AlignTop)
        row.addLayout(words, 1)
