"""A top-down text flow on a reportlab canvas, which can also run without a canvas to
measure: the thermal roll is cut to the height its content needs, so the receipt is laid
out twice (measure, then draw) instead of guessing a length and clipping the QR code."""

from __future__ import annotations

from collections.abc import Callable

from reportlab.graphics.barcode import qrencoder
from reportlab.lib.colors import Color, HexColor, black
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

REGULAR, BOLD = "DejaVuSans", "DejaVuSans-Bold"
# gov.gr palette (shared/data/govgr-design): primary, gray-1000 text, gray-700 secondary,
# gray-300 rules, gray-200 panels, warning orange.
PRIMARY, TEXT, SECONDARY = HexColor("#003375"), HexColor("#252830"), HexColor("#6d6a71")
RULE, PANEL, WARNING = HexColor("#cdccce"), HexColor("#ecebec"), HexColor("#f39000")
LEADING = 1.32


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Greedy word wrap; a single word wider than the line (a long URL) is cut by glyph."""
    rows: list[str] = []
    current = ""
    for piece in text.split():
        candidate = f"{current} {piece}" if current else piece
        if stringWidth(candidate, font, size) <= width:
            current = candidate
            continue
        if current:
            rows.append(current)
        current = piece
        while stringWidth(current, font, size) > width and len(current) > 1:
            cut = len(current) - 1
            while cut > 1 and stringWidth(current[:cut], font, size) > width:
                cut -= 1
            rows.append(current[:cut])
            current = current[cut:]
    return [*rows, current] if current else rows


class Flow:
    """Writes downwards from `top`. With `canvas=None` it only moves `y` (measuring).
    `new_page` is called when the next block would cross `bottom`; without it the flow
    never breaks (the thermal roll is as long as it needs)."""

    def __init__(
        self,
        canvas: Canvas | None,
        left: float,
        width: float,
        top: float,
        size: float,
        bottom: float = 0.0,
        new_page: Callable[[], float] | None = None,
    ) -> None:
        self.canvas, self.left, self.width, self.y = canvas, left, width, top
        self.size, self.bottom, self._new_page = size, bottom, new_page

    # --- primitives --------------------------------------------------------------------
    def room(self, height: float) -> None:
        if self._new_page is not None and self.y - height < self.bottom:
            self.y = self._new_page()

    def space(self, factor: float = 1.0) -> None:
        self.y -= self.size * factor

    def text(
        self,
        text: str,
        *,
        bold: bool = False,
        size: float | None = None,
        colour: Color = TEXT,
        indent: float = 0.0,
        bullet: str = "",
        width: float | None = None,
    ) -> None:
        """A wrapped paragraph; with a bullet, wrapped rows hang under the text."""
        font, size = (BOLD if bold else REGULAR), size or self.size
        hang = stringWidth(bullet + " ", font, size) if bullet else 0.0
        rows = wrap(text, font, size, (width or self.width) - indent - hang)
        for number, row in enumerate(rows):
            self.room(size * LEADING)
            self.y -= size * LEADING
            if self.canvas is not None:
                self.canvas.setFillColor(colour)
                self.canvas.setFont(font, size)
                if bullet and number == 0:
                    self.canvas.drawString(self.left + indent, self.y, bullet)
                self.canvas.drawString(self.left + indent + hang, self.y, row)

    def heading(self, text: str) -> None:
        """A section title in primary blue over a thin rule."""
        size = self.size * 1.15
        self.room(size * LEADING * 3)
        self.space(0.9)
        self.text(text, bold=True, size=size, colour=PRIMARY)
        self.y -= size * 0.35
        if self.canvas is not None:
            self.canvas.setStrokeColor(PRIMARY)
            self.canvas.setLineWidth(0.8)
            self.canvas.line(self.left, self.y, self.left + self.width, self.y)
        self.y -= size * 0.25

    def field(self, label: str, value: str, *, label_width: float, width: float) -> None:
        """A label and its value: side by side when `label_width`, stacked when 0."""
        if not label_width:
            self.text(label, size=self.size * 0.85, colour=SECONDARY, width=width)
            self.text(value, bold=True, width=width)
            self.space(0.35)
            return
        top = self.y
        self.y -= self.size * 0.1 * LEADING  # the smaller label on the value's baseline
        self.text(label, size=self.size * 0.9, colour=SECONDARY, width=label_width)
        after_label = self.y
        self.y = top
        self.text(value, bold=True, indent=label_width, width=width)
        self.y = min(self.y, after_label) - self.size * 0.45

    def amount_row(self, label: str, amount: str, *, bold: bool = False) -> None:
        """A label that wraps on the left and its amount right-aligned on the first row."""
        font, size = (BOLD if bold else REGULAR), self.size
        column = stringWidth(amount, font, size) + size
        top = self.y
        self.text(label, bold=bold, width=self.width - column)
        if self.canvas is not None:
            self.canvas.setFont(font, size)
            self.canvas.setFillColor(TEXT)
            self.canvas.drawRightString(self.left + self.width, top - size * LEADING, amount)

    def rule(self, colour: Color = RULE) -> None:
        self.y -= self.size * 0.3
        if self.canvas is not None:
            self.canvas.setStrokeColor(colour)
            self.canvas.setLineWidth(0.5)
            self.canvas.line(self.left, self.y, self.left + self.width, self.y)
        self.y -= self.size * 0.1

    def panel(self, bar: Color, write: Callable[[Flow], None]) -> None:
        """A grey panel with a coloured bar on the left (square corners, as on gov.gr);
        its content is measured first so the panel can be drawn under it."""
        pad, bar_width = self.size * 0.8, self.size * 0.45
        inner_left, inner_width = self.left + bar_width + pad, self.width - bar_width - 2 * pad
        probe = Flow(None, inner_left, inner_width, 0.0, self.size)
        write(probe)
        height = -probe.y + 2 * pad
        self.room(height)
        top = self.y
        if self.canvas is not None:
            self.canvas.setFillColor(PANEL)
            self.canvas.rect(self.left, top - height, self.width, height, stroke=0, fill=1)
            self.canvas.setFillColor(bar)
            self.canvas.rect(self.left, top - height, bar_width, height, stroke=0, fill=1)
        inner = Flow(self.canvas, inner_left, inner_width, top - pad + self.size * 0.3, self.size)
        write(inner)
        self.y = top - height

    def qr(self, value: str, x: float, y: float, size: float) -> None:
        """The QR matrix from reportlab's encoder, drawn as one filled path inside its
        quiet zone: ~10× faster than the QR widget, which also brings an unembedded
        Helvetica along."""
        if self.canvas is None:
            return
        code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)  # None: smallest
        code.addData(value)
        code.make()
        count, quiet = code.getModuleCount(), 4
        module = size / (count + 2 * quiet)
        path = self.canvas.beginPath()
        for row in range(count):
            for column in range(count):
                if code.isDark(row, column):
                    left = x + (column + quiet) * module
                    path.rect(left, y + size - (row + quiet + 1) * module, module, module)
        self.canvas.setFillColor(black)
        self.canvas.drawPath(path, stroke=0, fill=1)
