"""A filling session: one applicant, one procedure version, one Region.

Anki's lesson: every mutation returns what changed, and each screen decides what to
redraw. Answers to fields that become hidden are kept (the person may change their
mind) but left out of the submission. The session knows no storage: `on_answer` is
called with every answer as it is given, and the UI wires it to the draft store."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from uuid import UUID

from kiosk.catalog.model import FormField, Procedure, RepeatGroup, Step
from kiosk.engine.checklist import ChecklistItem, documents_checklist
from kiosk.engine.context import build_variables
from kiosk.engine.fees import compute_fees
from kiosk.engine.prefill import prefill_from_registry
from kiosk.engine.validation import Issue, is_empty, validate_field, validate_step
from kiosk.engine.visibility import visible_field_ids, visible_steps
from kiosk.ports import RegistryLookupPort
from kiosk.submission import FeeLine, OnceOnlyCheck

AnswerCallback = Callable[[str, Any], None]


class UnknownFieldError(KeyError):
    """An answer for an id the procedure does not have."""


@dataclass(frozen=True)
class Changes:
    steps_changed: bool = False
    fields_shown: frozenset[str] = frozenset()
    fields_hidden: frozenset[str] = frozenset()
    checklist_changed: bool = False
    fees_changed: bool = False
    prefilled: frozenset[str] = frozenset()
    moved: bool = False
    issues: tuple[Issue, ...] = ()


@dataclass
class _Snapshot:
    step_ids: list[str]
    field_ids: set[str]
    checklist: list[tuple[str, str]]
    fees: list[FeeLine]


@dataclass
class FillingSession:
    procedure: Procedure
    region_code: str
    submission_id: UUID
    answers: dict[str, Any] = field(default_factory=dict)
    visited: list[str] = field(default_factory=list)
    registry: RegistryLookupPort | None = None
    on_answer: AnswerCallback | None = None
    today: date | None = None
    locale: str = "el"
    current_id: str | None = None
    checks: dict[str, OnceOnlyCheck] = field(default_factory=dict)
    prefilled: set[str] = field(default_factory=set)
    at_review: bool = False

    def __post_init__(self) -> None:
        self._fields = {f.id: f for s in self.procedure.steps for f in s.fields}
        self._groups = {g.id: g for s in self.procedure.steps for g in s.groups}
        self._variables = build_variables(self.procedure, self.answers)
        steps = self.steps
        if self.current_id not in {s.id for s in steps}:
            self.current_id = steps[0].id if steps else None
        if self.current_id and self.current_id not in self.visited:
            self.visited.append(self.current_id)

    # --- what the screen shows -------------------------------------------------
    @property
    def variables(self) -> Mapping[str, Any]:
        return self._variables

    @property
    def steps(self) -> list[Step]:
        return visible_steps(self.procedure, self._variables)

    @property
    def current_step(self) -> Step:
        for step in self.steps:
            if step.id == self.current_id:
                return step
        return self.steps[0]

    @property
    def progress(self) -> tuple[int, int]:
        """(position of the current step from 1, number of visible steps)."""
        ids = [s.id for s in self.steps]
        return (ids.index(self.current_step.id) + 1, len(ids))

    def issues(self, step: Step | None = None) -> list[Issue]:
        return validate_step(
            self.procedure,
            step or self.current_step,
            self.answers,
            self._variables,
            today=self.today,
        )

    def all_issues(self) -> list[Issue]:
        return [issue for step in self.steps for issue in self.issues(step)]

    def checklist(self, attached: Mapping[str, str] | None = None) -> list[ChecklistItem]:
        return documents_checklist(self.procedure, self._variables, attached)

    def fees(self) -> list[FeeLine]:
        return compute_fees(self.procedure, self._variables, self.locale)

    def submitted_answers(self) -> dict[str, Any]:
        """Answers of visible fields only, calculated values included."""
        ids = visible_field_ids(self.procedure, self._variables)
        result = {key: value for key, value in self.answers.items() if key in ids}
        for field_id in ids:
            definition = self._fields.get(field_id)
            if definition is not None and definition.calculate:
                result[field_id] = self._variables.get(field_id)
        return result

    def once_only_checks(self) -> list[OnceOnlyCheck]:
        checks = dict(self.checks)
        for item in self.checklist():
            once_only = item.document.once_only
            if item.fetched_by_administration and once_only is not None:
                key = f"document:{item.document.id}"
                checks.setdefault(
                    key,
                    OnceOnlyCheck(
                        registry=once_only.registry,
                        field_id=once_only.identifier_field,
                        status="pending",
                    ),
                )
        return list(checks.values())

    def field_definition(self, field_id: str) -> FormField | RepeatGroup:
        if field_id in self._fields:
            return self._fields[field_id]
        if field_id in self._groups:
            return self._groups[field_id]
        raise UnknownFieldError(field_id)

    # --- intents ---------------------------------------------------------------
    def set_answer(self, field_id: str, value: Any) -> Changes:
        definition = self.field_definition(field_id)
        before = self._snapshot()
        self._store(field_id, value)
        self.prefilled.discard(field_id)
        prefilled: frozenset[str] = frozenset()
        if isinstance(definition, FormField) and not is_empty(value):
            prefilled = self._prefill(definition, value)
        issues: tuple[Issue, ...] = ()
        if isinstance(definition, FormField):
            issues = tuple(
                validate_field(definition, value, self._variables, self.answers, today=self.today)
            )
        return self._diff(before, prefilled=prefilled, issues=issues)

    def next(self) -> Changes:
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
        return Changes(moved=True)

    def back(self) -> Changes:
        if self.at_review:
            self.at_review = False
            return Changes(moved=True)
        ids = [s.id for s in self.steps]
        position = ids.index(self.current_step.id)
        if position == 0:
            return Changes()
        self.current_id = ids[position - 1]
        return Changes(moved=True)

    def jump(self, step_id: str) -> Changes:
        """Go to a step already visited (the review's «Αλλαγή» links)."""
        if step_id not in self.visited or step_id not in {s.id for s in self.steps}:
            raise ValueError(f"step '{step_id}' has not been visited or is not shown")
        self.current_id = step_id
        self.at_review = False
        return Changes(moved=True)

    def ready_to_submit(self) -> bool:
        return not self.all_issues()

    # --- internals ----------------------------------------------------------------
    def _store(self, field_id: str, value: Any) -> None:
        self.answers[field_id] = value
        if self.on_answer is not None:
            self.on_answer(field_id, value)
        self._variables = build_variables(self.procedure, self.answers)

    def _prefill(self, definition: FormField, value: Any) -> frozenset[str]:
        if validate_field(definition, value, self._variables, self.answers, today=self.today):
            return frozenset()
        result = prefill_from_registry(self.procedure, definition.id, str(value), self.registry)
        if result is None:
            return frozenset()
        self.checks[f"prefill:{definition.id}"] = result.check
        filled = set()
        for target, registry_value in result.values.items():
            if is_empty(self.answers.get(target)) or target in self.prefilled:
                self._store(target, registry_value)
                self.prefilled.add(target)
                filled.add(target)
        return frozenset(filled)

    def _snapshot(self) -> _Snapshot:
        return _Snapshot(
            step_ids=[s.id for s in self.steps],
            field_ids=visible_field_ids(self.procedure, self._variables),
            checklist=[(i.document_id, i.status) for i in self.checklist()],
            fees=self.fees(),
        )

    def _diff(self, before: _Snapshot, **extra: Any) -> Changes:
        after = self._snapshot()
        return Changes(
            steps_changed=before.step_ids != after.step_ids,
            fields_shown=frozenset(after.field_ids - before.field_ids),
            fields_hidden=frozenset(before.field_ids - after.field_ids),
            checklist_changed=before.checklist != after.checklist,
            fees_changed=before.fees != after.fees,
            **extra,
        )
