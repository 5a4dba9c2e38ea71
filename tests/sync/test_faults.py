"""Bad links against the real reference server: every case ends with each submission
accepted exactly once, counted on the server."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest

from sync.engine import SyncEngine
from sync.protocol import now_utc
from sync.server.faults import Fault
from tests.support.memory_store import MemoryOutbox
from tests.sync.conftest import OFFICE, Platform, drain_until_empty
from tests.sync.factories import make_item, make_submission, write_attachment

SUBMISSIONS = "/v1/submissions"


def _queue(outbox: MemoryOutbox, count: int = 3) -> list[uuid.UUID]:
    items = [make_item() for _ in range(count)]
    for item in items:
        outbox.add(item)
    return [item.submission_id for item in items]


def _assert_each_accepted_once(
    platform: Platform, outbox: MemoryOutbox, ids: list[uuid.UUID]
) -> None:
    assert outbox.pending_count() == 0
    assert platform.store.submission_count() == len(ids)
    assert platform.store.accepted_event_counts() == {str(sid): 1 for sid in ids}
    for sid in ids:
        ack = platform.store.acknowledgement(str(sid))
        assert ack is not None and outbox.accepted[sid][0] == ack.protocol_number


@pytest.mark.parametrize(
    "fault",
    [
        Fault("status", "PUT", SUBMISSIONS, times=2, status=500),
        Fault("status", "PUT", SUBMISSIONS, times=2, status=503, retry_after=0.05),
        Fault("status", "GET", "/v1/health", times=2, status=503, retry_after=0.05),
        Fault("delay", "PUT", SUBMISSIONS, times=2, delay=0.2),  # slow but in time
        Fault("drop_after_commit", "PUT", SUBMISSIONS, times=2),
        Fault("truncate", "PUT", SUBMISSIONS, times=2),
        Fault("captive", "PUT", SUBMISSIONS, times=2),
        Fault("captive", "GET", "/v1/health", times=1),
    ],
    ids=lambda f: f"{f.kind}-{f.status if f.kind == 'status' else ''}{f.path_prefix}",
)
def test_each_submission_is_accepted_exactly_once_despite(
    platform: Platform, outbox: MemoryOutbox, fault: Fault
) -> None:
    ids = _queue(outbox)
    platform.faults.add(fault)
    drain_until_empty(platform.engine(outbox))
    assert fault.times == 0, "the fault fired"
    _assert_each_accepted_once(platform, outbox, ids)


def test_timeout_after_the_server_committed_is_resolved_by_the_resend(
    platform: Platform, outbox: MemoryOutbox
) -> None:
    ids = _queue(outbox, 2)
    platform.faults.add(Fault("delay", "PUT", SUBMISSIONS, times=1, delay=0.6))
    errors: list[str] = []
    engine = platform.engine(
        outbox,
        client=platform.client(timeout=0.3),
        on_state=lambda s: errors.append(s.last_error or ""),
    )
    drain_until_empty(engine)
    assert any("timed out" in error for error in errors)
    _assert_each_accepted_once(platform, outbox, ids)


def test_refused_connection_keeps_the_queue_until_the_server_is_back(
    platform: Platform, outbox: MemoryOutbox
) -> None:
    ids = _queue(outbox)
    engine = platform.engine(outbox)
    platform.stop()
    down = engine.drain_once()
    assert down.error and "link failed" in down.error
    assert engine.state().online is False and outbox.pending_count() == 3
    platform.start()
    drain_until_empty(engine)
    _assert_each_accepted_once(platform, outbox, ids)


def test_server_restarted_during_an_upload_resumes_without_starting_over(
    platform: Platform, outbox: MemoryOutbox
) -> None:
    size = 3 * 1024 * 1024
    scan = write_attachment(outbox.attachment_dir, size)
    item = make_item(make_submission(attachments=[scan]))
    outbox.add(item)
    client = platform.client(chunk_size=1024 * 1024)
    # The second chunk is cut after 100 kB arrive: the server "dies" midway.
    platform.faults.add(
        Fault("cut_request", "PATCH", "/v1/attachments", skip=1, after_bytes=100_000)
    )
    engine = platform.engine(outbox, client=client, attempts_per_drain=1)
    assert engine.drain_once().error
    held_before_restart = platform.state.bytes_received
    assert held_before_restart == 1024 * 1024 + 100_000
    platform.stop()
    platform.start()
    drain_until_empty(engine)
    assert platform.state.bytes_received == size - held_before_restart
    assert platform.store.final_path(OFFICE, scan.sha256).stat().st_size == size
    _assert_each_accepted_once(platform, outbox, [item.submission_id])


def test_device_clock_hours_off_does_not_stop_sending(
    platform: Platform, outbox: MemoryOutbox
) -> None:
    ids = _queue(outbox)
    skewed = platform.client(clock=lambda: now_utc() + timedelta(hours=3))
    engine = SyncEngine(skewed, outbox, backoff=platform.engine(outbox).backoff)
    drain_until_empty(engine)
    skew = engine.state().clock_skew_seconds
    assert skew is not None and -3 * 3600 - 60 < skew < -3 * 3600 + 60
    _assert_each_accepted_once(platform, outbox, ids)
    # The platform's time is recorded, not the device's.
    for sid in ids:
        assert abs(outbox.accepted[sid][1] - now_utc()) < timedelta(minutes=5)


def test_the_same_body_sent_by_two_clients_is_counted_once(platform: Platform) -> None:
    item = make_item()
    first = platform.client().put_submission(item.submission_id, item.body)
    second = platform.client().put_submission(item.submission_id, item.body)
    assert first == second and platform.store.submission_count() == 1


@pytest.mark.parametrize(
    "fault",
    [
        Fault("status", "PUT", SUBMISSIONS, times=3, status=503, retry_after=0.05),
        Fault("drop_after_commit", "PUT", SUBMISSIONS, times=3),
        Fault("truncate", "PUT", SUBMISSIONS, times=3),
        Fault("delay", "PUT", SUBMISSIONS, times=3, delay=0.2),
        Fault("cut_request", "PATCH", "/v1/attachments", times=2, after_bytes=1000),
    ],
    ids=lambda f: f.kind,
)
def test_concurrent_sending_still_accepts_each_submission_exactly_once_despite(
    platform: Platform, outbox: MemoryOutbox, fault: Fault
) -> None:
    # Two submissions share one scan: their uploads race for it on the server.
    scan = write_attachment(outbox.attachment_dir, 20_000)
    shared = [make_item(make_submission(attachments=[scan])) for _ in range(2)]
    for item in shared:
        outbox.add(item)
    ids = [item.submission_id for item in shared] + _queue(outbox, 10)
    platform.faults.add(fault)
    drain_until_empty(platform.engine(outbox, concurrency=4, batch_size=6))
    assert fault.times == 0, "the fault fired"
    _assert_each_accepted_once(platform, outbox, ids)
    assert platform.store.upload_state(OFFICE, scan.sha256).complete
