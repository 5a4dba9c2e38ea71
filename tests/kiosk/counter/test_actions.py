"""What a clerk may do with an application is decided by its status, in the core."""

from __future__ import annotations

import pytest

from kiosk.counter import ItemAction, action_for, actions_for
from kiosk.status import Status
from kiosk.texts import RefusedError


@pytest.mark.parametrize("status", list(Status))
def test_every_status_allows_something_and_opening_does_the_first(status: Status) -> None:
    allowed = actions_for(status)
    assert allowed and action_for(status) is allowed[0]
    assert all(action_for(status, action) is action for action in allowed)


def test_a_draft_continues_and_has_no_receipt_yet() -> None:
    assert action_for(Status.DRAFT, ItemAction.CONTINUE) is ItemAction.CONTINUE
    with pytest.raises(RefusedError) as refused:
        action_for(Status.DRAFT, ItemAction.REPRINT)
    assert refused.value.code == "counter.no_receipt_yet"
    assert refused.value.message("en") == "The application is still a draft; it has no receipt yet."


@pytest.mark.parametrize("status", [Status.QUEUED, Status.ACCEPTED, Status.DECIDED])
def test_a_submitted_application_reprints_and_cannot_be_continued(status: Status) -> None:
    assert action_for(status, ItemAction.REPRINT) is ItemAction.REPRINT
    with pytest.raises(RefusedError) as refused:
        action_for(status, ItemAction.CONTINUE)
    assert refused.value.code == "counter.not_a_draft"


@pytest.mark.parametrize("pressed", [None, ItemAction.CONTINUE, ItemAction.REPRINT])
def test_a_refused_application_is_corrected_whatever_is_pressed(
    pressed: ItemAction | None,
) -> None:
    assert action_for(Status.QUARANTINED, pressed) is ItemAction.CORRECT
