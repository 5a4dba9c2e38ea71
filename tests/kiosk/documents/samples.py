"""Small real files to import: images drawn with Pillow, PDFs written with pypdf."""

from __future__ import annotations

import io
import os

from PIL import Image, ImageDraw
from pypdf import PdfWriter


def png(
    width: int = 827,
    height: int = 1169,
    colour: str | tuple[int, ...] = "white",
    alpha: bool = False,
    text: bool = True,
) -> bytes:
    image = Image.new("RGBA" if alpha else "RGB", (width, height), colour)
    if text:
        ImageDraw.Draw(image).text((40, 40), "page", fill="black")
    out = io.BytesIO()
    image.save(out, "PNG", dpi=(100, 100))
    return out.getvalue()


def jpeg(width: int = 827, height: int = 1169) -> bytes:
    image = Image.new("RGB", (width, height), "lightyellow")
    ImageDraw.Draw(image).rectangle((50, 50, 300, 120), fill="navy")
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85, dpi=(100, 100))
    return out.getvalue()


def pdf(pages: int = 2, password: str | None = None) -> bytes:
    document = PdfWriter()
    for _ in range(pages):
        document.add_blank_page(width=595, height=842)
    if password:
        document.encrypt(user_password=password, owner_password=password, algorithm="AES-256")
    out = io.BytesIO()
    document.write(out)
    return out.getvalue()


def noise_png(side: int = 900) -> bytes:
    """A page of random pixels: it does not compress, so it is large (~2.4 MB)."""
    image = Image.frombytes("RGB", (side, side), os.urandom(side * side * 3))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()
