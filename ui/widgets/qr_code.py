"""A QR code on screen, from reportlab's encoder (already a dependency, for receipts):
the matrix is painted as squares with its quiet zone, black on white whatever the
theme, so that any phone reads it."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

QUIET = 4  # modules of white around the code (ISO/IEC 18004)


def qr_matrix(value: str) -> list[list[bool]]:
    # Imported here: reportlab (with PIL) costs ~9 MiB and tens of ms, and the flow's done
    # and sign-in screens, which import this module, are built at every start.
    from reportlab.graphics.barcode import qrencoder

    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)  # None: smallest
    code.addData(value)
    code.make()
    count = code.getModuleCount()
    return [[bool(code.isDark(row, column)) for column in range(count)] for row in range(count)]


class QrCode(QWidget):
    def __init__(self, value: str, side: int = 280, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.value = value
        self._matrix = qr_matrix(value)
        self._side = side
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("QR")

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(self._side, self._side)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        side = min(self.width(), self.height())
        painter.fillRect(0, 0, side, side, QColor("white"))
        modules = len(self._matrix) + 2 * QUIET
        size = side / modules
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("black"))
        for row, line in enumerate(self._matrix):
            for column, dark in enumerate(line):
                if dark:
                    left, top = (column + QUIET) * size, (row + QUIET) * size
                    painter.drawRect(QRectF(left, top, size + 0.5, size + 0.5))
        painter.end()
