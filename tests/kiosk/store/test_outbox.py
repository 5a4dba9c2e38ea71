from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from kiosk.ports import StatusUpdate
from kiosk.store import Store, UnknownDraftError, open_store
from tests.kiosk.store.factories import submission_for


def _queued(store: Store, count: int) -> list[object]:
    ids = []
    for _ in range(count):
        draft = store.drafts.create("taxi-driver-licence", "1.0.0", "2", "kiosk")
        store.drafts.finalise(draft.submission_id, submission_for(draft.submission_id, surname="Χ"))
        ids.append(draft.submission_id)
    return ids


def test_an_item_is_never_handed_out_twice_while_sending(store: Store) -> None:
    ids = _queued(store, 3)
    first = store.outbox.next_batch(2)
    second = store.outbox.next_batch(5)
    assert [i.submission_id for i in first + second] == ids
    assert store.outbox.next_batch(5) == []
    assert store.outbox.pending_count() == 3


def test_body_is_the_canonical_submission(store: Store) -> None:
    (submission_id,) = _queued(store, 1)
    (item,) = store.outbox.next_batch(1)
    assert item.body == submission_for(submission_id, surname="Χ").to_json_bytes()  # type: ignore[arg-type]


def test_a_quarantined_item_does_not_block_the_others(store: Store) -> None:
    bad, good = _queued(store, 2)
    store.outbox.next_batch(1)
    store.outbox.mark_quarantined(bad, "invalid", {"afm": "not valid"})  # type: ignore[arg-type]
    (item,) = store.outbox.next_batch(5)
    assert item.submission_id == good
    store.outbox.mark_accepted(good, "2026/000001", datetime.now(UTC))  # type: ignore[arg-type]
    assert [d.submission_id for d in store.outbox.quarantined()] == [bad]
    assert store.drafts.get(good).protocol_number == "2026/000001"  # type: ignore[arg-type]
    store.outbox.requeue(bad, "clerk-1")  # type: ignore[arg-type]
    assert store.outbox.counts() == {"queued": 1, "accepted": 1}


def test_items_left_sending_by_a_crash_go_back_to_the_queue(tmp_path: Path) -> None:
    path = tmp_path / "device.sqlite3"
    store = open_store(path)
    _queued(store, 2)
    store.outbox.next_batch(2)
    store.close()
    again = open_store(path)
    assert len(again.outbox.next_batch(5)) == 2
    again.close()


def test_retry_and_status_updates(store: Store) -> None:
    (submission_id,) = _queued(store, 1)
    store.outbox.next_batch(1)
    store.outbox.mark_retry(submission_id, "link down")  # type: ignore[arg-type]
    (item,) = store.outbox.next_batch(1)
    assert item.attempts == 1
    store.outbox.mark_accepted(submission_id, "2026/000009", datetime.now(UTC))  # type: ignore[arg-type]
    store.outbox.apply_status(StatusUpdate(submission_id, "decided", decision="approved"))  # type: ignore[arg-type]
    assert store.drafts.get(submission_id).status == "decided"  # type: ignore[arg-type]


def test_a_quarantined_application_reopens_as_a_draft_with_its_answers(store: Store) -> None:
    draft = store.drafts.create("taxi-driver-licence", "1.0.0", "2", "counter", "clerk01")
    store.drafts.save_answer(draft.submission_id, "afm", "090000045")
    store.drafts.finalise(draft.submission_id, submission_for(draft.submission_id, afm="x"))
    store.outbox.mark_quarantined(draft.submission_id, "invalid", {"afm": "not valid"})

    store.outbox.reopen_for_correction(draft.submission_id, "clerk01")

    assert store.drafts.get(draft.submission_id).status == "draft"
    assert store.drafts.answers(draft.submission_id) == {"afm": "090000045"}
    assert store.outbox.quarantined() == []
    with pytest.raises(UnknownDraftError):
        store.outbox.reopen_for_correction(draft.submission_id, "clerk01")


def test_a_finalised_application_reads_back_for_a_reprint(store: Store) -> None:
    draft = store.drafts.create("taxi-driver-licence", "1.0.0", "2", "counter")
    sent = submission_for(draft.submission_id, surname="Δοκιμή")
    store.drafts.finalise(draft.submission_id, sent)
    assert store.outbox.submission(draft.submission_id) == sent
    other = store.drafts.create("taxi-driver-licence", "1.0.0", "2", "counter")
    with pytest.raises(UnknownDraftError):
        store.outbox.submission(other.submission_id)


def test_a_retried_item_keeps_why_its_send_failed_until_it_is_accepted(store: Store) -> None:
    (submission_id,) = _queued(store, 1)
    store.outbox.next_batch(1)
    store.outbox.mark_retry(submission_id, "PUT /submissions: HTTP 503 busy")  # type: ignore[arg-type]
    assert store.drafts.get(submission_id).last_error == "PUT /submissions: HTTP 503 busy"  # type: ignore[arg-type]
    store.outbox.next_batch(1)
    store.outbox.mark_accepted(submission_id, "2026/000002", datetime.now(UTC))  # type: ignore[arg-type]
    assert store.drafts.get(submission_id).last_error is None  # type: ignore[arg-type]


def test_the_kept_send_error_masks_personal_data_the_server_echoed(store: Store) -> None:
    (submission_id,) = _queued(store, 1)
    store.outbox.next_batch(1)
    echoed = "HTTP 500 cannot index afm 123456789 of maria@example.gr " + "x" * 500
    store.outbox.mark_retry(submission_id, echoed)  # type: ignore[arg-type]
    kept = store.drafts.get(submission_id).last_error or ""  # type: ignore[arg-type]
    assert kept.startswith("HTTP 500 cannot index [AFM] of [EMAIL]")
    assert "123456789" not in kept and "maria" not in kept and len(kept) <= 200
