"""Small PNG pictures of pages for the clerk's page strip, made off the GUI thread.

An image page is scaled down with Pillow; a PDF page is drawn by PDFium (pypdfium2,
already used to rasterise receipts). In memory only."""

from __future__ import annotations

import io

import pypdfium2
from PIL import Image

from kiosk.documents.pages import Page

WIDTH = 120


def thumbnail(page: Page, width: int = WIDTH) -> bytes:
    if page.kind == "pdf":
        document = pypdfium2.PdfDocument(page.data)
        try:
            first = document[0]
            scale = width / max(first.get_width(), 1)
            image = first.render(scale=scale).to_pil()
        finally:
            document.close()
    else:
        with Image.open(io.BytesIO(page.data)) as opened:
            opened.draft("RGB", (width, width * 2))  # JPEG: decode at a fraction of its size
            image = opened.convert("RGB")
        image.thumbnail((width, width * 2))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()
