"""The repository contract (kiosk.ports.DraftsRepository and OutboxRepository) as plain
checks, so that the same check can run against the real store, the in-memory one, and a
deliberately wrong one (test_the_contract_catches.py): a check that cannot fail proves
nothing. ODK Collect's repository tests are the model."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from uuid import UUID
from zoneinfo import ZoneInfo

import pytest

from kiosk.ports import DraftsRepository, OutboxRepository, StatusUpdate
from kiosk.status import QuarantineReason, Status
from kiosk.store import StoreError, UnknownDraftError
from kiosk.submission import AttachmentRef, Submission

ATHENS = ZoneInfo("Europe/Athens")
SCAN = AttachmentRef(
    sha256="a" * 64, file_name="scan.pdf", media_type="application/pdf", size=10, field_id="id"
)


@dataclass
class Repos:
    name: str
    drafts: DraftsRepository
    outbox: OutboxRepository

    def draft(self, procedure_id: str = "taxi-driver-licence", /, **answers: object) -> UUID:
        record = self.drafts.create(procedure_id, "1.0.0", "2", "kiosk")
        for field_id, value in answers.items():
            self.drafts.save_answer(record.submission_id, field_id, value)
        return record.submission_id

    def queued(self, count: int = 1, **answers: object) -> list[UUID]:
        ids = []
        for _ in range(count):
            submission_id = self.draft(**answers)
            self.drafts.finalise(submission_id, submission_for(submission_id, **answers))
            ids.append(submission_id)
        return ids

    def sending(self, count: int = 1) -> list[UUID]:
        ids = self.queued(count)
        assert [i.submission_id for i in self.outbox.next_batch(count)] == ids
        return ids


def submission_for(
    submission_id: UUID, attachments: tuple[AttachmentRef, ...] = (), /, **answers: object
) -> Submission:
    now = datetime(2026, 11, 22, 10, 0, tzinfo=UTC)
    return Submission(
        submission_id=submission_id,
        procedure_id="taxi-driver-licence",
        procedure_version="1.0.0",
        region_code="2",
        channel="kiosk",
        created_at=now,
        finalised_at=now,
        answers=dict(answers),
        attachments=list(attachments),
    )


Check = Callable[[Repos], None]
CHECKS: list[Check] = []


def contract(check: Check) -> Check:
    CHECKS.append(check)
    return check


# --- drafts ---------------------------------------------------------------------------
@contract
def a_new_draft_is_open_with_its_identity(repos: Repos) -> None:
    born = repos.drafts.create("taxi-driver-licence", "1.0.0", "2", "counter", "clerk-1")
    assert born.status is Status.DRAFT and born.clerk_id == "clerk-1"
    assert born.channel == "counter" and born.protocol_number is None
    assert repos.drafts.get(born.submission_id) == born
    assert born.created_at.utcoffset() is not None  # comparable across time zones
    handed_over = uuid.uuid4()
    assert repos.drafts.create("p", "2.0.0", "2", "kiosk", None, handed_over).submission_id == (
        handed_over
    )


@contract
def every_answer_is_kept_and_the_last_one_wins(repos: Repos) -> None:
    submission_id = repos.draft(surname="Α")
    repos.drafts.save_answer(submission_id, "surname", "Παπαδοπούλου")
    repos.drafts.save_answer(submission_id, "vehicles", [{"plate": "ΝΖΑ-1234"}])
    repos.drafts.save_answer(submission_id, "children", 2)
    assert repos.drafts.answers(submission_id) == {
        "surname": "Παπαδοπούλου",
        "vehicles": [{"plate": "ΝΖΑ-1234"}],
        "children": 2,
    }


@contract
def an_unknown_draft_is_refused_by_name(repos: Repos) -> None:
    nobody = uuid.uuid4()
    with pytest.raises(UnknownDraftError):
        repos.drafts.get(nobody)
    with pytest.raises(UnknownDraftError):
        repos.drafts.save_answer(nobody, "surname", "Χ")
    with pytest.raises(UnknownDraftError):
        repos.outbox.status_of(nobody)


@contract
def finalising_queues_the_draft_once_and_closes_it(repos: Repos) -> None:
    submission_id = repos.draft(surname="Χ")
    with pytest.raises(StoreError):
        repos.drafts.finalise(submission_id, submission_for(uuid.uuid4()))
    assert repos.outbox.status_of(submission_id) is Status.DRAFT
    repos.drafts.finalise(submission_id, submission_for(submission_id, surname="Χ"))
    assert repos.drafts.get(submission_id).status is Status.QUEUED
    with pytest.raises(UnknownDraftError):
        repos.drafts.save_answer(submission_id, "surname", "Ψ")
    with pytest.raises(UnknownDraftError):
        repos.drafts.finalise(submission_id, submission_for(submission_id))
    assert repos.drafts.answers(submission_id) == {"surname": "Χ"}  # the receipt needs them


@contract
def lists_are_newest_first_and_filter(repos: Repos) -> None:
    first = repos.draft("taxi-driver-licence")
    second = repos.draft("animal-transporter")
    third = repos.draft("taxi-driver-licence")
    repos.drafts.finalise(first, submission_for(first))
    listed = repos.drafts.list
    assert [r.submission_id for r in listed()] == [third, second, first]
    assert [r.submission_id for r in listed(limit=1, offset=1)] == [second]
    assert [r.submission_id for r in listed(status=Status.QUEUED)] == [first]
    both = {Status.DRAFT, Status.QUEUED}
    assert [r.submission_id for r in listed(status=both, procedure_id="taxi-driver-licence")] == [
        third,
        first,
    ]
    assert listed(channel="counter") == []
    day = repos.drafts.get(first).created_at.astimezone(UTC).date().isoformat()
    assert len(listed(day=day)) == 3 and listed(day="2001-01-01") == []


@contract
def a_local_day_is_a_range_in_any_time_zone(repos: Repos) -> None:
    submission_id = repos.draft()
    born = repos.drafts.get(submission_id).created_at.astimezone(ATHENS)
    midnight = born.replace(hour=0, minute=0, second=0, microsecond=0)
    tomorrow = midnight + timedelta(days=1)
    assert [r.submission_id for r in repos.drafts.list(created_from=midnight)] == [submission_id]
    found = repos.drafts.list(created_from=midnight, created_before=tomorrow)
    assert [r.submission_id for r in found] == [submission_id]
    assert repos.drafts.list(created_from=tomorrow) == []
    assert repos.drafts.list(created_before=midnight) == []
    assert repos.drafts.list(created_before=born.astimezone(UTC)) == []  # the end is open


@contract
def open_definition_versions_are_those_of_open_drafts(repos: Repos) -> None:
    repos.drafts.create("taxi-driver-licence", "1.0.0", "2", "kiosk")
    sent = repos.drafts.create("taxi-driver-licence", "0.9.0", "2", "kiosk").submission_id
    repos.drafts.finalise(sent, submission_for(sent))
    assert repos.drafts.open_definition_versions() == {("taxi-driver-licence", "1.0.0")}


@contract
def discarding_forgets_a_draft_but_never_a_finalised_application(repos: Repos) -> None:
    open_one = repos.draft(surname="Χ")
    (sent,) = repos.queued(surname="Ψ")
    assert repos.drafts.discard(open_one) is True
    with pytest.raises(UnknownDraftError):
        repos.drafts.get(open_one)
    assert repos.drafts.answers(open_one) == {}
    assert repos.drafts.discard(sent) is False
    assert repos.drafts.get(sent).status is Status.QUEUED
    assert repos.drafts.answers(sent) == {"surname": "Ψ"}


# --- outbox ---------------------------------------------------------------------------
@contract
def the_oldest_queued_go_first_and_only_once(repos: Repos) -> None:
    repos.draft()  # a draft is not in the outbox
    ids = repos.queued(3)
    first = repos.outbox.next_batch(2)
    assert [i.submission_id for i in first] == ids[:2]
    assert all(repos.outbox.status_of(i) is Status.SENDING for i in ids[:2])
    assert [i.submission_id for i in repos.outbox.next_batch(5)] == ids[2:]
    assert repos.outbox.next_batch(5) == []


@contract
def an_item_carries_the_canonical_body_and_its_attachments(repos: Repos) -> None:
    submission_id = repos.draft(surname="Χ")
    submission = submission_for(submission_id, (SCAN,), surname="Χ")
    repos.drafts.finalise(submission_id, submission)
    (item,) = repos.outbox.next_batch(1)
    assert item.body == submission.to_json_bytes()
    assert item.attachments == (SCAN,) and item.attempts == 0
    assert repos.outbox.submission(submission_id) == submission


@contract
def pending_counts_queued_and_sending_only(repos: Repos) -> None:
    repos.draft()
    sending, accepted = repos.sending(2)
    repos.queued(1)
    repos.outbox.mark_accepted(accepted, "2026/1", datetime.now(UTC))
    assert repos.outbox.pending_count() == 2
    assert repos.outbox.status_of(sending) is Status.SENDING


@contract
def an_accepted_application_has_its_protocol_number(repos: Repos) -> None:
    (submission_id,) = repos.sending()
    repos.outbox.mark_accepted(submission_id, "2026/000001", datetime.now(UTC))
    record = repos.drafts.get(submission_id)
    assert record.status is Status.ACCEPTED and record.protocol_number == "2026/000001"
    assert repos.outbox.pending_count() == 0


@contract
def a_refused_application_waits_for_a_clerk_with_a_typed_reason(repos: Repos) -> None:
    bad, good = repos.sending(2)
    repos.outbox.mark_quarantined(bad, "invalid", {"phone": "too short", "afm": "bad digit"})
    (refused,) = repos.outbox.quarantined()
    assert refused.submission_id == bad and refused.status is Status.QUARANTINED
    assert refused.quarantine_reason == QuarantineReason("invalid", ("afm", "phone"))
    assert repos.outbox.status_of(good) is Status.SENDING  # the others go on
    assert repos.outbox.pending_count() == 1


@contract
def a_retry_goes_back_to_the_queue_counting_the_attempt(repos: Repos) -> None:
    (submission_id,) = repos.sending()
    repos.outbox.mark_retry(submission_id, "link down")
    assert repos.outbox.status_of(submission_id) is Status.QUEUED
    (again,) = repos.outbox.next_batch(1)
    assert again.attempts == 1
    repos.outbox.mark_accepted(submission_id, "2026/1", datetime.now(UTC))
    repos.outbox.mark_retry(submission_id, "late answer")  # not sending: nothing changes
    assert repos.outbox.status_of(submission_id) is Status.ACCEPTED


@contract
def items_left_sending_by_a_crash_are_queued_again(repos: Repos) -> None:
    repos.sending(2)
    repos.queued(1)
    assert repos.outbox.recover_stale_sending() == 2
    assert repos.outbox.pending_count() == 3 and len(repos.outbox.next_batch(5)) == 3


@contract
def platform_status_moves_the_application_on(repos: Repos) -> None:
    reviewed, decided, unknown = repos.sending(3)
    for submission_id in (reviewed, decided, unknown):
        repos.outbox.mark_accepted(
            submission_id, f"2026/{submission_id.hex[:4]}", datetime.now(UTC)
        )
    repos.outbox.apply_status(StatusUpdate(reviewed, "in_review"))
    repos.outbox.apply_status(StatusUpdate(decided, "decided", None, "approved"))
    repos.outbox.apply_status(StatusUpdate(unknown, "on_hold_v9", "2026/NEW"))
    repos.outbox.apply_status(StatusUpdate(uuid.uuid4(), "decided", "2026/X", "approved"))
    assert repos.drafts.get(reviewed).status is Status.IN_REVIEW
    assert repos.drafts.get(reviewed).protocol_number == f"2026/{reviewed.hex[:4]}"
    assert repos.drafts.get(decided).status is Status.DECIDED
    assert repos.drafts.get(unknown).status is Status.ACCEPTED  # a newer platform's word
    assert repos.drafts.get(unknown).protocol_number == "2026/NEW"


@contract
def a_refused_application_can_be_sent_again_as_it_is(repos: Repos) -> None:
    (submission_id,) = repos.sending()
    repos.outbox.mark_quarantined(submission_id, "invalid", {"afm": "x"})
    repos.outbox.requeue(submission_id, "clerk-1")
    record = repos.drafts.get(submission_id)
    assert record.status is Status.QUEUED and record.quarantine_reason is None
    with pytest.raises(UnknownDraftError):
        repos.outbox.requeue(submission_id, "clerk-1")  # only a refused one


@contract
def a_refused_application_reopens_as_a_draft_with_its_answers(repos: Repos) -> None:
    (submission_id,) = repos.queued(surname="Χ", afm="1")
    repos.outbox.next_batch(1)
    repos.outbox.mark_quarantined(submission_id, "invalid", {"afm": "x"})
    repos.outbox.reopen_for_correction(submission_id, "clerk-1")
    record = repos.drafts.get(submission_id)
    assert record.status is Status.DRAFT and record.quarantine_reason is None
    assert repos.drafts.answers(submission_id) == {"surname": "Χ", "afm": "1"}
    with pytest.raises(UnknownDraftError):
        repos.outbox.submission(submission_id)  # no body until finalised again
    repos.drafts.save_answer(submission_id, "afm", "090000045")
    repos.drafts.finalise(submission_id, submission_for(submission_id, afm="090000045"))
    assert repos.outbox.status_of(submission_id) is Status.QUEUED
    with pytest.raises(UnknownDraftError):
        repos.outbox.reopen_for_correction(submission_id, "clerk-1")


@contract
def counts_are_by_status(repos: Repos) -> None:
    repos.draft()
    repos.draft()
    (sending,) = repos.sending()
    repos.queued()
    assert repos.outbox.counts() == {Status.DRAFT: 2, Status.QUEUED: 1, Status.SENDING: 1}
    repos.outbox.mark_accepted(sending, "2026/1", datetime.now(UTC))
    assert repos.outbox.counts()[Status.ACCEPTED] == 1
