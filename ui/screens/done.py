"""After submitting: the protocol number, or plainly that it is queued, and what to bring."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QWidget

from ui.screens.common import button, label, page_layout, panel, scrolling
from ui.texts import text
from ui.widgets.phone_receipt import TEXTS, PhoneReceipt

# A roll receipt (80 mm) shown 640 px wide: its 8 pt text draws at about 22 px, legible
# at arm's length on a kiosk (at 360 px it was about 11 px).
RECEIPT_PX = 640


class DoneScreen(QWidget):
    home_requested = Signal()
    print_requested = Signal()

    def __init__(
        self,
        *,
        locale: str,
        reference: str,
        protocol_number: str | None,
        to_bring: list[str],
        sending: bool = False,
        receipt_url: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.language = locale
        outer = page_layout(self)
        outer.addWidget(label(text("done", locale), "h1"))
        content = QWidget()  # scrolls: the receipt shown on screen is taller than it
        layout = page_layout(content)
        layout.setContentsMargins(0, 0, 0, 0)
        frame, box = panel()
        self.protocol_line = label("", "h2")
        self.queued_note = label("")
        box.addWidget(self.protocol_line)
        box.addWidget(self.queued_note)
        if protocol_number:
            self.show_protocol(protocol_number)
        elif sending:
            self.queued_note.setText(text("sending", locale))
            self.protocol_line.hide()
        else:
            self.show_queued()
        # The code as on the paper receipt, large: the citizen may copy it down.
        box.addWidget(label(text("reference", locale, reference=reference), "h2"))
        layout.addWidget(frame)
        self.phone_receipt: PhoneReceipt | None = None
        if receipt_url is not None:  # enrolled: the platform will serve the receipt
            self.phone_receipt = PhoneReceipt(receipt_url, locale)
            layout.addWidget(self.phone_receipt)
        layout.addWidget(label(text("still_to_bring", locale), "h2"))
        layout.addWidget(
            label("\n".join(f"• {t}" for t in to_bring) or text("nothing_to_bring", locale))
        )
        self.print_message = label("", "secondary")
        self.print_message.hide()
        layout.addWidget(self.print_message)
        self.receipt_view = label("")
        self.receipt_view.setAccessibleName(TEXTS.text("receipt", locale))
        self.receipt_view.hide()
        layout.addWidget(self.receipt_view)
        layout.addStretch(1)
        outer.addWidget(scrolling(content), 1)
        self.print_button = button(text("print", locale))
        self.print_button.clicked.connect(self.print_requested)
        outer.addWidget(self.print_button)
        home = button(text("home", locale), "primary")
        home.clicked.connect(self.home_requested)
        outer.addWidget(home)

    def show_protocol(self, number: str) -> None:
        self.protocol_line.setText(text("protocol", self.language, number=number))
        self.protocol_line.show()
        self.queued_note.hide()

    def show_queued(self) -> None:
        queued = text("queued", self.language)
        if self.queued_note.text() == queued and self.queued_note.isVisibleTo(self):
            return  # said once: a later failed drain changes nothing
        self.queued_note.setText(queued)
        self.queued_note.show()
        self.protocol_line.hide()

    def show_print_result(self, message: str, receipt: QPixmap | None) -> None:
        self.print_message.setText(message)
        self.print_message.show()
        if receipt is not None:
            self.show_receipt(receipt)

    def show_receipt(self, receipt: QPixmap) -> None:
        """The receipt full size on screen (a kiosk without a printer shows it at once)."""
        self.receipt_view.setPixmap(receipt)
        self.receipt_view.show()
