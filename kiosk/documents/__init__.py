"""Supporting documents (δικαιολογητικά): pages scanned or imported, assembled into one
PDF, checked against the limits and sealed in the attachment store (docs/documents.md)."""

from kiosk.documents.assembly import AttachmentSink, assemble, attach_pages
from kiosk.documents.importing import import_file, pages_from_bytes
from kiosk.documents.limits import DocumentLimits, refusals_before_finalising
from kiosk.documents.pages import DocumentPages, Page
from kiosk.documents.texts import DocumentRefusedError

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
