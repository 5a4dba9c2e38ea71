"""What an intent changed (Anki's lesson): each screen redraws only what concerns it."""

from __future__ import annotations

import msgspec

from kiosk.engine.evidence import EvidenceState
from kiosk.engine.validation import Issue
from kiosk.submission import FeeLine, OnceOnlyCheck


class Changes(msgspec.Struct, frozen=True):
    """What one intent changed; every screen redraws only what concerns it."""

    steps_changed: bool = False  # the list of visible steps (progress bar)
    fields_shown: frozenset[str] = frozenset()
    fields_hidden: frozenset[str] = frozenset()
    checklist_changed: bool = False
    fees_changed: bool = False
    prefilled: frozenset[str] = frozenset()  # filled from a registry just now
    values_changed: frozenset[str] = frozenset()  # set by the engine, not the person
    checks_changed: bool = False  # Once Only checks (verified / pending / failed)
    evidence_changed: bool = False  # a choice, a fetch or a rejection (kiosk.engine.evidence)
    fetched: frozenset[str] = frozenset()  # evidence keys fetched just now (the audit log)
    moved: bool = False  # the current step (or the review) changed
    issues: tuple[Issue, ...] = ()  # for the answer given, or why `next` did not move


class Snapshot(msgspec.Struct, frozen=True):
    """What the screens show, taken before and after an intent."""

    step_ids: list[str]
    field_ids: set[str]
    checklist: list[tuple[str, str]]
    fees: list[FeeLine]
    checks: dict[str, OnceOnlyCheck]
    place: tuple[str | None, bool]  # current step, at the review
    evidence: dict[str, EvidenceState]


def difference(
    before: Snapshot,
    after: Snapshot,
    values_changed: frozenset[str] = frozenset(),
    prefilled: frozenset[str] = frozenset(),
    issues: tuple[Issue, ...] = (),
) -> Changes:
    return Changes(
        steps_changed=before.step_ids != after.step_ids,
        fields_shown=frozenset(after.field_ids - before.field_ids),
        fields_hidden=frozenset(before.field_ids - after.field_ids),
        checklist_changed=before.checklist != after.checklist,
        fees_changed=before.fees != after.fees,
        prefilled=prefilled,
        values_changed=values_changed,
        checks_changed=before.checks != after.checks,
        evidence_changed=before.evidence != after.evidence,
        moved=before.place != after.place,
        issues=issues,
    )
