"""Which steps and fields are visible, and which are required, for given answers."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kiosk.catalog.model import FormField, Procedure, RepeatGroup, Step
from kiosk.engine.context import condition_holds


def visible_steps(procedure: Procedure, variables: Mapping[str, Any]) -> list[Step]:
    return [step for step in procedure.steps if condition_holds(step.show_if, variables)]


def visible_fields(step: Step, variables: Mapping[str, Any]) -> list[FormField]:
    return [field for field in step.fields if condition_holds(field.show_if, variables)]


def visible_groups(step: Step, variables: Mapping[str, Any]) -> list[RepeatGroup]:
    return [group for group in step.groups if condition_holds(group.show_if, variables)]


def is_required(field: FormField, variables: Mapping[str, Any]) -> bool:
    return field.required or condition_holds(field.required_if, variables, default=False)


def visible_field_ids(procedure: Procedure, variables: Mapping[str, Any]) -> set[str]:
    """Ids of every answer that goes into the submission (fields and repeat groups)."""
    ids: set[str] = set()
    for step in visible_steps(procedure, variables):
        ids.update(field.id for field in visible_fields(step, variables))
        ids.update(group.id for group in visible_groups(step, variables))
    return ids
