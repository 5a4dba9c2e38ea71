"""Pages into one PDF, sealed in the attachment store, and the checklist row attached.

Images go in through img2pdf, which embeds a JPEG's bytes as they are and a PNG's
pixels without re-encoding them lossily (its own PDF writer, `Engine.internal`: the
same output in development and in the packaged build, which leaves out pikepdf); the
pages of imported PDFs are copied in with pypdf. Everything happens in memory: the only
file is the store's encrypted one.

Why pypdf and not pikepdf (qpdf): pypdf is pure Python and ~1 MB; pikepdf with qpdf,
its own libjpeg and lxml added 17 MiB to a bundle whose budget is 120 MiB (issue #22).
pypdf reads damaged files leniently (`strict=False`), which is what qpdf's repair gave."""

from __future__ import annotations

import io
from typing import Protocol

import img2pdf
from pypdf import PdfReader, PdfWriter

from kiosk.catalog.model import SupportingDocument
from kiosk.documents.limits import ASSEMBLED_TYPE, DocumentLimits, check_size
from kiosk.documents.pages import DocumentPages, Page
from kiosk.documents.texts import TEXTS, DocumentRefusedError
from kiosk.engine.session import FillingSession
from kiosk.submission import AttachmentRef


class AttachmentSink(Protocol):
    """Where an assembled document is sealed (kiosk.store.Attachments)."""

    def put(self, data: bytes, file_name: str, media_type: str) -> AttachmentRef: ...


def _page_pdf(page: Page) -> bytes:
    if page.kind == "pdf":
        return page.data
    converted: bytes = img2pdf.convert(
        page.data, rotation=img2pdf.Rotation.ifvalid, engine=img2pdf.Engine.internal
    )
    return converted


def assemble(pages: DocumentPages, document: SupportingDocument) -> bytes:
    """One PDF of `pages` in their order."""
    if len(pages) == 0:
        raise DocumentRefusedError(TEXTS["no_pages"], document.title)
    merged = PdfWriter()
    for page in pages:
        for single in PdfReader(io.BytesIO(_page_pdf(page))).pages:
            merged.add_page(single)
    for added in merged.pages:
        added.compress_content_streams()
    out = io.BytesIO()
    merged.write(out)
    return out.getvalue()


def file_name_for(document: SupportingDocument) -> str:
    """The attachment's name: the document's id, never the imported file's name (which
    often holds a surname or an AFM)."""
    return f"{document.id}.pdf"


def attach_pages(
    session: FillingSession,
    document_id: str,
    pages: DocumentPages,
    sink: AttachmentSink,
    limits: DocumentLimits,
) -> AttachmentRef:
    """Assemble, check the size, seal, and mark the document attached in the session.
    A refusal changes nothing: the pages stay as they were."""
    document = {d.id: d for d in session.procedure.documents}[document_id]
    pdf = assemble(pages, document)
    check_size(document, len(pdf), limits)
    ref = sink.put(pdf, file_name_for(document), ASSEMBLED_TYPE)
    session.attach_document(document_id, ref)
    return ref
