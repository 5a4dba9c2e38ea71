"""Once Only in a filling session (kiosk.engine.evidence): the evidence a registry
could provide for the answers, the person's choice to have each fetched or to bring it,
the prefill from a registry and the checks the submission carries.

Separate from kiosk/engine/session.py so that the session's answers and steps read on
their own; FillingSession takes these methods from `EvidenceMixin`."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any
from uuid import UUID

import msgspec

from kiosk.catalog.model import FormField, Procedure
from kiosk.engine.changes import Changes, Snapshot
from kiosk.engine.checklist import ChecklistItem
from kiosk.engine.evidence import (
    Acting,
    Evidence,
    EvidenceRecord,
    EvidenceState,
    FetchEntry,
    chosen_to_fetch,
    records,
)
from kiosk.engine.prefill import bound_fields, prefill_from_registry
from kiosk.engine.validation import Issue, validate_field
from kiosk.engine.values import is_empty
from kiosk.expressions import CelVariables
from kiosk.ports import LookupPurpose, RegistryLookupPort
from kiosk.submission import OnceOnlyCheck


class EvidenceMixin:
    """FillingSession's Once Only methods. What they read of the session is declared
    here for the type checker; FillingSession defines it."""

    if TYPE_CHECKING:
        procedure: Procedure
        submission_id: UUID
        answers: dict[str, Any]
        registry: RegistryLookupPort | None
        today: date | None
        checks: dict[str, OnceOnlyCheck]
        prefilled: set[str]
        evidence: dict[str, EvidenceState]
        acting: Acting | None
        _fields: dict[str, FormField]
        _evidence: dict[str, Evidence]
        _variables: CelVariables
        _fetched_now: set[str]

        def visible_field_ids(self) -> set[str]: ...
        def checklist(self, attached: Mapping[str, str] | None = None) -> list[ChecklistItem]: ...
        def _evidence_item(self, key: str) -> Evidence: ...
        def _store(self, field_id: str, value: Any) -> None: ...
        def _save_state(self) -> None: ...
        def _snapshot(self) -> Snapshot: ...
        def _diff(
            self, before: Snapshot, *, values_changed: set[str] | None = None,
            issues: tuple[Issue, ...] = (),
        ) -> Changes: ...  # fmt: skip

    @property
    def can_fetch(self) -> bool:
        """A registry may be asked: someone signed in, or a clerk checked in person."""
        return self.registry is not None

    def evidence_items(self) -> list[tuple[Evidence, EvidenceState]]:
        """The evidence a registry could provide for these answers, with each choice:
        prefills whose key field is shown, documents that are required."""
        shown = self.visible_field_ids()
        required = {i.document_id for i in self.checklist() if i.required}
        return [
            (item, self.evidence.get(item.key, EvidenceState()))
            for item in self._evidence.values()
            if (item.document_id in required if item.document_id else item.key_field in shown)
        ]

    def fetch_entry(self, key: str) -> FetchEntry:
        """A fetch made (Changes.fetched), as the device's audit log records it."""
        item, state = self._evidence_item(key), self.evidence.get(key, EvidenceState())
        return FetchEntry(item.registry, item.evidence_type, state.fetch_id, state.acting)

    def evidence_records(self) -> list[EvidenceRecord]:
        """What the submission records: each choice made, each fetch and on whose behalf."""
        items = [item for item, _ in self.evidence_items()]
        return records(items, self.evidence, self.visible_field_ids())

    def once_only_checks(self) -> list[OnceOnlyCheck]:
        """Registry checks the submission carries: prefills made (or pending), and a
        pending check for every document the administration will fetch itself."""
        shown = self.visible_field_ids()
        checks = {
            key: c
            for key, c in self.checks.items()
            if c.field_id in shown
            and chosen_to_fetch(self.evidence.get(key, EvidenceState()).choice)
        }
        for item in self.checklist():
            once_only = item.document.once_only
            if item.fetched_by_administration and once_only is not None:
                checks.setdefault(
                    f"document:{item.document.id}",
                    OnceOnlyCheck(
                        registry=once_only.registry,
                        field_id=once_only.identifier_field,
                        status="pending",
                    ),
                )
        return list(checks.values())

    def choose_evidence(self, key: str, choice: str) -> Changes:
        """The person's explicit request: "fetch" (the office fetches it; asked now if
        its key field is answered) or "bring". Fetching needs a registry (see
        `can_fetch`): without one the choice is refused, unchanged."""
        item = self._evidence_item(key)
        if choice not in ("fetch", "bring"):
            raise ValueError(f"choice must be 'fetch' or 'bring', not {choice!r}")
        if choice == "fetch" and not self.can_fetch:
            return Changes()
        current = self.evidence.get(key, EvidenceState())
        if choice == "bring" and current.choice == "fetched":
            return self.reject_evidence(key)  # fetched, then refused: a rejection
        if chosen_to_fetch(current.choice) and choice == "fetch":
            return Changes()
        before = self._snapshot()
        self.evidence[key] = (  # a request remembers who made it, fetched or not yet
            EvidenceState(choice="fetch", acting=self.acting)
            if choice == "fetch"
            else EvidenceState(choice="bring")
        )
        changed: set[str] = set()
        definition = self._fields.get(item.key_field)
        if choice == "fetch" and item.is_prefill and definition is not None:
            changed = self._prefill(definition, self.answers.get(item.key_field), retry=True)
        self._save_state()
        return self._diff(before, values_changed=changed)

    def reject_evidence(self, key: str) -> Changes:
        """«Δεν είναι σωστά»: what was fetched is not used; values it filled (and the
        person has not corrected) are cleared, its document is to bring."""
        item = self._evidence_item(key)
        current = self.evidence.get(key, EvidenceState())
        before = self._snapshot()
        changed: set[str] = set()
        for field_id in item.field_ids:
            if field_id in self.prefilled:
                self.prefilled.discard(field_id)
                self._store(field_id, None)
                changed.add(field_id)
        self.checks.pop(key, None)
        self.evidence[key] = msgspec.structs.replace(current, choice="rejected", values={})
        self._save_state()
        return self._diff(before, values_changed=changed)

    def retry_pending_checks(self) -> Changes:
        """Ask the registries again for prefills left pending (the link is back)."""
        before = self._snapshot()
        changed: set[str] = set()
        for key, check in list(self.checks.items()):
            definition = self._fields.get(check.field_id)
            if check.status == "pending" and key.startswith("prefill:") and definition:
                changed |= self._prefill(definition, self.answers.get(definition.id), retry=True)
        return self._diff(before, values_changed=changed)

    def _prefill(self, key: FormField, value: Any, *, retry: bool = False) -> set[str]:
        """Look up the registry keyed by this field; returns the fields it changed."""
        targets = bound_fields(self.procedure, key.id)
        if not targets:
            return set()
        changed: set[str] = set()
        evidence_key = f"prefill:{key.id}"
        state = self.evidence.get(evidence_key, EvidenceState())
        if not retry:  # a new key: what the old one filled describes someone else
            for target in targets:
                if target.id in self.prefilled:
                    self.prefilled.discard(target.id)
                    self._store(target.id, None)
                    changed.add(target.id)
            self.checks.pop(evidence_key, None)
            if state.choice == "fetched":
                state = self.evidence[evidence_key] = EvidenceState(choice="fetch")
        if state.choice != "fetch" or self.registry is None:
            self._save_state()
            return changed  # not asked for, or nobody to ask: no registry is asked
        valid = not is_empty(value) and not validate_field(
            key, value, self._variables, self.answers, today=self.today
        )
        if valid:
            item = self._evidence[evidence_key]
            purpose = LookupPurpose(
                self.submission_id, self.procedure.id, item.evidence_type, item.attributes
            )
            result = prefill_from_registry(
                self.procedure, key.id, str(value), self.registry, purpose
            )
            if result is not None and result.check is None:
                # Refused for who asked (another person's record, a grant ended): the
                # person types it or brings the document; nothing waits as pending.
                self.checks.pop(evidence_key, None)
                self.evidence[evidence_key] = EvidenceState(
                    choice="bring", refused=result.refused, acting=self.acting
                )
            elif result is not None and result.check is not None:
                self.checks[evidence_key] = result.check
                if result.check.status == "verified":
                    self.evidence[evidence_key] = EvidenceState(
                        choice="fetched",
                        fetch_id=result.fetch_id,
                        fetched_at=result.fetched_at,
                        acting=self.acting,
                        values=dict(result.values),
                    )
                    self._fetched_now.add(evidence_key)
                for target_id, registry_value in result.values.items():
                    if is_empty(self.answers.get(target_id)) or target_id in self.prefilled:
                        self._store(target_id, registry_value)
                        self.prefilled.add(target_id)
                        changed.add(target_id)
        self._save_state()
        return changed
