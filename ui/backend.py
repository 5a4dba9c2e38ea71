"""What the screens need from the layers below, behind one small interface: a draft
born in the store, each answer saved as it is given, and a finished application
queued in the outbox and (link permitting) sent at once."""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol
from uuid import UUID

from kiosk.catalog.model import Procedure
from kiosk.submission import Channel, Submission

if TYPE_CHECKING:  # the screens start without the store and HTTP stacks loaded
    from kiosk.store import Store
    from sync.engine import SyncEngine

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SubmitOutcome:
    protocol_number: str | None  # None: queued, to be sent when the link returns
    sending: bool = False  # handed to the network lane: the answer comes by signal


class Kickable(Protocol):
    def kick(self) -> None: ...


class ApplicationBackend(Protocol):
    def new_draft(self, procedure: Procedure, region_code: str, channel: Channel) -> UUID: ...

    def save_answer(self, submission_id: UUID, field_id: str, value: Any) -> None: ...

    def submit(self, submission: Submission) -> SubmitOutcome: ...

    def protocol_number(self, submission_id: UUID) -> str | None: ...


class StoreBackend:
    """The device store, and the way to the platform when the device is enrolled: either
    the network lane (`kick`, on its own thread: the app) or an engine drained in line
    (the scripted demo and tests, where the answer is wanted before the next screen)."""

    def __init__(
        self,
        store: Store,
        engine: SyncEngine | None = None,
        clerk_id: str | None = None,
        lane: Kickable | None = None,
    ) -> None:
        self.store, self.engine, self.clerk_id, self.lane = store, engine, clerk_id, lane

    def new_draft(self, procedure: Procedure, region_code: str, channel: Channel) -> UUID:
        record = self.store.drafts.create(
            procedure.id, procedure.version, region_code, channel, self.clerk_id
        )
        return record.submission_id

    def save_answer(self, submission_id: UUID, field_id: str, value: Any) -> None:
        self.store.drafts.save_answer(submission_id, field_id, value)

    def submit(self, submission: Submission) -> SubmitOutcome:
        self.store.drafts.finalise(submission.submission_id, submission, self.clerk_id)
        if self.lane is not None:
            self.lane.kick()
            return SubmitOutcome(None, sending=True)
        if self.engine is not None:
            result = self.engine.drain_once()
            if result.error:
                log.info("submission %s queued: %s", submission.submission_id, result.error)
        return SubmitOutcome(self.store.drafts.get(submission.submission_id).protocol_number)

    def protocol_number(self, submission_id: UUID) -> str | None:
        return self.store.drafts.get(submission_id).protocol_number


class MemoryBackend:
    """Keeps nothing: for screens shown without a device store (tests of the view)."""

    def __init__(self, protocol_number: str | None = "TEST/1") -> None:
        self.number = protocol_number
        self.answers: dict[UUID, dict[str, Any]] = {}
        self.submitted: list[Submission] = []

    def new_draft(self, procedure: Procedure, region_code: str, channel: Channel) -> UUID:
        submission_id = uuid.uuid4()
        self.answers[submission_id] = {}
        return submission_id

    def save_answer(self, submission_id: UUID, field_id: str, value: Any) -> None:
        self.answers[submission_id][field_id] = value

    def submit(self, submission: Submission) -> SubmitOutcome:
        self.submitted.append(submission)
        return SubmitOutcome(self.number)

    def protocol_number(self, submission_id: UUID) -> str | None:
        return self.number
