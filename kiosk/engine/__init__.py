"""The guided procedure engine: walks one applicant through one procedure.

Pure Python, driven alike by the kiosk screen and the counter screen. The session
(session.FillingSession) holds the answers; visibility, validation, the documents
checklist, fees and the submission document are pure functions of (procedure,
answers), so they are deterministic and testable on their own."""

from kiosk.engine.checklist import ChecklistItem, documents_checklist
from kiosk.engine.fees import compute_fees
from kiosk.engine.session import Changes, FillingSession
from kiosk.engine.validation import Issue, validate_field, validate_step

__all__ = [
    "Changes",
    "ChecklistItem",
    "FillingSession",
    "Issue",
    "compute_fees",
    "documents_checklist",
    "validate_field",
    "validate_step",
]
