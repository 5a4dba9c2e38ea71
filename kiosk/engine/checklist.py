"""The supporting-documents checklist, computed from the answers alone.

For each document: is it required, and why (the condition in words: the definition's
`condition_text`, else a phrase written from the condition, else a generic one), and
does the administration fetch it itself from a registry (Once Only) instead of asking
for it. A Once Only document is marked fetched whether or not its identifier has been
answered yet: the applicant should learn early that they need not bring it, and the
identifier field is the form's business to require.

Once Only, lawfully: a document a registry could provide is fetched only when the
person asked for it (`fetching`, from kiosk.engine.evidence); otherwise it is to bring,
and `fetchable` says the office could have fetched it (with sign-in)."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

import msgspec

from kiosk.catalog.model import Procedure, SupportingDocument, Text
from kiosk.engine.context import condition_holds
from kiosk.engine.phrases import describe_condition
from kiosk.submission import DocumentStatus

ALWAYS = Text(el="Απαιτείται σε κάθε περίπτωση.", en="Required in every case.")
CONDITIONAL = Text(el="Απαιτείται λόγω των απαντήσεών σας.", en="Required because of your answers.")
NOT_NEEDED = Text(el="Δεν απαιτείται στην περίπτωσή σας.", en="Not needed in your case.")


class ChecklistItem(msgspec.Struct, frozen=True):
    document: SupportingDocument
    required: bool
    reason: Text  # why it is (or is not) required, ready to show
    status: DocumentStatus
    fetched_by_administration: bool
    condition: Text | None = None  # when it is required, in words; None: always
    fetched_note: Text | None = None  # for Once Only: who fetches it, from where
    fetchable: bool = False  # a registry could provide it, had the person asked

    @property
    def document_id(self) -> str:
        return self.document.id


def representation_item(document_title: Text, reason: Text) -> ChecklistItem:
    """The document that shows the applicant may act for another person (a counter's
    recorded representation): to bring, always."""
    document = SupportingDocument(id="representation", title=document_title)
    return ChecklistItem(document, True, reason, "bring", False, condition=reason)


def _because(phrase: Text) -> Text:
    return Text(
        el=f"Απαιτείται επειδή {phrase.el}.",
        en=f"Required because {phrase.get('en')}.",
    )


def _fetched_note(document: SupportingDocument) -> Text | None:
    if document.once_only is None:
        return None
    service = document.once_only.service
    return Text(
        el=f"Δεν χρειάζεται να το φέρετε: η υπηρεσία το αναζητά η ίδια ({service.el}).",
        en=f"You need not bring it: the office fetches it itself ({service.get('en')}).",
    )


_conditions: dict[int, tuple[Procedure, dict[str, Text | None]]] = {}


def _condition_words(procedure: Procedure) -> dict[str, Text | None]:
    """Per document: its condition in words (computed once per procedure)."""
    known = _conditions.get(id(procedure))
    if known is not None and known[0] is procedure:
        return known[1]
    words: dict[str, Text | None] = {}
    for document in procedure.documents:
        if document.required_if is None:
            words[document.id] = None
        elif document.condition_text is not None:
            words[document.id] = document.condition_text
        else:
            phrase = describe_condition(procedure, document.required_if)
            words[document.id] = _because(phrase) if phrase else CONDITIONAL
    if len(_conditions) >= 64:
        _conditions.clear()
    _conditions[id(procedure)] = (procedure, words)
    return words


def documents_checklist(
    procedure: Procedure,
    variables: Mapping[str, Any],
    attached: Mapping[str, str] | None = None,
    fetching: Collection[str] | None = None,
) -> list[ChecklistItem]:
    """`attached` maps document id -> sha256 of a scan the applicant gave; `fetching`:
    the Once Only documents the person asked the office to fetch (None: every one, the
    catalog's view of what could be fetched, for authors and analytics)."""
    attached = attached or {}
    words = _condition_words(procedure)
    items = []
    for document in procedure.documents:
        required = condition_holds(document.required_if, variables)
        condition = words[document.id]
        reason = (condition or document.condition_text or ALWAYS) if required else NOT_NEEDED
        fetchable = document.once_only is not None and required
        once_only = fetchable and (fetching is None or document.id in fetching)
        if not required:
            status: DocumentStatus = "not_required"
        elif once_only:
            status = "fetched_by_administration"
        elif document.id in attached:
            status = "attached"
        else:
            status = "bring"
        items.append(
            ChecklistItem(
                document,
                required,
                reason,
                status,
                once_only,
                condition=condition,
                fetched_note=_fetched_note(document) if once_only else None,
                fetchable=fetchable,
            )
        )
    return items
