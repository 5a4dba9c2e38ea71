"""The supporting-documents checklist, computed from the answers alone.

For each document: is it required, and why (the condition in words), and does the
administration fetch it itself from a registry (Once Only) instead of asking for it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from kiosk.catalog.model import Procedure, SupportingDocument, Text
from kiosk.engine.context import condition_holds
from kiosk.submission import DocumentStatus

ALWAYS = Text(el="Απαιτείται σε κάθε περίπτωση.", en="Required in every case.")
CONDITIONAL = Text(el="Απαιτείται λόγω των απαντήσεών σας.", en="Required because of your answers.")
NOT_NEEDED = Text(el="Δεν απαιτείται στην περίπτωσή σας.", en="Not needed in your case.")


@dataclass(frozen=True)
class ChecklistItem:
    document: SupportingDocument
    required: bool
    reason: Text
    status: DocumentStatus
    fetched_by_administration: bool

    @property
    def document_id(self) -> str:
        return self.document.id


def documents_checklist(
    procedure: Procedure,
    variables: Mapping[str, Any],
    attached: Mapping[str, str] | None = None,
) -> list[ChecklistItem]:
    """`attached` maps document id -> sha256 of a scan the applicant gave."""
    attached = attached or {}
    items = []
    for document in procedure.documents:
        required = condition_holds(document.required_if, variables)
        if document.required_if is None:
            reason = document.condition_text or ALWAYS
        else:
            reason = document.condition_text or CONDITIONAL
        once_only = document.once_only is not None and required
        if not required:
            status: DocumentStatus = "not_required"
            reason = NOT_NEEDED
        elif once_only:
            status = "fetched_by_administration"
        elif document.id in attached:
            status = "attached"
        else:
            status = "bring"
        items.append(ChecklistItem(document, required, reason, status, once_only))
    return items
