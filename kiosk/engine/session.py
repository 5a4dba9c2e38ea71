"""A filling session: one applicant, one procedure version, one Region.

Anki's lesson: every mutation returns what changed (`Changes`), and each screen
decides what to redraw. Answers to fields that become hidden are kept (the person may
change their mind) but left out of the submission.

The session knows no storage. `on_answer(key, value)` is called with every answer as
it is given (the UI wires it to store.drafts.save_answer), and also with
`SESSION_KEY` ("_session", never a field id: ids start with a letter) and the
session's own state (visited steps, current step, prefilled marks, Once Only checks,
documents attached): `FillingSession.resume(procedure, region, id, stored_answers)`
rebuilds the same session from what the store kept.

Once Only prefill: a value filled from a registry is marked in `prefilled`. The person
may correct it (registries hold typos and old names too); a corrected value loses the
mark, and the check on the key field stays as it was. When the key field changes,
values prefilled from the old key are cleared, never left describing someone else.

Once Only, lawfully (kiosk.engine.evidence): a registry is asked only for evidence the
person chose to have fetched (`choose_evidence`), and only when the session was given a
registry at all (a citizen signed in, or a clerk checked their identity in person).
What was fetched is kept with its state for the preview; `reject_evidence` takes it
back out, and its document is to bring again. Those methods are in
kiosk/engine/session_evidence.py (`EvidenceMixin`).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal
from typing import Any
from uuid import UUID

import msgspec

from kiosk.catalog.model import FormField, Procedure, RepeatGroup, Step, Text
from kiosk.engine import state as session_state
from kiosk.engine.changes import Changes, Snapshot, difference
from kiosk.engine.checklist import ChecklistItem, documents_checklist, representation_item
from kiosk.engine.context import build_variables, calculated_answer, condition_holds
from kiosk.engine.definition import ensure_fillable
from kiosk.engine.evidence import (
    REPRESENTATION_DOCUMENTS,
    Acting,
    Evidence,
    EvidenceState,
    documents_to_fetch,
    procedure_evidence,
)
from kiosk.engine.fees import fees_for_answers
from kiosk.engine.session_evidence import EvidenceMixin
from kiosk.engine.validation import Issue, item_scope, validate_field, validate_group, validate_step
from kiosk.engine.values import is_empty, to_answer
from kiosk.engine.visibility import visible_field_ids, visible_fields, visible_steps
from kiosk.logs import forget_personal, remember_personal
from kiosk.ports import RegistryLookupPort
from kiosk.submission import AttachmentRef, FeeLine, OnceOnlyCheck

__all__ = ["SESSION_KEY", "AnswerCallback", "Changes", "FillingSession", "UnknownFieldError"]

AnswerCallback = Callable[[str, Any], None]
SESSION_KEY = session_state.SESSION_KEY
# Answers no log pattern can recognise (names, addresses): the log redactor masks them while the draft is open (kiosk.logs; the screens
# call forget_personal(submission_id) when they wipe the session).
# Identifier fields (AFM, AMKA, IBAN, phone, e-mail) are masked by its patterns.
PERSONAL_TYPES = frozenset({"text", "long_text", "address"})


def _personal_part(kind: str, value: Any) -> list[Any]:
    if kind == "attachment" and isinstance(value, Mapping):
        return [value.get("file_name")]  # not its digest or media type
    return [value] if kind in PERSONAL_TYPES else []


class _Decided(msgspec.Struct, frozen=True):
    """What the answers decide, and what it was read from (see _snapshot)."""

    variables: Mapping[str, Any]
    inputs: tuple[str, list[tuple[str, str]], list[tuple[str, str]]]  # locale, scans, choices
    snapshot: Snapshot


class UnknownFieldError(KeyError):
    """An answer for an id the procedure does not have."""


# dict: the derived state __post_init__ keeps (self._fields...); weakref: its finalizer.
class FillingSession(EvidenceMixin, msgspec.Struct, dict=True, weakref=True):
    procedure: Procedure
    region_code: str
    submission_id: UUID  # made once when the draft was born; never changes
    answers: dict[str, Any] = msgspec.field(default_factory=dict)
    visited: list[str] = msgspec.field(default_factory=list)
    registry: RegistryLookupPort | None = None
    on_answer: AnswerCallback | None = None
    today: date | None = None
    locale: str = "el"
    current_id: str | None = None
    checks: dict[str, OnceOnlyCheck] = msgspec.field(default_factory=dict)
    prefilled: set[str] = msgspec.field(default_factory=set)
    at_review: bool = False
    documents: dict[str, AttachmentRef] = msgspec.field(default_factory=dict)  # scans given
    evidence: dict[str, EvidenceState] = msgspec.field(default_factory=dict)  # the person's choices
    acting: Acting | None = None  # on whose behalf `registry` fetches (never stored)

    def __repr__(self) -> str:
        # The answers, documents and evidence are the citizen's: a repr (a traceback's
        # locals, a debugger, a log line) names the application, never what it holds.
        return (
            f"FillingSession({self.procedure.id!r}, {self.submission_id}, at {self.current_id!r})"
        )

    def __post_init__(self) -> None:
        ensure_fillable(self.procedure)  # DefinitionError: clear, and before any answer
        self._fields = {f.id: f for s in self.procedure.steps for f in s.fields}
        self._groups = {g.id: g for s in self.procedure.steps for g in s.groups}
        self._order = [s.id for s in self.procedure.steps]
        self._evidence = {e.key: e for e in procedure_evidence(self.procedure)}
        self._fetched_now: set[str] = set()  # evidence keys fetched during one intent
        self._variables = build_variables(self.procedure, self.answers)
        self._decided: _Decided | None = None  # see _snapshot
        # A session dropped without the screens' wipe still forgets what it registered.
        self._log_holder = object()
        weakref.finalize(self, forget_personal, self.submission_id, self._log_holder)
        for field_id, value in self.answers.items():
            self._remember_personal(field_id, value)
        self._settle_current()
        if self.current_id and self.current_id not in self.visited:
            self.visited.append(self.current_id)

    @classmethod
    def resume(
        cls,
        procedure: Procedure,
        region_code: str,
        submission_id: UUID,
        stored: Mapping[str, Any],
        **options: Any,
    ) -> FillingSession:
        """The session again from what the draft store kept (answers and `SESSION_KEY`)."""
        answers = {k: v for k, v in stored.items() if k != SESSION_KEY}
        restored = session_state.decode(stored.get(SESSION_KEY))
        return cls(procedure, region_code, submission_id, answers=answers, **restored, **options)

    # --- what the screens show ---------------------------------------------------
    @property
    def variables(self) -> Mapping[str, Any]:
        return self._variables

    @property
    def steps(self) -> list[Step]:
        """The steps shown for the answers so far, in order."""
        return visible_steps(self.procedure, self._variables)

    @property
    def current_step(self) -> Step:
        steps = self.steps
        return next((s for s in steps if s.id == self.current_id), steps[0])

    @property
    def progress(self) -> tuple[int, int]:
        """(position of the current step from 1, number of visible steps)."""
        ids = [s.id for s in self.steps]
        return (ids.index(self.current_step.id) + 1, len(ids))

    def visible_field_ids(self) -> set[str]:
        """Ids of the fields and groups shown (and submitted) for the answers so far."""
        return visible_field_ids(self.procedure, self._variables)

    def visible_fields(self, step: Step | None = None) -> list[FormField]:
        return visible_fields(step or self.current_step, self._variables)

    def visible_item_fields(self, group_id: str, index: int) -> list[FormField]:
        """The fields shown for one item of a repeat group (item conditions applied)."""
        group = self._group(group_id)
        items = self.answers.get(group_id) or []
        item = items[index] if 0 <= index < len(items) else {}
        scope = item_scope(group, item, self._variables)
        return [f for f in group.fields if condition_holds(f.show_if, scope)]

    def issues(self, step: Step | None = None) -> list[Issue]:
        return validate_step(
            self.procedure, step or self.current_step, self.answers, self._variables,
            today=self.today,
        )  # fmt: skip

    def all_issues(self) -> list[Issue]:
        return [issue for step in self.steps for issue in self.issues(step)]

    def ready_to_submit(self) -> bool:
        return not self.all_issues()

    def checklist(self, attached: Mapping[str, str] | None = None) -> list[ChecklistItem]:
        """Documents for these answers; `attached` defaults to the scans given here."""
        if attached is None:
            attached = {doc_id: ref.sha256 for doc_id, ref in self.documents.items()}
        fetching = documents_to_fetch(self._evidence.values(), self.evidence)
        items = documents_checklist(self.procedure, self._variables, attached, fetching)
        represented = self.acting.represented if self.acting is not None else None
        if represented is not None:  # acting for another person: the proof goes on the list
            relation = REPRESENTATION_DOCUMENTS[represented.relation]
            title = Text(el=relation.el.capitalize(), en=relation.get("en").capitalize())
            items.append(representation_item(title, representation_reason()))
        return items

    def fees(self) -> list[FeeLine]:
        if not self.procedure.fees:  # the common case, and no second pass over the form
            return []
        return fees_for_answers(self.procedure, self.submitted_answers(), self.locale)

    def total_fee(self) -> Decimal:
        return sum((line.amount for line in self.fees()), Decimal("0.00"))

    def submitted_answers(self) -> dict[str, Any]:
        """Answers of visible fields only (inside repeat items too), calculated values
        included, unanswered fields left out."""
        result: dict[str, Any] = {}
        for field_id in sorted(self.visible_field_ids()):
            if field_id in self._groups:
                items = self.answers.get(field_id)
                if isinstance(items, list) and items:
                    result[field_id] = [
                        self._submitted_item(field_id, index) for index in range(len(items))
                    ]
                continue
            definition = self._fields[field_id]
            if definition.calculate:
                value = calculated_answer(definition, self._variables.get(field_id))
            else:
                value = self.answers.get(field_id)
            if not is_empty(value):
                result[field_id] = value
        return result

    def field_definition(self, field_id: str) -> FormField | RepeatGroup:
        if field_id in self._fields:
            return self._fields[field_id]
        if field_id in self._groups:
            return self._groups[field_id]
        raise UnknownFieldError(field_id)

    def state(self) -> dict[str, Any]:
        """The session's own state as JSON (what `resume` needs beyond the answers)."""
        return session_state.encode(self)

    # --- intents -----------------------------------------------------------------------
    def set_answer(self, field_id: str, value: Any) -> Changes:
        """Keep an answer (a field's value, or a whole repeat group's list of items)."""
        definition = self.field_definition(field_id)
        value = to_answer(value, field_id)
        before = self._snapshot()
        unchanged = field_id in self.answers and self.answers[field_id] == value
        self._store(field_id, value)
        changed: set[str] = set()
        if field_id in self.prefilled:
            self.prefilled.discard(field_id)  # corrected by the person: theirs now
            self._save_state()
        if isinstance(definition, FormField):
            # The same key given again (a field losing focus) is not a new key: what it
            # fetched stays, and nobody is asked twice.
            changed = set() if unchanged else self._prefill(definition, value)
            issues = validate_field(
                definition, value, self._variables, self.answers, today=self.today
            )
        else:
            issues = validate_group(definition, value, self._variables, today=self.today)
        return self._diff(before, values_changed=changed, issues=tuple(issues))

    def add_item(self, group_id: str) -> Changes:
        """A new, empty item at the end of a repeat group (refused past max_items)."""
        group = self._group(group_id)
        items = list(self.answers.get(group_id) or [])
        if len(items) >= group.max_items:
            issues = validate_group(group, [*items, {}], self._variables, today=self.today)
            return Changes(issues=tuple(i for i in issues if i.rule == "repeat_max"))
        return self.set_answer(group_id, [*items, {}])

    def remove_item(self, group_id: str, index: int) -> Changes:
        items = list(self.answers.get(group_id) or [])
        if not 0 <= index < len(items):
            raise IndexError(f"{group_id} has no item {index + 1}")
        del items[index]
        return self.set_answer(group_id, items)

    def set_item_answer(self, group_id: str, index: int, field_id: str, value: Any) -> Changes:
        """One field of one repeat item; issues come with paths like `vehicles[1].plate`."""
        group = self._group(group_id)
        if field_id not in {f.id for f in group.fields}:
            raise UnknownFieldError(f"{group_id}.{field_id}")
        items = [dict(item) for item in self.answers.get(group_id) or []]
        if not 0 <= index < len(items):
            raise IndexError(f"{group_id} has no item {index + 1}")
        items[index][field_id] = value
        changes = self.set_answer(group_id, items)
        path = f"{group_id}[{index}].{field_id}"
        issues = tuple(i for i in changes.issues if i.path == path)
        return msgspec.structs.replace(changes, issues=issues)

    def attach_document(self, document_id: str, scan: AttachmentRef) -> Changes:
        """The applicant gave a scan of a supporting document: it is no longer to bring."""
        if document_id not in {d.id for d in self.procedure.documents}:
            raise UnknownFieldError(f"document {document_id}")
        before = self._snapshot()
        self.documents[document_id] = scan
        self._save_state()
        return self._diff(before)

    def detach_document(self, document_id: str) -> Changes:
        before = self._snapshot()
        if self.documents.pop(document_id, None) is not None:
            self._save_state()
        return self._diff(before)

    def next(self) -> Changes:
        """To the next visible step, or to the review after the last; refused (with the
        step's issues) while the current step has any."""
        issues = self.issues()
        if issues:
            return Changes(issues=tuple(issues))
        ids = [s.id for s in self.steps]
        position = ids.index(self.current_step.id)
        if position + 1 < len(ids):
            self.current_id = ids[position + 1]
            if self.current_id not in self.visited:
                self.visited.append(self.current_id)
        else:
            self.at_review = True
        self._save_state()
        return Changes(moved=True)

    def back(self) -> Changes:
        if self.at_review:
            self.at_review = False
        else:
            ids = [s.id for s in self.steps]
            position = ids.index(self.current_step.id)
            if position == 0:
                return Changes()
            self.current_id = ids[position - 1]
        self._save_state()
        return Changes(moved=True)

    def jump(self, step_id: str) -> Changes:
        """Go to a step already visited (the review's «Αλλαγή» links)."""
        if step_id not in self.visited or step_id not in {s.id for s in self.steps}:
            raise ValueError(f"step '{step_id}' has not been visited or is not shown")
        self.current_id = step_id
        self.at_review = False
        self._save_state()
        return Changes(moved=True)

    # --- internals ----------------------------------------------------------------------
    def _evidence_item(self, key: str) -> Evidence:
        if key not in self._evidence:
            raise UnknownFieldError(f"evidence {key}")
        return self._evidence[key]

    def _group(self, group_id: str) -> RepeatGroup:
        if group_id not in self._groups:
            raise UnknownFieldError(group_id)
        return self._groups[group_id]

    def _submitted_item(self, group_id: str, index: int) -> dict[str, Any]:
        item = self.answers[group_id][index]
        shown = self.visible_item_fields(group_id, index)
        return {f.id: item[f.id] for f in shown if not is_empty(item.get(f.id))}

    def _settle_current(self) -> None:
        """Keep the current step among the visible ones: if an answer hid it, the
        nearest visible step before it (else the first) becomes current."""
        shown = [s.id for s in self.steps]
        if self.current_id in shown:
            return
        if self.current_id in self._order:
            earlier = self._order[: self._order.index(self.current_id)]
            candidates = [s for s in shown if s in earlier]
            self.current_id = candidates[-1] if candidates else shown[0]
        else:
            self.current_id = shown[0]

    def _store(self, field_id: str, value: Any) -> None:
        self.answers[field_id] = value
        self._remember_personal(field_id, value)
        if self.on_answer is not None:
            self.on_answer(field_id, value)
        self._variables = build_variables(self.procedure, self.answers)
        self._settle_current()

    def _remember_personal(self, field_id: str, value: Any) -> None:
        definition = self._fields.get(field_id) or self._groups.get(field_id)
        if isinstance(definition, FormField):
            remember_personal(
                self.submission_id, _personal_part(definition.type, value), self._log_holder
            )
        elif isinstance(definition, RepeatGroup) and isinstance(value, list):
            kinds = {f.id: f.type for f in definition.fields}
            for item in (i for i in value if isinstance(i, Mapping)):
                for key, item_value in item.items():
                    kind = kinds.get(key)
                    if kind is not None:
                        remember_personal(
                            self.submission_id, _personal_part(kind, item_value), self._log_holder
                        )

    def _save_state(self) -> None:
        if self.on_answer is not None:
            self.on_answer(SESSION_KEY, self.state())

    def _snapshot(self) -> Snapshot:
        # What the answers decide is kept with the variables it was read from (a new
        # object after every answer): the "before" of an intent is then the "after"
        # of the previous one, and an answer evaluates every condition once, not twice.
        inputs = (
            self.locale,
            sorted((d, ref.sha256) for d, ref in self.documents.items()),
            [
                *sorted((key, str(state.choice)) for key, state in self.evidence.items()),
                ("acting", repr(self.acting)),  # a representation adds a document
            ],
        )
        known = self._decided
        if known is None or known.variables is not self._variables or known.inputs != inputs:
            decided = Snapshot(
                step_ids=[s.id for s in self.steps],
                field_ids=self.visible_field_ids(),
                checklist=[(i.document_id, i.status) for i in self.checklist()],
                fees=self.fees(),
                checks={},
                place=(None, False),
                evidence={},
            )
            known = self._decided = _Decided(self._variables, inputs, decided)
        return msgspec.structs.replace(
            known.snapshot,
            checks=dict(self.checks),
            place=(self.current_id, self.at_review),
            evidence=dict(self.evidence),
        )

    def _diff(
        self, before: Snapshot, *, values_changed: set[str] | None = None,
        issues: tuple[Issue, ...] = (),
    ) -> Changes:  # fmt: skip
        changed = frozenset(values_changed or ())
        prefilled = frozenset(f for f in changed if f in self.prefilled)
        fetched, self._fetched_now = frozenset(self._fetched_now), set()
        changes = difference(before, self._snapshot(), changed, prefilled, issues)
        return msgspec.structs.replace(changes, fetched=fetched) if fetched else changes


def representation_reason() -> Text:
    from kiosk.engine.evidence_texts import TEXTS

    said = TEXTS["representation"]
    return Text(el=said.el, en=said.en)
