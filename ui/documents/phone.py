"""«Upload from your phone» in a document row: the QR code of the platform's one-time
page, and a poll every few seconds (on the desk's lane) until the file has come."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

import zxingcpp
from PIL import Image
from PySide6.QtCore import QTimer
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.catalog.model import SupportingDocument
from ui.documents.desk import DocumentDesk
from ui.documents.texts import text
from ui.screens.common import label

if TYPE_CHECKING:
    from sync.phone import PhoneLink

POLL_MS = 2000


def qr_pixmap(url: str) -> QPixmap:
    symbol = zxingcpp.create_barcode(url, zxingcpp.BarcodeFormat.QRCode)
    image = Image.fromarray(zxingcpp.write_barcode_to_image(symbol, scale=6))
    out = io.BytesIO()
    image.save(out, "PNG")
    picture = QPixmap()
    picture.loadFromData(out.getvalue(), "PNG")
    return picture


class PhoneUpload(QWidget):
    """Hidden until the citizen asks; then the QR code and the words, until the file came."""

    def __init__(
        self,
        document: SupportingDocument,
        desk: DocumentDesk,
        locale: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.document, self.desk = document, desk
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(label(text("phone_hint", locale)))
        self.code = label("")
        self.code.setAccessibleName(text("phone_qr", locale))
        layout.addWidget(self.code)
        self.link: PhoneLink | None = None
        self._asking = False
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self.poll)
        self.hide()

    def show_link(self, link: PhoneLink) -> None:
        self.link = link
        self.code.setPixmap(qr_pixmap(link.url))
        self.show()
        self._timer.start()

    def poll(self) -> None:
        if self.link is None or self._asking:
            return
        self._asking = True
        self.desk.phone_collect(self.document, self.link, self._answered)

    def _answered(self, arrived: bool) -> None:
        self._asking = False
        if arrived:
            self.stop()

    def stop(self) -> None:
        self._timer.stop()
        self.link = None
        self.hide()
