"""The network lane's office feed and heartbeat (sync/office_feed.py) against the real
server: a counter's copy of the office's applications fills page by page, survives the
link going down (it says as of when), and the heartbeat reaches the fleet."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kiosk.store import Store, open_store
from sync.heartbeat import device_heartbeat
from sync.office_feed import HeartbeatSender, OfficeFeed
from sync.server import fleet
from tests.support.memory_store import MemoryOutbox
from tests.sync.conftest import OFFICE, Platform
from tests.sync.factories import make_item, make_submission


@pytest.fixture
def counter_store(tmp_path: Path) -> Iterator[Store]:
    store = open_store(tmp_path / "counter.sqlite3")
    yield store
    store.close()


def _kiosk_sends(platform: Platform, count: int) -> list[str]:
    kiosk = platform.client()
    sent = []
    for _ in range(count):
        submission = make_submission()
        kiosk.put_submission(submission.submission_id, submission.to_json_bytes())
        sent.append(str(submission.submission_id))
    return sent


def test_the_counter_s_copy_fills_page_by_page_and_keeps_its_time_when_offline(
    platform: Platform, counter_store: Store
) -> None:
    sent = _kiosk_sends(platform, 5)
    redeemed = platform.store.redeem_code(platform.store.create_enrolment_code(OFFICE))
    assert redeemed is not None
    counter = platform.client(token=redeemed[1])
    feed = OfficeFeed(OFFICE, counter_store.office, page_size=2)  # three pages
    assert feed.pull(counter, lambda: False) == 5
    held = {str(r.submission_id) for r in counter_store.office.received_between(
        datetime(2000, 1, 1, tzinfo=UTC), datetime(2100, 1, 1, tzinfo=UTC))}  # fmt: skip
    assert held == set(sent)
    as_of = counter_store.office.fetched_at()
    assert as_of is not None

    platform.stop()  # the link goes down: the copy and its time stay
    assert feed.pull(counter, lambda: False) == 0
    assert counter_store.office.fetched_at() == as_of
    assert len(counter_store.office.received_between(
        datetime(2000, 1, 1, tzinfo=UTC), datetime(2100, 1, 1, tzinfo=UTC))) == 5  # fmt: skip


def test_the_engine_pulls_the_office_and_sends_a_heartbeat_after_a_drain(
    platform: Platform, counter_store: Store, outbox: MemoryOutbox
) -> None:
    _kiosk_sends(platform, 1)
    outbox.add(make_item())

    def beat(last_sync_at: datetime | None) -> object:
        return device_heartbeat(
            mode="counter", region_code="9", catalog_version=None,
            outbox_depth=outbox.pending_count(), quarantined=0, oldest_unsent_at=None,
            last_sync_at=last_sync_at, sent_at=datetime.now(UTC),
        )  # fmt: skip

    sender = HeartbeatSender(beat)  # type: ignore[arg-type]
    engine = platform.engine(
        outbox, office=OfficeFeed(OFFICE, counter_store.office), heartbeat=sender
    )
    result = engine.drain_once()
    assert result.ok and result.office_changes == 2  # the kiosk's and its own
    devices = fleet.fleet(platform.store)
    assert [(d.state, d.heartbeat is not None) for d in devices] == [("ok", True)]
    assert not sender.maybe_send(engine.client, None)  # not again within five minutes


def test_a_revoked_device_s_engine_says_so_and_keeps_what_waits(
    platform: Platform, outbox: MemoryOutbox
) -> None:
    from sync.server import office

    outbox.add(make_item())
    engine = platform.engine(outbox)
    device_id, _office = engine.client.whoami()
    office.revoke_device(platform.store, device_id)
    result = engine.drain_once()
    assert result.error and "device_revoked" in result.error
    assert engine.state().revoked and outbox.pending_count() == 1


def test_a_kiosk_s_refused_application_is_corrected_at_a_counter(
    platform: Platform, counter_store: Store, tmp_path: Path
) -> None:
    from functools import partial

    from kiosk.catalog.loader import load_catalog, sample_catalog_dir
    from kiosk.clerks import Clerk
    from kiosk.counter import CounterDesk, read_day
    from kiosk.status import Status
    from kiosk.store import export_draft
    from sync.office_feed import RefusedReporter
    from tests.kiosk.counter.conftest import queued

    kiosk_store = open_store(tmp_path / "kiosk.sqlite3")
    try:
        sid = queued(kiosk_store, afm="1")
        kiosk_store.outbox.next_batch(5)
        kiosk_store.outbox.mark_quarantined(sid, "invalid", {"afm": "check digit"})
        reporter = RefusedReporter(
            OFFICE, kiosk_store.outbox, partial(export_draft, kiosk_store.drafts)
        )
        kiosk = platform.client()
        assert reporter.push(kiosk, lambda: False) == 0  # handed over, waiting

        redeemed = platform.store.redeem_code(platform.store.create_enrolment_code(OFFICE))
        assert redeemed is not None
        counter = platform.client(token=redeemed[1])
        OfficeFeed(OFFICE, counter_store.office).pull(counter, lambda: False)
        day = read_day(
            counter_store.drafts,
            counter_store.outbox,
            datetime.now(UTC),
            office=counter_store.office,
        )
        assert [(r.submission_id, r.source, r.reason.fields) for r in day.refused] == [
            (sid, "office", ("afm",))
        ]
        desk = CounterDesk(counter_store, load_catalog(sample_catalog_dir()).procedures)
        clerk = Clerk("clerk01", "Υπάλληλος", verified_online=True)
        opened = desk.take_over(counter.take_refused(OFFICE, sid), clerk)
        assert opened.record.submission_id == sid and opened.answers == {"afm": "1"}
        assert opened.record.status is Status.DRAFT

        assert reporter.push(kiosk, lambda: False) == 1  # the kiosk learns it was taken
        assert kiosk_store.outbox.quarantined() == []
    finally:
        kiosk_store.close()
