"""What a clerk may do with an application, by its status: the screen shows these as
buttons and asks `action_for` what a press means, instead of routing on status."""

from __future__ import annotations

from enum import StrEnum

from kiosk.counter.texts import TEXTS
from kiosk.status import Status
from kiosk.texts import RefusedError


class ItemAction(StrEnum):
    CONTINUE = "continue"  # fill on from where it was left
    CORRECT = "correct"  # reopen what the platform refused, then continue
    REPRINT = "reprint"  # the receipt again, with the protocol number known now


def actions_for(status: Status) -> tuple[ItemAction, ...]:
    """The actions allowed, the one opening the row does first."""
    if status is Status.DRAFT:
        return (ItemAction.CONTINUE,)
    if status is Status.QUARANTINED:
        return (ItemAction.CORRECT,)
    return (ItemAction.REPRINT,)


def action_for(status: Status, requested: ItemAction | None = None) -> ItemAction:
    """What pressing `requested` (None: opening the row) does to an application in
    `status`. A refused application is corrected whichever button is pressed: nothing
    else can be done with it first. Raises RefusedError saying why otherwise."""
    allowed = actions_for(status)
    if requested is None or requested in allowed:
        return requested or allowed[0]
    if status is Status.QUARANTINED:
        return ItemAction.CORRECT
    raise RefusedError(TEXTS["no_receipt_yet" if status is Status.DRAFT else "not_a_draft"])
