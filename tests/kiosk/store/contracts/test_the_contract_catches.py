"""The contract can fail: in-memory outboxes that each differ from the real one in one
way a sync test could come to rely on are refused by the check that names the way."""

from __future__ import annotations

from pathlib import Path
from uuid import UUID

import msgspec
import pytest

from kiosk.ports import DraftRecord, OutboxItem, StatusUpdate
from kiosk.status import Status
from tests.kiosk.store.contracts import checks
from tests.kiosk.store.contracts.checks import Check, Repos
from tests.support.memory_store import MemoryDrafts, MemoryOutbox, MemoryStore


class ForgetsSending(MemoryOutbox):
    def pending_count(self) -> int:
        return sum(1 for status in self.states.values() if status is Status.QUEUED)


class NewestFirst(MemoryOutbox):
    def next_batch(self, limit: int) -> list[OutboxItem]:
        return list(reversed(super().next_batch(1000)))[:limit]


class OnlyRecordsStatus(MemoryOutbox):
    """The in-memory outbox as it was before the contract: it logged status updates."""

    def apply_status(self, update: StatusUpdate) -> None:
        self.statuses.append(update)


class LosesTheReason(MemoryOutbox):
    def quarantined(self) -> list[DraftRecord]:
        return [msgspec.structs.replace(r, quarantine_reason=None) for r in super().quarantined()]


class DiscardsAnything(MemoryDrafts):
    """What the SQLite store did before the contract: a finalised application's answers
    went with a discard (and with them its receipt reprint)."""

    def discard(self, submission_id: UUID, actor: str | None = None) -> bool:
        self._table.rows[submission_id].answers.clear()
        return super().discard(submission_id, actor)


def _repos(tmp_path: Path, outbox: type[MemoryOutbox] = MemoryOutbox,
           drafts: type[MemoryDrafts] = MemoryDrafts) -> Repos:  # fmt: skip
    store = MemoryStore(tmp_path)
    return Repos("wrong", drafts(store.table), outbox(tmp_path, store.table))


@pytest.mark.parametrize(
    ("outbox", "drafts", "check"),
    [
        (ForgetsSending, MemoryDrafts, checks.pending_counts_queued_and_sending_only),
        (NewestFirst, MemoryDrafts, checks.the_oldest_queued_go_first_and_only_once),
        (OnlyRecordsStatus, MemoryDrafts, checks.platform_status_moves_the_application_on),
        (
            LosesTheReason,
            MemoryDrafts,
            checks.a_refused_application_waits_for_a_clerk_with_a_typed_reason,
        ),
        (
            MemoryOutbox,
            DiscardsAnything,
            checks.discarding_forgets_a_draft_but_never_a_finalised_application,
        ),
    ],
    ids=lambda value: getattr(value, "__name__", ""),
)
def test_a_deliberate_difference_fails_the_contract(
    tmp_path: Path, outbox: type[MemoryOutbox], drafts: type[MemoryDrafts], check: Check
) -> None:
    with pytest.raises(AssertionError):
        check(_repos(tmp_path, outbox, drafts))


def test_the_same_check_passes_the_faithful_memory_store(tmp_path: Path) -> None:
    for check in checks.CHECKS:
        check(_repos(tmp_path / check.__name__))
