"""The sign-in's QR code reads back, from the pixels on screen, as the link it holds."""

from __future__ import annotations

import zxingcpp
from PIL import Image
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from ui.widgets.qr_code import QrCode

LINK = "http://127.0.0.1:8443/citizen?code=BCDF-GHJK"


def test_the_code_on_screen_decodes_to_its_link(qtbot: QtBot) -> None:
    widget = QrCode(LINK, side=240)
    qtbot.addWidget(widget)
    widget.resize(widget.sizeHint())
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB888)
    pixels = Image.frombytes(
        "RGB", (image.width(), image.height()), bytes(image.constBits()), "raw", "RGB",
        image.bytesPerLine(),
    )  # fmt: skip
    assert [code.text for code in zxingcpp.read_barcodes(pixels)] == [LINK]
