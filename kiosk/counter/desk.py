"""The counter's mutations: each checks what it may do, does it with its audit entry in
the same transaction, and returns what changed for the screen to render.

Refusals are kiosk.texts.RefusedError (a code and both languages): the screen shows
`refused.message(locale)`; it never builds the sentence itself."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from uuid import UUID

import msgspec

from kiosk.catalog.model import Procedure
from kiosk.clerks import Clerk
from kiosk.counter.texts import TEXTS
from kiosk.office_applications import TakenDraft
from kiosk.ports import DraftRecord
from kiosk.status import Status
from kiosk.store import Store, UnknownDraftError
from kiosk.texts import RefusedError


class OpenedDraft(msgspec.Struct, frozen=True):
    """A draft ready to be filled on: where it was left, on the version it began on."""

    record: DraftRecord
    answers: dict[str, Any]
    day_changed: bool  # its status changed: today's list is out of date


class Reprinted(msgspec.Struct, frozen=True):
    submission_id: UUID
    pdf: bytes
    protocol_number: str | None


class CounterDesk:
    def __init__(self, store: Store, procedures: Mapping[str, Procedure]) -> None:
        self._store = store
        self._procedures = procedures

    # --- who is at the counter -----------------------------------------------------
    def sign_in_refused(self, clerk_id: str, reason: str) -> None:
        """Recorded with the id as typed (cut short), never the password."""
        self._store.audited(clerk_id.strip()[:40], "clerk.sign_in_refused", "", reason)

    def signed_in(self, clerk: Clerk) -> None:
        mode = "online" if clerk.verified_online else "offline"
        self._store.audited(clerk.clerk_id, "clerk.sign_in", "", mode)

    def signed_out(self, clerk: Clerk) -> None:
        self._store.audited(clerk.clerk_id, "clerk.sign_out")

    # --- what is done to an application ----------------------------------------------
    def open_draft(self, submission_id: UUID) -> OpenedDraft:
        record = self._record(submission_id)
        if record.status is not Status.DRAFT:
            raise RefusedError(TEXTS["not_a_draft"])
        self._procedure(record)
        return OpenedDraft(record, self._store.drafts.answers(submission_id), False)

    def correct(self, submission_id: UUID, clerk: Clerk) -> OpenedDraft:
        """A refused application back to a draft, its answers intact, for the clerk to
        correct what the platform named. Checked before anything changes: a procedure
        this device no longer has is not reopened, since it could not be finished."""
        record = self._record(submission_id)
        if record.status is not Status.QUARANTINED:
            raise RefusedError(TEXTS["not_refused"])
        self._procedure(record)
        self._store.outbox.reopen_for_correction(submission_id, clerk.clerk_id)
        reopened = self._store.drafts.get(submission_id)
        return OpenedDraft(reopened, self._store.drafts.answers(submission_id), True)

    def holds(self, submission_id: UUID) -> bool:
        """Whether this device has the application (else it is another device's)."""
        try:
            self._store.drafts.get(submission_id)
        except UnknownDraftError:
            return False
        return True

    def take_over(self, taken: TakenDraft | None, clerk: Clerk) -> OpenedDraft:
        """A draft the platform refused on another device (a kiosk's), handed to this
        counter to correct: a draft here now, its answers intact, audited. `None`: another
        counter took it first."""
        from kiosk.store import StoreError, import_draft

        if taken is None:
            raise RefusedError(TEXTS["taken_elsewhere"])
        try:
            submission_id = import_draft(self._store.drafts, taken.payload, clerk.clerk_id)
        except StoreError as damaged:
            raise RefusedError(TEXTS["unknown_application"]) from damaged
        self._store.audited(clerk.clerk_id, "submission.take_over", str(submission_id))
        record = self._store.drafts.get(submission_id)
        self._procedure(record)
        return OpenedDraft(record, self._store.drafts.answers(submission_id), True)

    def reprint(self, submission_id: UUID, clerk: Clerk, locale: str) -> Reprinted:
        """The receipt again (A4), with the protocol number known now; audited."""
        from kiosk.receipts import render_receipt  # reportlab: loaded when first needed
        from kiosk.receipts.reprint import reprint_receipt

        try:
            record = self._store.drafts.get(submission_id)
        except UnknownDraftError:  # another device's: from the platform's copy
            return self._reprint_office(submission_id, clerk, locale)
        if not record.status.is_finalised:
            raise RefusedError(TEXTS["no_receipt_yet"])
        receipt = reprint_receipt(
            self._procedure(record),
            self._store.outbox.submission(submission_id),
            self._store.drafts.answers(submission_id),
            record.protocol_number,
            locale=locale,
        )
        pdf = render_receipt(receipt, "a4")
        self._store.audited(clerk.clerk_id, "receipt.reprint", str(submission_id))
        return Reprinted(submission_id, pdf, record.protocol_number)

    def _reprint_office(self, submission_id: UUID, clerk: Clerk, locale: str) -> Reprinted:
        """A receipt of an application another device of the office sent (a kiosk's),
        rebuilt from the submission as the platform holds it (the local copy of the
        office's applications), with the protocol number the platform gave it."""
        from kiosk.receipts import render_receipt
        from kiosk.receipts.reprint import reprint_receipt

        submission = self._store.office.submission(submission_id)
        row = self._store.office.row(submission_id)
        if submission is None or row is None:
            raise RefusedError(TEXTS["unknown_application"])
        procedure = self._procedures.get(submission.procedure_id)
        if procedure is None:
            raise RefusedError(TEXTS["not_in_catalog"], procedure=submission.procedure_id)
        receipt = reprint_receipt(
            procedure, submission, dict(submission.answers), row.protocol_number, locale=locale
        )
        pdf = render_receipt(receipt, "a4")
        self._store.audited(clerk.clerk_id, "receipt.reprint", str(submission_id), "office")
        return Reprinted(submission_id, pdf, row.protocol_number)

    # ---------------------------------------------------------------------------------
    def _record(self, submission_id: UUID) -> DraftRecord:
        try:
            return self._store.drafts.get(submission_id)
        except UnknownDraftError as missing:
            raise RefusedError(TEXTS["unknown_application"]) from missing

    def _procedure(self, record: DraftRecord) -> Procedure:
        procedure = self._procedures.get(record.procedure_id)
        if procedure is None:
            raise RefusedError(TEXTS["not_in_catalog"], procedure=record.procedure_id)
        return procedure
