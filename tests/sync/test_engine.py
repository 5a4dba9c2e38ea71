from __future__ import annotations

import logging
import threading
import time
import uuid

import pytest

from kiosk.ports import OutboxItem
from sync.engine import Backoff, SyncState
from sync.server.faults import Fault
from tests.support.memory_store import MemoryOutbox
from tests.sync.conftest import OFFICE, Platform
from tests.sync.factories import invalid_body, make_item, make_submission, write_attachment


def test_drain_sends_every_queued_submission_once(platform: Platform, outbox: MemoryOutbox) -> None:
    for _ in range(5):
        outbox.add(make_item())
    result = platform.engine(outbox).drain_once()
    assert result.ok and len(result.accepted) == 5
    assert outbox.pending_count() == 0
    assert set(platform.store.accepted_event_counts().values()) == {1}
    numbers = {number for number, _ in outbox.accepted.values()}
    assert len(numbers) == 5


def test_invalid_submission_is_quarantined_and_the_rest_still_go(
    platform: Platform, outbox: MemoryOutbox
) -> None:
    bad_id = uuid.uuid4()
    outbox.add(make_item())
    outbox.add(OutboxItem(submission_id=bad_id, body=invalid_body(bad_id)))
    outbox.add(make_item())
    seen: list[SyncState] = []
    engine = platform.engine(outbox, on_state=seen.append)
    result = engine.drain_once()
    assert result.quarantined == (bad_id,) and len(result.accepted) == 2
    reason, fields = outbox.refused[bad_id]
    assert "422" in reason and "channel" in fields
    assert engine.state().quarantined == 1 and engine.state().pending == 0
    assert seen[0].running and not seen[-1].running


def test_submission_with_attachments_uploads_them_first(
    platform: Platform, outbox: MemoryOutbox
) -> None:
    scan = write_attachment(outbox.attachment_dir, 300_000)
    outbox.add(make_item(make_submission(attachments=[scan])))
    assert platform.engine(outbox).drain_once().ok
    assert platform.store.final_path(OFFICE, scan.sha256).stat().st_size == 300_000
    assert platform.store.submission_count() == 1


def test_attachment_missing_locally_quarantines_only_that_item(
    platform: Platform, outbox: MemoryOutbox
) -> None:
    scan = write_attachment(outbox.attachment_dir, 10)
    (outbox.attachment_dir / scan.sha256).unlink()
    lost = make_item(make_submission(attachments=[scan]))
    outbox.add(lost)
    outbox.add(make_item())
    result = platform.engine(outbox).drain_once()
    assert result.quarantined == (lost.submission_id,) and len(result.accepted) == 1


def test_success_records_time_and_clears_the_last_error(
    platform: Platform, outbox: MemoryOutbox
) -> None:
    engine = platform.engine(outbox)
    platform.faults.add(Fault("status", path_prefix="/v1/health", times=10, status=500))
    assert engine.drain_once().error is not None
    failed = engine.state()
    assert failed.online is False and failed.last_error and failed.last_success_at is None
    platform.faults.clear()
    outbox.add(make_item())
    assert engine.drain_once().ok
    assert engine.state().last_error is None and engine.state().last_success_at is not None
    assert engine.state().online is True


def test_drain_without_a_token_keeps_items_queued(platform: Platform, outbox: MemoryOutbox) -> None:
    outbox.add(make_item())
    result = platform.engine(outbox, client=platform.client(token=None)).drain_once()
    assert result.error and "not enrolled" in result.error
    assert outbox.pending_count() == 1 and platform.store.submission_count() == 0


def test_two_drains_cannot_run_at_once(platform: Platform, outbox: MemoryOutbox) -> None:
    outbox.add(make_item())
    platform.faults.add(Fault("delay", path_prefix="/v1/health", delay=0.5))
    engine = platform.engine(outbox)
    results = []
    first = threading.Thread(target=lambda: results.append(engine.drain_once()))
    first.start()
    while not engine.state().running:
        time.sleep(0.001)
    second = engine.drain_once()
    first.join()
    assert second.skipped
    assert results[0].ok and platform.store.submission_count() == 1


def test_cancel_stops_the_drain_and_requeues_its_items(
    platform: Platform, outbox: MemoryOutbox
) -> None:
    for _ in range(3):
        outbox.add(make_item())
    platform.faults.add(Fault("status", path_prefix="/v1/submissions", times=100, status=503))
    engine = platform.engine(outbox, backoff=Backoff(base=30, cap=30))
    results = []
    worker = threading.Thread(target=lambda: results.append(engine.drain_once()))
    worker.start()
    while platform.faults.fired.count("status") == 0:
        time.sleep(0.001)
    engine.cancel()
    worker.join(timeout=10)
    assert not worker.is_alive()
    assert results[0].cancelled and len(results[0].retried) == 3
    assert outbox.pending_count() == 3 and set(outbox.states.values()) == {"queued"}


def test_status_changes_reach_the_outbox_after_a_drain(
    platform: Platform, outbox: MemoryOutbox
) -> None:
    item = make_item()
    outbox.add(item)
    engine = platform.engine(outbox)
    engine.drain_once()
    platform.store.record_decision(str(item.submission_id), "decided", "approved")
    assert engine.drain_once().status_updates == 1
    assert [u.status for u in outbox.statuses] == ["accepted", "decided"]
    assert outbox.statuses[-1].decision == "approved"


def test_device_token_never_reaches_the_logs(
    platform: Platform, outbox: MemoryOutbox, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    outbox.add(make_item())
    platform.faults.add(Fault("status", path_prefix="/v1/submissions", status=500))
    platform.engine(outbox).drain_once()
    assert platform.store.submission_count() == 1
    assert "sync" in caplog.text  # the failure was logged...
    assert platform.token not in caplog.text  # ...without the token


def test_backoff_grows_and_honours_retry_after() -> None:
    import random

    backoff = Backoff(base=1, cap=8, max_retry_after=60)
    rng = random.Random(7)
    assert all(0 <= backoff.delay(n, rng=rng) <= min(8, 2**n) for n in range(10))
    assert backoff.delay(0, retry_after=5, rng=rng) >= 5
    assert backoff.delay(0, retry_after=1000, rng=rng) <= 60


def test_a_fleet_told_to_come_back_in_one_second_comes_back_spread_out() -> None:
    import random

    backoff, rng = Backoff(base=1, cap=8), random.Random(11)
    delays = [backoff.delay(0, retry_after=1, rng=rng) for _ in range(200)]
    assert all(1 <= delay <= 2 for delay in delays)  # the floor holds, jitter on top
    assert len({round(delay, 3) for delay in delays}) > 150  # not one herd at 1.000 s


def test_a_count_that_fails_as_a_drain_ends_does_not_keep_the_next_drain_out(
    platform: Platform, outbox: MemoryOutbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    calls = 0
    count = outbox.pending_count

    def locked_on_the_second_call() -> int:
        nonlocal calls
        calls += 1
        if calls == 2:  # the count taken in the drain's `finally`
            raise sqlite3.OperationalError("database is locked")
        return count()

    monkeypatch.setattr(outbox, "pending_count", locked_on_the_second_call)
    engine = platform.engine(outbox)
    with pytest.raises(sqlite3.OperationalError):
        engine.drain_once()
    outbox.add(make_item())
    result = engine.drain_once()
    assert not result.skipped and len(result.accepted) == 1
