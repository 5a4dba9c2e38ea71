"""The real device store's outbox, drained by the sync engine to the real reference
server on loopback, through faults: every submission accepted exactly once."""

from __future__ import annotations

from pathlib import Path
from uuid import UUID

from msgspec.structs import replace

from kiosk.store import Store, open_store
from sync.engine import SEND_CONCURRENCY
from sync.server.faults import Fault
from tests.kiosk.store.factories import submission_for
from tests.sync.conftest import Platform, drain_until_empty


def _queue(store: Store, count: int) -> list[UUID]:
    ids = []
    for number in range(count):
        draft = store.drafts.create("taxi-driver-licence", "1.0.0", "2", "kiosk")
        store.drafts.save_answer(draft.submission_id, "surname", f"Δοκιμή {number}")
        store.drafts.finalise(
            draft.submission_id, submission_for(draft.submission_id, surname=f"Δοκιμή {number}")
        )
        ids.append(draft.submission_id)
    return ids


def test_store_outbox_reaches_the_platform_exactly_once_through_faults(
    platform: Platform, tmp_path: Path
) -> None:
    store = open_store(tmp_path / "device.sqlite3")
    ids = _queue(store, 5)
    platform.faults.add(Fault("drop_after_commit", "PUT", "/v1/submissions", times=2))
    platform.faults.add(
        Fault("status", "PUT", "/v1/submissions", times=1, status=503, retry_after=0.05)
    )
    drain_until_empty(platform.engine(store.outbox))
    assert store.outbox.pending_count() == 0
    assert platform.store.accepted_event_counts() == {str(sid): 1 for sid in ids}
    for sid in ids:
        record = store.drafts.get(sid)
        ack = platform.store.acknowledgement(str(sid))
        assert record.status == "accepted" and ack is not None
        assert record.protocol_number == ack.protocol_number
    store.close()


def test_a_damaged_attachment_quarantines_its_submission_and_the_rest_still_go(
    platform: Platform, tmp_path: Path
) -> None:
    store = open_store(tmp_path / "device.sqlite3")
    draft = store.drafts.create("taxi-driver-licence", "1.0.0", "2", "kiosk")
    ref = store.attachments.put(b"scan " * 50_000, "scan.pdf", "application/pdf")
    submission = replace(submission_for(draft.submission_id), attachments=[ref])
    store.drafts.finalise(draft.submission_id, submission)
    sealed = tmp_path / "attachments" / ref.sha256
    damaged = bytearray(sealed.read_bytes())
    damaged[100] ^= 0xFF
    sealed.write_bytes(bytes(damaged))
    healthy = _queue(store, 1)
    drain_until_empty(platform.engine(store.outbox))
    assert store.drafts.get(draft.submission_id).status == "quarantined"
    assert platform.store.accepted_event_counts() == {str(healthy[0]): 1}
    store.close()


def test_the_store_outbox_sent_several_at_a_time_with_scans_arrives_exactly_once(
    platform: Platform, tmp_path: Path
) -> None:
    store = open_store(tmp_path / "device.sqlite3")
    ids = _queue(store, 9)
    for number in range(3):  # scans read (and decrypted) on the engine's worker threads
        draft = store.drafts.create("taxi-driver-licence", "1.0.0", "2", "kiosk")
        ref = store.attachments.put(bytes([number]) * 200_000, "scan.pdf", "application/pdf")
        submission = replace(submission_for(draft.submission_id), attachments=[ref])
        store.drafts.finalise(draft.submission_id, submission)
        ids.append(draft.submission_id)
    platform.faults.add(Fault("drop_after_commit", "PUT", "/v1/submissions", times=2))
    platform.faults.add(
        Fault("status", "PUT", "/v1/submissions", times=2, status=503, retry_after=0.05)
    )
    drain_until_empty(platform.engine(store.outbox, concurrency=SEND_CONCURRENCY, batch_size=5))
    assert store.outbox.pending_count() == 0
    assert platform.store.accepted_event_counts() == {str(sid): 1 for sid in ids}
    assert all(store.drafts.get(sid).status == "accepted" for sid in ids)
    store.close()
