"""Daily usage aggregates from a real device store to the real reference server on
loopback, and the Region-wide view the server makes of them."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from msgspec.structs import replace

from kiosk.analytics.aggregate import DailyAggregate, build_daily
from kiosk.analytics.events import UsageRecorder
from kiosk.store import Store, open_store
from sync.errors import AuthError, RejectedError
from sync.server.faults import Fault
from tests.kiosk.store.factories import submission_for
from tests.sync.conftest import Platform

OFFICE = "office-thessaloniki"  # the enrolled device's office (tests/sync/conftest.py)
TAXI = "taxi-driver-licence"
MONDAY, TUESDAY, WEDNESDAY = date(2026, 11, 23), date(2026, 11, 24), date(2026, 11, 25)


def _journeys(store: Store, day: date, submitted: int, left: int = 0) -> None:
    moment = datetime(day.year, day.month, day.day, 8, 15, tzinfo=UTC)
    recorder = UsageRecorder(store.usage, lambda: moment)
    for number in range(submitted + left):
        recorder.procedure_started(TAXI, "kiosk")
        recorder.step_reached(TAXI, "applicant")
        if number < submitted:
            recorder.submitted(TAXI)
        else:
            recorder.abandoned(TAXI, "applicant", "idle")


@pytest.fixture
def store(tmp_path: Path) -> Store:
    opened = open_store(tmp_path / "device.sqlite3")
    yield opened  # type: ignore[misc]
    opened.close()


def test_the_same_day_sent_again_keeps_its_revision_and_a_changed_day_replaces_it(
    platform: Platform,
) -> None:
    client = platform.client()
    aggregate = build_daily(OFFICE, "2", MONDAY, [])
    first = client.put_aggregate(OFFICE, MONDAY, aggregate.to_json_bytes())
    again = client.put_aggregate(OFFICE, MONDAY, aggregate.to_json_bytes())
    assert (first.revision, first.received_at) == (1, again.received_at) and again.revision == 1
    changed = replace(aggregate, region_code="3")
    assert client.put_aggregate(OFFICE, MONDAY, changed.to_json_bytes()).revision == 2
    assert client.region_usage("2", MONDAY, MONDAY)["totals"]["offices"] == 0  # moved away
    assert client.region_usage("3", MONDAY, MONDAY)["totals"]["offices"] == 1


def test_the_drain_sends_closed_days_after_the_submissions(
    platform: Platform, store: Store
) -> None:
    draft = store.drafts.create(TAXI, "1.0.0", "2", "kiosk")
    store.drafts.finalise(draft.submission_id, submission_for(draft.submission_id))
    _journeys(store, MONDAY, submitted=3, left=1)
    _journeys(store, TUESDAY, submitted=2)  # today: not sent yet
    queue = store.usage.queue(OFFICE, "2", today=lambda: TUESDAY)
    result = platform.engine(store.outbox, aggregates=queue).drain_once()
    assert result.ok and result.accepted == (draft.submission_id,) and result.aggregates_sent == 1
    assert store.usage.aggregate_states() == {MONDAY.isoformat(): "sent"}
    view = platform.client().region_usage("2", MONDAY, TUESDAY)
    assert view["totals"] == {"offices": 1, "started": 4, "submitted": 3, "completion_rate": 0.75}
    [taxi] = view["procedures"]
    assert taxi["most_abandoned_step"] == {
        "step_id": "applicant", "abandoned": 1, "reached": 4, "rate": 0.25,
    }  # fmt: skip
    again = platform.engine(store.outbox, aggregates=queue).drain_once()
    assert again.aggregates_sent == 0  # nothing changed: nothing travels


def test_a_refused_aggregate_is_set_aside_and_the_next_day_still_goes(
    platform: Platform, store: Store
) -> None:
    _journeys(store, MONDAY, submitted=1)
    _journeys(store, TUESDAY, submitted=1)
    queue = store.usage.queue(OFFICE, "2", today=lambda: WEDNESDAY)
    platform.faults.add(
        Fault("status", "PUT", f"/v1/aggregates/{OFFICE}/{MONDAY.isoformat()}", times=1, status=422)
    )
    result = platform.engine(store.outbox, aggregates=queue).drain_once()
    assert result.ok and result.aggregates_sent == 1
    assert store.usage.aggregate_states() == {
        MONDAY.isoformat(): "rejected", TUESDAY.isoformat(): "sent",
    }  # fmt: skip


def test_a_link_failure_leaves_the_aggregates_for_the_next_drain(
    platform: Platform, store: Store
) -> None:
    _journeys(store, MONDAY, submitted=1)
    queue = store.usage.queue(OFFICE, "2", today=lambda: TUESDAY)
    platform.faults.add(Fault("status", "PUT", "/v1/aggregates", times=1, status=503))
    first = platform.engine(store.outbox, aggregates=queue).drain_once()
    assert first.ok and first.aggregates_sent == 0  # a submission drain is not failed by it
    assert store.usage.aggregate_states() == {MONDAY.isoformat(): "pending"}
    assert platform.engine(store.outbox, aggregates=queue).drain_once().aggregates_sent == 1


def test_a_device_cannot_report_for_another_office_nor_send_a_malformed_day(
    platform: Platform,
) -> None:
    client = platform.client()
    other = build_daily("office-patra", "6", MONDAY, [])
    with pytest.raises(AuthError, match="403"):
        client.put_aggregate("office-patra", MONDAY, other.to_json_bytes())
    mine = build_daily(OFFICE, "2", MONDAY, [])
    with pytest.raises(RejectedError, match="422") as wrong_day:
        client.put_aggregate(OFFICE, TUESDAY, mine.to_json_bytes())
    assert wrong_day.value.field_errors == {"day": "does not match the URL"}
    with pytest.raises(RejectedError, match="422") as extra:
        client.put_aggregate(OFFICE, MONDAY, mine.to_json_bytes()[:-1] + b',"answers":{}}')
    assert "answers" in extra.value.field_errors


def test_the_region_view_adds_up_every_office_of_the_region(platform: Platform) -> None:
    code = platform.store.create_enrolment_code("office-serres")
    redeemed = platform.store.redeem_code(code)
    assert redeemed is not None
    serres = platform.client(token=redeemed[1])
    thessaloniki = platform.client()
    for client, office, started in ((thessaloniki, OFFICE, 6), (serres, "office-serres", 2)):
        aggregate = DailyAggregate.from_data({
            "office_id": office, "region_code": "2", "day": MONDAY.isoformat(),
            "procedures": [{"procedure_id": TAXI, "channel": "kiosk",
                            "started_by_hour": [0] * 10 + [started] + [0] * 13,
                            "submitted": started // 2}],
        })  # fmt: skip
        client.put_aggregate(office, MONDAY, aggregate.to_json_bytes())
    view = thessaloniki.region_usage("2", MONDAY, MONDAY)
    assert view["protocol"] == "periferia/1"
    assert [(o["office_id"], o["started"]) for o in view["offices"]] == [
        ("office-serres", 2), (OFFICE, 6),
    ]  # fmt: skip
    assert view["procedures"][0]["offices"] == 2 and view["procedures"][0]["started"] == 8
    assert view["totals"]["submitted"] == 4
    with pytest.raises(RejectedError, match="422"):
        thessaloniki.region_usage("2", TUESDAY, MONDAY)
    with pytest.raises(AuthError):
        platform.client(token="not-a-token").region_usage("2")


def test_two_devices_of_one_office_add_up_and_never_replace_each_other(
    platform: Platform,
) -> None:
    code = platform.store.create_enrolment_code(OFFICE)  # a kiosk beside the counter
    redeemed = platform.store.redeem_code(code)
    assert redeemed is not None
    for client, started in ((platform.client(), 5), (platform.client(token=redeemed[1]), 3)):
        aggregate = DailyAggregate.from_data({
            "office_id": OFFICE, "region_code": "2", "day": MONDAY.isoformat(),
            "procedures": [{"procedure_id": TAXI, "channel": "kiosk",
                            "started_by_hour": [0] * 9 + [started] + [0] * 14}],
        })  # fmt: skip
        assert client.put_aggregate(OFFICE, MONDAY, aggregate.to_json_bytes()).revision == 1
    [office] = platform.client().region_usage("2", MONDAY, MONDAY)["offices"]
    assert (office["office_id"], office["days"], office["started"]) == (OFFICE, 1, 8)


def test_a_counter_reads_its_office_kiosk_figures_for_the_dashboard(
    platform: Platform, store: Store
) -> None:
    _journeys(store, MONDAY, submitted=2, left=2)  # this store is the office's kiosk
    queue = store.usage.queue(OFFICE, "2", today=lambda: TUESDAY)
    platform.engine(store.outbox, aggregates=queue).drain_once()
    code = platform.store.create_enrolment_code(OFFICE)
    redeemed = platform.store.redeem_code(code)
    assert redeemed is not None
    counter = platform.client(token=redeemed[1])
    [kiosk_day] = counter.office_aggregates(OFFICE, MONDAY, TUESDAY)
    assert kiosk_day == store.usage.daily(OFFICE, "2", MONDAY, MONDAY)[0]
    with pytest.raises(AuthError, match="403"):
        counter.office_aggregates("office-patra", MONDAY, TUESDAY)
