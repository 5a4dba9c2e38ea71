"""How large a supporting document may be, and the check of every attached document
before an application is finalised (so that a size failure is met at the counter with
the applicant present, not later on the platform).

The limit is the document's own (`max_size_mb` in the procedure definition), else the
office's (`[documents] max_size_mb` in the office file), else DEFAULT_MAX_MB; never
more than the platform accepts for one upload."""

from __future__ import annotations

from collections.abc import Iterable

import msgspec

from kiosk.catalog.model import SupportingDocument
from kiosk.config import Documents
from kiosk.documents.texts import TEXTS, DocumentRefusedError
from kiosk.submission import AttachmentRef

MB = 1024 * 1024
DEFAULT_MAX_MB = 20
PLATFORM_MAX_MB = 512  # sync/server/uploads.MAX_ATTACHMENT_BYTES
DEFAULT_MAX_PAGES = 200
ASSEMBLED_TYPE = "application/pdf"


class DocumentLimits(msgspec.Struct, frozen=True):
    max_mb: int = DEFAULT_MAX_MB  # the office's limit for a document with none of its own
    max_pages: int = DEFAULT_MAX_PAGES

    @classmethod
    def for_office(cls, documents: Documents) -> DocumentLimits:
        return cls(max_mb=documents.max_size_mb)

    def max_mb_for(self, document: SupportingDocument) -> int:
        chosen = document.max_size_mb if document.max_size_mb is not None else self.max_mb
        return min(chosen, PLATFORM_MAX_MB)

    def max_bytes_for(self, document: SupportingDocument) -> int:
        return self.max_mb_for(document) * MB


def megabytes(size: int) -> str:
    """A size as the messages say it: one decimal, at least 0.1."""
    return f"{max(size / MB, 0.1):.1f}"


def check_size(document: SupportingDocument, size: int, limits: DocumentLimits) -> None:
    limit = limits.max_mb_for(document)
    if size > limit * MB:
        raise DocumentRefusedError(
            TEXTS["too_large"], document.title, size=megabytes(size), limit=limit
        )


def refusals_before_finalising(
    attached: Iterable[tuple[SupportingDocument, AttachmentRef]], limits: DocumentLimits
) -> list[DocumentRefusedError]:
    """Every attached document that the platform would refuse, with what to do; empty
    when the application may be finalised."""
    refusals = []
    for document, ref in attached:
        if ref.media_type != ASSEMBLED_TYPE:
            refusals.append(
                DocumentRefusedError(TEXTS["wrong_type"], document.title, media_type=ref.media_type)
            )
            continue
        try:
            check_size(document, ref.size, limits)
        except DocumentRefusedError as refused:
            refusals.append(refused)
    return refusals
