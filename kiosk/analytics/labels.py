"""Titles for the ids the figures carry, from the procedure definitions, in both languages.

An id the catalog no longer knows (a procedure withdrawn, a step renamed in a new
version) is shown as the id itself: old figures stay readable."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from kiosk.analytics.events import REVIEW
from kiosk.catalog.model import Procedure, Text

_REVIEW = Text(el="Έλεγχος και υποβολή", en="Review and submit")


@dataclass(frozen=True)
class Labels:
    titles: dict[str, tuple[str, str]] = field(default_factory=dict)  # key -> (el, en)

    @classmethod
    def of(cls, procedures: Mapping[str, Procedure]) -> Labels:
        titles: dict[str, tuple[str, str]] = {}

        def put(key: str, text: Text) -> None:
            titles[key] = (text.el, text.get("en"))

        for procedure in procedures.values():
            pid = procedure.id
            put(pid, procedure.title)
            put(f"{pid}/step/{REVIEW}", _REVIEW)
            for step in procedure.steps:
                put(f"{pid}/step/{step.id}", step.title)
                for form_field in step.fields:
                    put(f"{pid}/field/{form_field.id}", form_field.label)
                for group in step.groups:
                    put(f"{pid}/field/{group.id}", group.label)
                    for member in group.fields:
                        put(
                            f"{pid}/field/{group.id}.{member.id}",
                            Text(
                                el=f"{group.label.el}: {member.label.el}",
                                en=f"{group.label.get('en')}: {member.label.get('en')}",
                            ),
                        )
            for document in procedure.documents:
                put(f"{pid}/document/{document.id}", document.title)
        return cls(titles)

    def _get(self, key: str, fallback: str, locale: str) -> str:
        pair = self.titles.get(key)
        if pair is None:
            return fallback
        return pair[1] if locale == "en" else pair[0]

    def procedure(self, procedure_id: str, locale: str) -> str:
        return self._get(procedure_id, procedure_id, locale)

    def subject(self, procedure_id: str, kind: str, subject_id: str, locale: str) -> str:
        """kind: step, field or document."""
        return self._get(f"{procedure_id}/{kind}/{subject_id}", subject_id, locale)
