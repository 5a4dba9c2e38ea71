"""Files brought by the applicant (a USB stick, an e-mail printed to PDF) turned into
pages, or refused with what to do.

The kind of a file is read from its first bytes, not its name. Its size is checked on
the file system before a byte is read, so a 300 MB PDF is refused without filling the
memory. A PDF is read with pypdf, leniently (`strict=False`: a broken cross-reference
table or a truncated trailer is rebuilt where it can be); a PDF it cannot read, or one
sealed with a user password, is refused (one with only an owner password opens, as in
any viewer). Nothing is written anywhere: the pages stay in memory."""

from __future__ import annotations

import io
import warnings
from pathlib import Path

from PIL import Image
from pypdf import PasswordType, PdfReader, PdfWriter

from kiosk.catalog.model import SupportingDocument
from kiosk.documents.limits import DocumentLimits, megabytes
from kiosk.documents.pages import Page
from kiosk.documents.texts import TEXTS, DocumentRefusedError

PDF, JPEG, PNG = "application/pdf", "image/jpeg", "image/png"
MIN_PAGE_SIDE = 400  # pixels: smaller is a thumbnail or an icon, not a readable page
BLANK_RANGE = 16  # grey levels, darkest to lightest: a page with any writing spans more


def is_blank(image: Image.Image) -> bool:
    """One colour all over (a lens cap, a camera pointed at the desk, an empty sheet):
    nothing to read. Judged on a 64-pixel grey copy, averaged, which evens out a camera's
    noise and a paper's grain but keeps a line of writing or a signature."""
    small = image.convert("L").resize((64, 64), Image.Resampling.BOX)
    low, high = small.getextrema()  # one band ("L"): two numbers
    assert isinstance(low, int | float) and isinstance(high, int | float)
    return high - low <= BLANK_RANGE


def sniff(head: bytes) -> str | None:
    """The media type from a file's first bytes; None when it is none of ours."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    # A PDF may start with a little junk (some scanners' files do): qpdf allows 1 KiB.
    if b"%PDF-" in head[:1024]:
        return PDF
    return None


def import_file(path: Path, document: SupportingDocument, limits: DocumentLimits) -> list[Page]:
    """The pages of the file at `path`, for `document`; DocumentRefusedError if it cannot be
    one of its pages."""
    name = path.name
    try:
        size = path.stat().st_size
        if size > limits.max_bytes_for(document):
            raise DocumentRefusedError(
                TEXTS["too_large"],
                document.title,
                size=megabytes(size),
                limit=limits.max_mb_for(document),
            )
        data = path.read_bytes()
    except OSError as error:
        reason = error.strerror or error.__class__.__name__
        raise DocumentRefusedError(
            TEXTS["unreadable"], document.title, file=name, reason=reason
        ) from None
    return pages_from_bytes(data, name, document, limits)


def pages_from_bytes(
    data: bytes, name: str, document: SupportingDocument, limits: DocumentLimits
) -> list[Page]:
    if len(data) > limits.max_bytes_for(document):
        raise DocumentRefusedError(
            TEXTS["too_large"],
            document.title,
            size=megabytes(len(data)),
            limit=limits.max_mb_for(document),
        )
    kind = sniff(data[:1024])
    if kind is None:
        raise DocumentRefusedError(TEXTS["not_a_page"], document.title, file=name)
    if kind == PDF:
        return pdf_pages(data, name, document, limits)
    return [image_page(data, kind, name, document)]


def image_page(data: bytes, kind: str, name: str, document: SupportingDocument) -> Page:
    """An image as one page, its bytes untouched (img2pdf embeds them losslessly); a PNG
    with transparency is flattened onto white, which PDF pages are."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                image.verify()  # the whole stream decodes: not cut short, not corrupt
            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
                readable: Image.Image = image  # what the page looks like: on white, if transparent
                transparent = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
                if transparent:
                    image.load()
                    flat = Image.new("RGB", image.size, "white")
                    flat.paste(image, mask=image.convert("RGBA").getchannel("A"))
                    out = io.BytesIO()
                    flat.save(out, "PNG", dpi=image.info.get("dpi", (200, 200)))
                    data, readable = out.getvalue(), flat
                blank = min(width, height) >= MIN_PAGE_SIDE and is_blank(readable)
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError, Warning):
        raise DocumentRefusedError(TEXTS["damaged"], document.title, file=name) from None
    if min(width, height) < MIN_PAGE_SIDE:
        raise DocumentRefusedError(
            TEXTS["too_small"], document.title, file=name, width=width, height=height
        )
    if blank:
        raise DocumentRefusedError(TEXTS["blank"], document.title, file=name)
    return Page("image", data, kind, name)


def pdf_pages(
    data: bytes, name: str, document: SupportingDocument, limits: DocumentLimits
) -> list[Page]:
    """Each page of a PDF as a one-page PDF, so that pages can be reordered one by one."""
    try:
        with warnings.catch_warnings():
            # A damaged file's parser warnings say nothing the person can act on: whether
            # it reads at all is the answer.
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
                raise DocumentRefusedError(TEXTS["password"], document.title, file=name)
            count = len(reader.pages)
            if count == 0:
                raise DocumentRefusedError(TEXTS["no_pages"], document.title)
            if count > limits.max_pages:
                raise DocumentRefusedError(
                    TEXTS["too_many_pages"], document.title, count=count, limit=limits.max_pages
                )
            pages = []
            for page in reader.pages:
                single = PdfWriter()
                single.add_page(page)
                out = io.BytesIO()
                single.write(out)
                pages.append(Page("pdf", out.getvalue(), PDF, name))
            return pages
    except DocumentRefusedError:
        raise
    except Exception:  # hostile bytes can break a parser in any way: each way is "damaged"
        raise DocumentRefusedError(TEXTS["damaged"], document.title, file=name) from None
