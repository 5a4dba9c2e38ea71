"""Supporting documents (δικαιολογητικά): pages scanned or imported, assembled into one
PDF, checked against the limits and sealed in the attachment store (docs/documents.md).

The names load on first use (PEP 562): pypdf and img2pdf cost ~100 ms to import, and
the app builds its documents desk at start-up, long before a page is assembled."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kiosk.first_use import names_from_submodules

if TYPE_CHECKING:
    from kiosk.documents.assembly import AttachmentSink, assemble, attach_pages
    from kiosk.documents.importing import import_file, pages_from_bytes
    from kiosk.documents.limits import DocumentLimits, refusals_before_finalising
    from kiosk.documents.pages import DocumentPages, Page
    from kiosk.documents.texts import DocumentRefusedError

__getattr__ = names_from_submodules(
    __name__,
    {
        "AttachmentSink": "assembly",
        "assemble": "assembly",
        "attach_pages": "assembly",
        "import_file": "importing",
        "pages_from_bytes": "importing",
        "DocumentLimits": "limits",
        "refusals_before_finalising": "limits",
        "DocumentPages": "pages",
        "Page": "pages",
        "DocumentRefusedError": "texts",
    },
)

__all__ = [
    "AttachmentSink",
    "DocumentLimits",
    "DocumentPages",
    "DocumentRefusedError",
    "Page",
    "assemble",
    "attach_pages",
    "import_file",
    "pages_from_bytes",
    "refusals_before_finalising",
]
