"""Imported files become pages, or are refused with a message naming the document and
what to do; a refusal leaves the pages gathered before untouched."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageDraw

from kiosk.catalog.model import SupportingDocument, Text
from kiosk.documents import DocumentLimits, DocumentPages, DocumentRefusedError, import_file
from tests.kiosk.documents import samples

ID_CARD = SupportingDocument(
    id="id_card", title=Text(el="Αστυνομική ταυτότητα", en="Identity card")
)
LIMITS = DocumentLimits(max_mb=5)


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _refusal(path: Path) -> DocumentRefusedError:
    with pytest.raises(DocumentRefusedError) as refused:
        import_file(path, ID_CARD, LIMITS)
    return refused.value


def test_a_pdf_gives_one_page_per_page(tmp_path: Path) -> None:
    pages = import_file(_write(tmp_path, "a.pdf", samples.pdf(3)), ID_CARD, LIMITS)
    assert [p.kind for p in pages] == ["pdf"] * 3


def test_images_are_one_page_each_with_their_bytes_untouched(tmp_path: Path) -> None:
    photo = samples.jpeg()
    [page] = import_file(_write(tmp_path, "photo.jpg", photo), ID_CARD, LIMITS)
    assert (page.kind, page.media_type, page.data) == ("image", "image/jpeg", photo)
    [scan] = import_file(_write(tmp_path, "scan.png", samples.png()), ID_CARD, LIMITS)
    assert scan.media_type == "image/png"


def test_the_kind_is_read_from_the_bytes_not_the_name(tmp_path: Path) -> None:
    [page] = import_file(_write(tmp_path, "named-wrongly.txt", samples.png()), ID_CARD, LIMITS)
    assert page.media_type == "image/png"


def test_a_transparent_png_is_flattened_onto_white(tmp_path: Path) -> None:
    [page] = import_file(_write(tmp_path, "a.png", samples.png(alpha=True)), ID_CARD, LIMITS)
    assert page.data.startswith(b"\x89PNG") and page.kind == "image"


def test_a_file_that_is_no_page_is_refused_naming_the_document(tmp_path: Path) -> None:
    refused = _refusal(_write(tmp_path, "letter.docx", b"PK\x03\x04 a word file"))
    assert refused.code == "documents.not_a_page"
    assert "Αστυνομική ταυτότητα" in refused.message("el")
    assert "Identity card" in refused.message("en") and "PDF, JPEG or PNG" in refused.message("en")


def test_a_corrupt_pdf_is_refused(tmp_path: Path) -> None:
    refused = _refusal(_write(tmp_path, "broken.pdf", b"%PDF-1.7\n" + os.urandom(4000)))
    assert refused.code == "documents.damaged"
    assert "broken.pdf" in refused.message("en")


def test_a_pdf_with_a_broken_cross_reference_table_is_repaired(tmp_path: Path) -> None:
    data = samples.pdf(2)
    broken = data.replace(b"startxref", b"startxref\n999999\n%%EOF\n%", 1)
    assert len(import_file(_write(tmp_path, "r.pdf", broken), ID_CARD, LIMITS)) == 2


def test_a_password_protected_pdf_is_refused_with_what_to_do(tmp_path: Path) -> None:
    refused = _refusal(_write(tmp_path, "locked.pdf", samples.pdf(1, password="secret")))
    assert refused.code == "documents.password"
    assert "without one" in refused.message("en")


def test_a_300_mb_pdf_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.pdf"
    with path.open("wb") as out:  # sparse: 300 MB on paper, nothing on the disk
        out.write(b"%PDF-1.7\n")
        out.truncate(300 * 1024 * 1024)
    refused = _refusal(path)
    assert refused.code == "documents.too_large"
    assert "300.0 MB" in refused.message("en") and "limit of 5 MB" in refused.message("en")


def test_a_corrupt_image_and_a_tiny_one_are_refused(tmp_path: Path) -> None:
    cut = samples.png()[:300]
    assert _refusal(_write(tmp_path, "cut.png", cut)).code == "documents.damaged"
    icon = samples.png(64, 64)
    refused = _refusal(_write(tmp_path, "icon.png", icon))
    assert refused.code == "documents.too_small" and "64×64" in refused.message("en")


def test_a_blank_image_is_refused_but_a_signature_alone_on_white_is_a_page(
    tmp_path: Path,
) -> None:
    for name, data in [
        ("dark.jpg", _photo("black", noise=True)),  # a lens cap: a camera's noise on black
        ("white.png", samples.png(colour="white", text=False)),
    ]:
        refused = _refusal(_write(tmp_path, name, data))
        assert refused.code == "documents.blank" and name in refused.message("en"), name
    signed = _write(tmp_path, "signed.jpg", _photo("white", noise=True, signature=True))
    assert len(import_file(signed, ID_CARD, LIMITS)) == 1
    ink_on_clear = samples.png(colour=(0, 0, 0, 0), alpha=True)  # black text, see-through
    assert len(import_file(_write(tmp_path, "ink.png", ink_on_clear), ID_CARD, LIMITS)) == 1


def _photo(colour: str, noise: bool = False, signature: bool = False) -> bytes:
    image = Image.new("RGB", (1200, 1600), colour)
    if noise:  # a sensor's noise: a few grey levels either way, everywhere
        grain = Image.frombytes("L", image.size, bytes(b % 12 for b in os.urandom(1200 * 1600)))
        image = ImageChops.add(image, grain.convert("RGB"), offset=-6)
    if signature:
        ImageDraw.Draw(image).line([(800, 1400), (900, 1380), (1000, 1420)], "navy", 6)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def test_a_missing_file_says_it_cannot_be_opened(tmp_path: Path) -> None:
    assert _refusal(tmp_path / "gone.pdf").code == "documents.unreadable"


def test_a_refused_import_keeps_the_pages_gathered_before(tmp_path: Path) -> None:
    pages = DocumentPages(import_file(_write(tmp_path, "a.png", samples.png()), ID_CARD, LIMITS))
    with pytest.raises(DocumentRefusedError):
        pages.add(import_file(_write(tmp_path, "x.pdf", samples.pdf(1, "pw")), ID_CARD, LIMITS))
    assert len(pages) == 1
