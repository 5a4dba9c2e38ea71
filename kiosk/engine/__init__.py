"""The guided procedure engine: walks one applicant through one procedure.

Pure Python, driven alike by the kiosk screen and the counter screen. The session
(session.FillingSession) holds the answers; visibility, validation, the documents
checklist, fees and the submission document are pure functions of (procedure,
answers), so they are deterministic and testable on their own. A definition that
cannot be filled safely is refused when the session starts (definition.DefinitionError)."""

# Its names are imported at first use (PEP 562): the flow's assembly at start needs only
# a few of its modules, and importing one (kiosk.engine.changes) runs this file.
from typing import TYPE_CHECKING

from kiosk.first_use import names_from_submodules

if TYPE_CHECKING:
    from kiosk.engine.changes import Changes
    from kiosk.engine.checklist import ChecklistItem, documents_checklist
    from kiosk.engine.definition import DefinitionError, DefinitionProblem
    from kiosk.engine.fees import compute_fees
    from kiosk.engine.review import ReviewSection, ReviewSummary, review_summary
    from kiosk.engine.session import SESSION_KEY, FillingSession, UnknownFieldError
    from kiosk.engine.submission_builder import build_submission
    from kiosk.engine.validation import Issue, validate_field, validate_group, validate_step
    from kiosk.engine.values import AnswerValueError

__all__ = [
    "SESSION_KEY",
    "AnswerValueError",
    "Changes",
    "ChecklistItem",
    "DefinitionError",
    "DefinitionProblem",
    "FillingSession",
    "Issue",
    "ReviewSection",
    "ReviewSummary",
    "UnknownFieldError",
    "build_submission",
    "compute_fees",
    "documents_checklist",
    "review_summary",
    "validate_field",
    "validate_group",
    "validate_step",
]

__getattr__ = names_from_submodules(
    __name__,
    {
        "SESSION_KEY": "session",
        "AnswerValueError": "values",
        "Changes": "changes",
        "ChecklistItem": "checklist",
        "DefinitionError": "definition",
        "DefinitionProblem": "definition",
        "FillingSession": "session",
        "Issue": "validation",
        "ReviewSection": "review",
        "ReviewSummary": "review",
        "UnknownFieldError": "session",
        "build_submission": "submission_builder",
        "compute_fees": "fees",
        "documents_checklist": "checklist",
        "review_summary": "review",
        "validate_field": "validation",
        "validate_group": "validation",
        "validate_step": "validation",
    },
)
