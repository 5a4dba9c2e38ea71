"""What the screens need from the layers below, behind one small interface: a draft
born in the store, each answer saved as it is given, and a finished application
queued in the outbox and (link permitting) sent at once."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Protocol
from uuid import UUID

import msgspec

from kiosk.catalog.model import Procedure
from kiosk.submission import Channel, Submission

if TYPE_CHECKING:  # the screens start without the store and HTTP stacks loaded
    from kiosk.engine.evidence import FetchEntry, InPersonCheck  # with the first session
    from kiosk.store import Store
    from sync.engine import SyncEngine
    from sync.parked import ParkedDrafts

log = logging.getLogger(__name__)


class SubmitOutcome(msgspec.Struct, frozen=True):
    protocol_number: str | None  # None: queued, to be sent when the link returns
    sending: bool = False  # handed to the network lane: the answer comes by signal


class SavedDraft(msgspec.Struct, frozen=True):
    procedure_id: str
    answers: dict[str, Any]
    created_at: datetime
    version: str | None = None  # the definition version it was started on


class ResumePlan(msgspec.Struct, frozen=True):
    """Where a typed code will be opened: here (`local`: parked on this device and not on
    the platform yet, so the PIN is checked here) or on the platform (office-wide)."""

    code: str
    local: Any = None  # kiosk.store.parking.LocalTicket


class ResumeResult(msgspec.Struct, frozen=True):
    plan: ResumePlan
    matched: bool = False  # the local PIN check
    payload: bytes | None = None  # the draft the platform released


class Kickable(Protocol):
    def kick(self) -> None: ...


class ApplicationBackend(Protocol):
    def new_draft(self, procedure: Procedure, region_code: str, channel: Channel) -> UUID: ...

    def save_answer(self, submission_id: UUID, field_id: str, value: Any) -> None: ...

    def submit(self, submission: Submission) -> SubmitOutcome: ...

    def record_fetch(self, submission_id: UUID, fetch: FetchEntry) -> None:
        """The device's audit log: a registry fetch, without its values."""
        ...

    def record_identity_check(
        self, submission_id: UUID, clerk_id: str, check: InPersonCheck
    ) -> None:
        """The device's audit log: the clerk checked the applicant's identity in person
        (the document's type and whether they represent someone; not its number)."""
        ...

    def protocol_number(self, submission_id: UUID) -> str | None: ...

    def draft(self, submission_id: UUID) -> SavedDraft: ...

    def park(self, submission_id: UUID, secret: Any = None) -> tuple[str, str]: ...

    def park_secret_work(self) -> Callable[[], Any] | None: ...

    def seal_parked(self, submission_id: UUID, code: str, pin: str) -> Callable[[], Any] | None: ...

    def queue_parked(self, code: str, sealed: Any) -> None: ...

    def parked_sent(self, code: str) -> bool | None: ...

    def prepare_resume(self, code: str) -> ResumePlan: ...

    def resume_work(self, plan: ResumePlan, pin: str) -> ResumeResult: ...

    def finish_resume(self, result: ResumeResult | BaseException) -> UUID: ...


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

    def record_fetch(self, submission_id: UUID, fetch: FetchEntry) -> None:
        actor = fetch.clerk_id or self.clerk_id or "citizen"
        self.store.audited(actor, "registry_fetch", str(submission_id), fetch.detail())

    def record_identity_check(
        self, submission_id: UUID, clerk_id: str, check: InPersonCheck
    ) -> None:
        self.store.audited(clerk_id, "identity_checked", str(submission_id), check.detail())

    def submit(self, submission: Submission) -> SubmitOutcome:
        self.store.drafts.finalise(submission.submission_id, submission, self.clerk_id)
        if self.lane is not None:
            self.lane.kick()
            # Known to be offline (the lane's last check): say «kept, sent when the
            # connection returns» now, not «being sent…» and then, seconds later, the truth.
            from sync.engine import SyncState  # loaded by the lane already

            state = getattr(self.lane, "state", None)
            offline = isinstance(state, SyncState) and state.online is False
            return SubmitOutcome(None, sending=not offline)
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
    # The scrypt work and the HTTP calls run on a worker (ui/background.Background, the
    # flow's); what touches the store runs on the GUI thread, before and after.
    def park_secret_work(self) -> Callable[[], Any] | None:
        """The CPU work of a new code and PIN (the PIN's scrypt verifier), for a worker."""
        from kiosk.store import new_park_secret

        return new_park_secret

    def park(self, submission_id: UUID, secret: Any = None) -> tuple[str, str]:
        """(code as shown, PIN) to give the citizen, kept on this device at once.
        `secret` (kiosk.store.ParkSecret) is the code, PIN and verifier made on a worker."""
        return self.store.parking.park(submission_id, secret=secret)

    def seal_parked(self, submission_id: UUID, code: str, pin: str) -> Callable[[], Any] | None:
        """The work that seals the draft for the platform (CPU only, for a worker); None
        when this device has no platform to send it to."""
        from kiosk.store import DEFAULT_LIFETIME, export_draft

        if self.parked is None:
            return None
        parked, payload = self.parked, export_draft(self.store.drafts, submission_id)
        return lambda: parked.seal(payload, code, pin, DEFAULT_LIFETIME)

    def queue_parked(self, code: str, sealed: Any) -> None:
        """Into the durable upload queue, then on its way (the network lane's next drain)."""
        from sync.parked import SealedDraft

        if not isinstance(sealed, SealedDraft):  # sealing failed: it stays parked here only
            log.error("parked draft not sealed for the platform: %s", type(sealed).__name__)
            return
        self.store.parking.queue_upload(code, sealed.lookup_id, sealed.wire_body())
        self._upload()

    def _upload(self) -> None:
        if self.lane is not None:
            self.lane.kick()
        elif self.engine is not None:  # in line: the scripted demo
            self.engine.push_parked()
        elif self.parked is not None:  # in line: tests without an engine
            self.parked.push(self.store.parking)

    def parked_sent(self, code: str) -> bool | None:
        """Whether the platform holds the sealed copy; None when there is no platform."""
        if self.parked is None:
            return None
        return self.store.parking.upload_status(code) in ("sent", "withdrawn")

    def prepare_resume(self, code: str) -> ResumePlan:
        """Reads the store (GUI thread). Raises ParkingError (a malformed or expired code)."""
        from kiosk.store import UnknownParkingCodeError, parse_code

        ticket = self.store.parking.find(code)
        if ticket is not None and ticket.upload == "sent" and self.parked is not None:
            ticket = None  # on the platform now: its PIN is checked there, office-wide
        if ticket is None and self.parked is None:
            raise UnknownParkingCodeError()
        return ResumePlan(parse_code(code), ticket)

    def resume_work(self, plan: ResumePlan, pin: str) -> ResumeResult:
        """scrypt and HTTP, no store: for a worker thread. Raises ParkingError."""
        if plan.local is not None:
            return ResumeResult(plan, matched=plan.local.pin_matches(pin))
        from kiosk.store import ParkingError

        assert self.parked is not None
        try:
            return ResumeResult(plan, payload=self.parked.pick_up(plan.code, pin))
        except ParkingError as refused:  # gone up there: forget it here too (GUI thread)
            refused.values.setdefault("code", plan.code)
            raise

    def finish_resume(self, result: ResumeResult | BaseException) -> UUID:
        """The parked draft's id, now a draft on this device (GUI thread). Raises
        ParkingError with the reason."""
        from kiosk.store import ParkingError, StoreError, import_draft

        if isinstance(result, ParkingError):
            if result.reason in ("locked", "picked_up", "expired") and result.values.get("code"):
                self.store.parking.forget(str(result.values["code"]))
            raise result
        if isinstance(result, BaseException):
            log.error("parked draft not opened: %s", type(result).__name__)
            raise ParkingError("unavailable") from result
        if result.plan.local is not None:
            return self.store.parking.settle(result.plan.local, result.matched)
        assert result.payload is not None
        try:
            submission_id = import_draft(self.store.drafts, result.payload, self.clerk_id)
        except StoreError as error:
            raise ParkingError("damaged") from error
        self.store.parking.forget(result.plan.code)  # parked here, picked up elsewhere
        return submission_id


class MemoryBackend:
    """Keeps nothing: for screens shown without a device store (tests of the view)."""

    def __init__(self, protocol_number: str | None = "TEST/1") -> None:
        self.number = protocol_number
        self.answers: dict[UUID, dict[str, Any]] = {}
        self.submitted: list[Submission] = []
        self.born: dict[UUID, tuple[str, datetime]] = {}
        self.parked: dict[str, tuple[str, UUID]] = {}
        self.fetches: list[tuple[UUID, FetchEntry]] = []
        self.checks: list[tuple[UUID, str, InPersonCheck]] = []

    def new_draft(self, procedure: Procedure, region_code: str, channel: Channel) -> UUID:
        submission_id = uuid.uuid4()
        self.answers[submission_id] = {}
        self.born[submission_id] = (procedure.id, datetime.now(UTC))
        return submission_id

    def save_answer(self, submission_id: UUID, field_id: str, value: Any) -> None:
        self.answers[submission_id][field_id] = value

    def record_fetch(self, submission_id: UUID, fetch: FetchEntry) -> None:
        self.fetches.append((submission_id, fetch))

    def record_identity_check(
        self, submission_id: UUID, clerk_id: str, check: InPersonCheck
    ) -> None:
        self.checks.append((submission_id, clerk_id, check))

    def submit(self, submission: Submission) -> SubmitOutcome:
        self.submitted.append(submission)
        return SubmitOutcome(self.number)

    def protocol_number(self, submission_id: UUID) -> str | None:
        return self.number

    def draft(self, submission_id: UUID) -> SavedDraft:
        procedure_id, created_at = self.born[submission_id]
        return SavedDraft(procedure_id, dict(self.answers[submission_id]), created_at)

    def park_secret_work(self) -> Callable[[], Any] | None:
        return None

    def park(self, submission_id: UUID, secret: Any = None) -> tuple[str, str]:
        code, pin = f"TEST-{len(self.parked) + 1:04d}", "123456"
        self.parked[code] = (pin, submission_id)
        return code, pin

    def seal_parked(self, submission_id: UUID, code: str, pin: str) -> Callable[[], Any] | None:
        return None

    def queue_parked(self, code: str, sealed: Any) -> None:
        pass

    def parked_sent(self, code: str) -> bool | None:
        return None

    def prepare_resume(self, code: str) -> ResumePlan:
        from kiosk.store import UnknownParkingCodeError

        if code not in self.parked:
            raise UnknownParkingCodeError()
        return ResumePlan(code)

    def resume_work(self, plan: ResumePlan, pin: str) -> ResumeResult:
        return ResumeResult(plan, matched=self.parked[plan.code][0] == pin)

    def finish_resume(self, result: ResumeResult | BaseException) -> UUID:
        from kiosk.store import ParkingError

        if isinstance(result, BaseException):
            raise result
        if not result.matched:
            raise ParkingError("wrong_pin", left=4)
        return self.parked.pop(result.plan.code)[1]
