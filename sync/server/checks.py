"""What the platform checks in a submission beyond its shape (kiosk.submission).

Two kinds of refusal, kept apart because the device must act differently on them:

- **claims** (403 `claim_mismatch`): what the body says about office, device or clerk
  must agree with the device token and with the platform's record of clerk sign-ins.
  Only the office's own devices speak for it; a counter names only a clerk of its office
  who signed in on that very device through the platform (`/clerks/verify`). Sign-in
  may have been days earlier: a queue drained after a long outage still sends.
- **semantics** (422 `invalid_submission`): the procedure and version are in a catalog
  the platform published, the Region and Regional Unit codes exist, and each answer
  passes its field's type rule (AFM, AMKA, IBAN check digits, choices, dates, numbers)
  with the very code the device validated with (kiosk.engine.validation), and no
  answer is under an id the procedure does not have; the fees are the catalog's for
  those answers (kiosk.engine.fees): none missing, none invented, each at the catalog's
  amount, because a device that could name its own amount could bind a cheaper
  e-παράβολο to the application.

Field errors name fields, never values: a body holds personal data.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

import msgspec

from kiosk import regions
from kiosk.catalog.model import FormField, Procedure
from kiosk.catalog.validation import decode
from kiosk.engine.fees import fees_for_answers
from kiosk.engine.validation import validate_field
from kiosk.engine.values import is_empty
from kiosk.submission import Submission
from sync.server.store import Device, ServerStore

Definitions = Callable[[str, str], Procedure | None]


def claim_errors(
    submission: Submission,
    device: Device,
    store: ServerStore,
    office_of_clerk: Callable[[str], str | None],
) -> dict[str, str]:
    errors: dict[str, str] = {}
    if submission.office_id is not None and submission.office_id != device.office_id:
        errors["office_id"] = "not this device's office"
    if submission.device_id is not None and submission.device_id != device.device_id:
        errors["device_id"] = "not this device"
    clerk = submission.clerk_id
    if clerk is not None and (
        office_of_clerk(clerk) != device.office_id
        or not store.clerk_signed_in_on(device.device_id, clerk)
    ):
        errors["clerk_id"] = "no sign-in of this clerk on this device"
    return errors


def semantic_errors(submission: Submission, definitions: Definitions) -> dict[str, str]:
    errors: dict[str, str] = {}
    if submission.region_code not in regions.regions():
        errors["region_code"] = "not a Region code"
    unit_code = submission.regional_unit_code
    if unit_code is not None:
        unit = regions.regional_units().get(unit_code)
        if unit is None:
            errors["regional_unit_code"] = "not a Regional Unit code"
        elif unit.region_code != submission.region_code:
            errors["regional_unit_code"] = "not a unit of this Region"
    procedure = definitions(submission.procedure_id, submission.procedure_version)
    if procedure is None:
        errors["procedure_id"] = "this procedure and version are not in the published catalog"
        return errors
    errors.update(_answer_errors(procedure, submission.answers, submission.finalised_at.date()))
    if not errors:  # fees follow from valid answers only
        errors.update(_fee_errors(procedure, submission))
    return errors


def _fee_errors(procedure: Procedure, submission: Submission) -> dict[str, str]:
    due = {line.fee_id: line.amount for line in fees_for_answers(procedure, submission.answers)}
    given = [line.fee_id for line in submission.fees]
    errors: dict[str, str] = {}
    if len(set(given)) != len(given):
        errors["fees"] = "a fee is given twice"
    for line in submission.fees:
        key = f"fees.{line.fee_id[:64]}"
        if line.fee_id not in due:
            errors[key] = "not a fee of this procedure for these answers"
        elif line.amount != due[line.fee_id]:
            errors[key] = "not the catalog's amount for these answers"
    for fee_id in due.keys() - set(given):
        errors[f"fees.{fee_id}"] = "missing: the catalog charges it for these answers"
    return errors


def _type_only(field: FormField) -> FormField:
    # The type rule alone: constraints and requiredness depend on the whole form's
    # state and on the day, which the device judged when the applicant finished.
    return msgspec.structs.replace(field, constraints=[], required=False, required_if=None)


def _answer_errors(procedure: Procedure, answers: Mapping[str, Any], day: date) -> dict[str, str]:
    errors: dict[str, str] = {}

    def check(field: FormField, value: Any, path: str, scope: Mapping[str, Any]) -> None:
        if is_empty(value) or field.calculate:
            return
        for issue in validate_field(_type_only(field), value, {}, scope, path=path, today=day):
            errors.setdefault(issue.path, issue.rule)

    known = {f.id for step in procedure.steps for f in step.fields}
    known |= {g.id for step in procedure.steps for g in step.groups}
    for key in sorted(set(answers) - known)[:20]:  # a device sends visible fields only
        errors[key[:64]] = "not a field of this procedure"
    for step in procedure.steps:
        for field in step.fields:
            check(field, answers.get(field.id), field.id, answers)
        for group in step.groups:
            items = answers.get(group.id)
            if items is None:
                continue
            if not isinstance(items, list) or not all(isinstance(i, Mapping) for i in items):
                errors[group.id] = "repeat_items"
                continue
            for index, item in enumerate(items[: group.max_items]):
                for field in group.fields:
                    check(field, item.get(field.id), f"{group.id}[{index}].{field.id}", item)
    return errors


class ServedCatalog:
    """The procedure definitions the platform has published, by (id, version). Until
    a readable bundle is published it knows the sample catalog, the one `kiosk server`
    signs and publishes (sync/server/run.py)."""

    def __init__(self, store: ServerStore) -> None:
        self._store = store
        self._cache: dict[tuple[bool, str, str], Procedure] = {}
        self._sample: dict[tuple[str, str], Procedure] | None = None

    def __call__(self, procedure_id: str, version: str) -> Procedure | None:
        # Only hits are kept: a version refused now may be published in a minute.
        key = (self._store.has_catalog_definitions(), procedure_id, version)
        if key not in self._cache:
            found = self._load(procedure_id, version)
            if found is None:
                return None
            self._cache[key] = found
        return self._cache[key]

    def _load(self, procedure_id: str, version: str) -> Procedure | None:
        if not self._store.has_catalog_definitions():
            return self._sample_catalog().get((procedure_id, version))
        definition = self._store.procedure_definition(procedure_id, version)
        if definition is None:
            return None
        try:
            return decode(definition, Procedure)  # as the device's loader reads it
        except msgspec.ValidationError:
            return None

    def _sample_catalog(self) -> dict[tuple[str, str], Procedure]:
        if self._sample is None:
            from kiosk.catalog.loader import load_catalog, sample_catalog_dir

            loaded = load_catalog(sample_catalog_dir()).procedures.values()
            self._sample = {(p.id, p.version): p for p in loaded}
        return self._sample
