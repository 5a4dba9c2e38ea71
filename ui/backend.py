"""What the screens need from the layers below, behind one small interface: a draft
born in the store, each answer saved as it is given, and a finished application
queued in the outbox and (link permitting) sent at once."""

from __future__ import annotations

import logging
import threading
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Protocol
from uuid import UUID

from kiosk.catalog.model import Procedure
from kiosk.submission import Channel, Submission

if TYPE_CHECKING:  # the screens start without the store and HTTP stacks loaded
    from kiosk.store import Store
    from sync.engine import SyncEngine
    from sync.parked import ParkedDrafts

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SubmitOutcome:
    protocol_number: str | None  # None: queued, to be sent when the link returns
    sending: bool = False  # handed to the network lane: the answer comes by signal


@dataclass(frozen=True)
class SavedDraft:
    procedure_id: str
    answers: dict[str, Any]
    created_at: datetime
    version: str | None = None  # the definition version it was started on


class Kickable(Protocol):
    def kick(self) -> None: ...


class ApplicationBackend(Protocol):
    def new_draft(self, procedure: Procedure, region_code: str, channel: Channel) -> UUID: ...

    def save_answer(self, submission_id: UUID, field_id: str, value: Any) -> None: ...

    def submit(self, submission: Submission) -> SubmitOutcome: ...

    def protocol_number(self, submission_id: UUID) -> str | None: ...

    def draft(self, submission_id: UUID) -> SavedDraft: ...

    def park(self, submission_id: UUID) -> tuple[str, str]: ...

    def resume_parked(self, code: str, pin: str) -> UUID: ...


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
        parked: ParkedDrafts | None = None,
    ) -> None:
        self.store, self.engine, self.clerk_id, self.lane = store, engine, clerk_id, lane
        self.parked = parked

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

    def draft(self, submission_id: UUID) -> SavedDraft:
        record = self.store.drafts.get(submission_id)
        return SavedDraft(
            record.procedure_id,
            self.store.drafts.answers(submission_id),
            record.created_at,
            record.procedure_version,
        )

    # --- parking: a draft left under a code and PIN, picked up here or at a counter ------
    def park(self, submission_id: UUID) -> tuple[str, str]:
        """(code, PIN) to give the citizen. Kept on this device at once; also sealed to
        the platform, in the background, so that a counter of the office can open it."""
        from kiosk.store.handoff import export_draft

        code, pin = self.store.parking.park(submission_id)
        if self.parked is not None:
            payload = export_draft(self.store.drafts, submission_id)
            threading.Thread(
                target=self._upload, args=(payload, code, pin), name="park-upload", daemon=True
            ).start()
        return code, pin

    def _upload(self, payload: bytes, code: str, pin: str) -> None:
        from sync.errors import SyncError
        from sync.parked import normalise_code

        assert self.parked is not None
        try:
            self.parked.park(payload, pin, code=normalise_code(code))
        except SyncError as error:  # the draft stays parked here; the counter is told so
            log.info("parked draft not uploaded: %s", error)

    def resume_parked(self, code: str, pin: str) -> UUID:
        """The parked draft's id, now a draft on this device. Raises ParkingError."""
        from kiosk.store.errors import ParkingError, UnknownParkingCodeError
        from kiosk.store.handoff import import_draft
        from sync.errors import SyncError
        from sync.parked import WrongCodeOrPinError, normalise_code

        try:
            return self.store.parking.resume(code, pin)
        except UnknownParkingCodeError:
            if self.parked is None:
                raise
        try:
            payload = self.parked.pick_up(normalise_code(code), pin)
        except WrongCodeOrPinError as error:
            raise ParkingError("Λάθος κωδικός ή PIN. / Wrong code or PIN.") from error
        except SyncError as error:
            raise ParkingError(
                "Ο κωδικός δεν βρέθηκε εδώ και η πλατφόρμα δεν απαντά τώρα· δοκιμάστε σε λίγο. / "
                "The code is not on this device and the platform cannot be reached; try shortly."
            ) from error
        if payload is None:
            raise UnknownParkingCodeError(
                "Ο κωδικός δεν βρέθηκε. / No parked application has this code."
            )
        submission_id = import_draft(self.store.drafts, payload, self.clerk_id)
        try:
            self.parked.discard(normalise_code(code))
        except SyncError as error:  # it expires on the platform anyway
            log.info("picked-up draft not discarded on the platform: %s", error)
        return submission_id


class MemoryBackend:
    """Keeps nothing: for screens shown without a device store (tests of the view)."""

    def __init__(self, protocol_number: str | None = "TEST/1") -> None:
        self.number = protocol_number
        self.answers: dict[UUID, dict[str, Any]] = {}
        self.submitted: list[Submission] = []
        self.born: dict[UUID, tuple[str, datetime]] = {}
        self.parked: dict[str, tuple[str, UUID]] = {}

    def new_draft(self, procedure: Procedure, region_code: str, channel: Channel) -> UUID:
        submission_id = uuid.uuid4()
        self.answers[submission_id] = {}
        self.born[submission_id] = (procedure.id, datetime.now(UTC))
        return submission_id

    def save_answer(self, submission_id: UUID, field_id: str, value: Any) -> None:
        self.answers[submission_id][field_id] = value

    def submit(self, submission: Submission) -> SubmitOutcome:
        self.submitted.append(submission)
        return SubmitOutcome(self.number)

    def protocol_number(self, submission_id: UUID) -> str | None:
        return self.number

    def draft(self, submission_id: UUID) -> SavedDraft:
        procedure_id, created_at = self.born[submission_id]
        return SavedDraft(procedure_id, dict(self.answers[submission_id]), created_at)

    def park(self, submission_id: UUID) -> tuple[str, str]:
        code, pin = f"TEST-{len(self.parked) + 1:04d}", "1234"
        self.parked[code] = (pin, submission_id)
        return code, pin

    def resume_parked(self, code: str, pin: str) -> UUID:
        from kiosk.store.errors import ParkingError, UnknownParkingCodeError

        if code not in self.parked:
            raise UnknownParkingCodeError(
                "Ο κωδικός δεν βρέθηκε. / No parked application has this code."
            )
        if self.parked[code][0] != pin:
            raise ParkingError("Λάθος PIN. / Wrong PIN.")
        return self.parked.pop(code)[1]
