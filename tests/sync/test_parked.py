"""Parked drafts through the platform: the PIN is checked there, for the whole office;
the copy goes at pick-up and at expiry; a draft parked offline goes up once back.

Every test runs the real server on 127.0.0.1; the devices are separate clients with
their own tokens (and, where a store is needed, their own store file and keyring)."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import httpx
import pytest

import sync.parked
from kiosk.store import ParkingError, Store, open_store
from kiosk.store.errors import UnknownParkingCodeError
from kiosk.store.parking import PIN_DIGITS
from sync.client import PlatformClient
from sync.engine import SyncEngine
from sync.errors import ConflictError, RejectedError
from sync.parked import ParkedDrafts, lookup_id, open_sealed, seal
from sync.protocol import now_utc
from tests.sync.conftest import FAST_BACKOFF, Platform

DRAFT = '{"answers": {"surname": "ΔΟΚΙΜΑΣΤΙΚΗ"}}'.encode()
OFFICE = "office-thessaloniki"
CODE, PIN = "K7M3-PX4A", "482193"
SHIPPED_KDF = sync.parked.KDF_LOG2_N


@pytest.fixture(autouse=True)
def cheap_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    """The shipped cost (2^17, ~0.6 s a derivation) is checked once below; the rest run
    on a cheap one so that the suite stays quick."""
    monkeypatch.setattr(sync.parked, "KDF_LOG2_N", 10)


def _device(platform: Platform, office: str = OFFICE) -> PlatformClient:
    """Another device, enrolled by its own code, with its own token."""
    redeemed = platform.store.redeem_code(platform.store.create_enrolment_code(office))
    assert redeemed is not None
    return platform.client(token=redeemed[1])


def _wrong(pin: str) -> str:
    return "000000" if pin != "000000" else "111111"


def test_the_shipped_kdf_and_pin_make_an_offline_search_cost_more_than_a_drafts_life() -> None:
    # 10^6 PINs × one scrypt at N=2^17 (measured ~0.57 s here: benchmarks) ≈ 6.6 core-days
    # against a 3-day life; and the platform never hands the blob over without the PIN.
    assert PIN_DIGITS == 6 and SHIPPED_KDF >= 17


def test_sealed_draft_opens_only_with_the_same_code_and_pin() -> None:
    sealed = seal(DRAFT, CODE, PIN, OFFICE)
    assert DRAFT not in sealed.blob and "K7M3" not in sealed.lookup_id
    assert open_sealed(sealed.blob, "k7m3px4a", PIN, OFFICE) == DRAFT
    with pytest.raises(ParkingError):
        open_sealed(sealed.blob, CODE, "482194", OFFICE)
    with pytest.raises(ParkingError):
        open_sealed(sealed.blob, CODE, PIN, "another-office")


def test_lookup_id_depends_on_code_and_office_only_however_the_code_is_typed() -> None:
    assert lookup_id(CODE, OFFICE) == lookup_id("k7m3 px4a", OFFICE)
    assert lookup_id(CODE, OFFICE) == lookup_id("Κ7Μ3-ΡΧ4Α", OFFICE)  # Greek capitals
    assert lookup_id(CODE, OFFICE) == lookup_id("κ7μ3ρχ4α", OFFICE)  # Greek small letters
    assert lookup_id(CODE, OFFICE) != lookup_id("K7M3-PX4C", OFFICE)
    assert lookup_id(CODE, OFFICE) != lookup_id(CODE, "another-office")


def test_a_device_with_a_token_and_the_code_but_not_the_pin_never_gets_the_blob(
    platform: Platform,
) -> None:
    ParkedDrafts(platform.client(), OFFICE).park(DRAFT, PIN, code=CODE)
    lid = lookup_id(CODE, OFFICE)
    intruder = httpx.Client(base_url=platform.url)
    headers = {"Authorization": f"Bearer {platform.token}"}
    answer = intruder.get(f"/v1/parked/{lid}", headers=headers)
    assert answer.status_code == 405 and b"blob" not in answer.content  # no PIN-less read
    wrong = intruder.post(f"/v1/parked/{lid}/open", headers=headers, json={"verifier": "A" * 43})
    assert wrong.status_code == 422 and "blob" not in wrong.json()
    intruder.close()


def test_wrong_pins_at_two_devices_count_together_and_the_fifth_deletes_the_draft(
    platform: Platform,
) -> None:
    first, second = ParkedDrafts(_device(platform), OFFICE), ParkedDrafts(_device(platform), OFFICE)
    first.park(DRAFT, PIN, code=CODE)
    lefts = []
    for device in (first, first, first, second):
        with pytest.raises(ParkingError) as refused:
            device.pick_up(CODE, _wrong(PIN))
        assert refused.value.reason == "wrong_pin"
        lefts.append(refused.value.values["left"])
    assert lefts == [4, 3, 2, 1]
    with pytest.raises(ParkingError) as fifth:
        second.pick_up(CODE, _wrong(PIN))
    assert fifth.value.reason == "locked"
    with pytest.raises(ParkingError) as after:  # the right PIN comes too late
        first.pick_up(CODE, PIN)
    assert after.value.reason == "locked"
    assert "deleted" in after.value.message("en") and "διαγράφηκε" in after.value.message("el")
    assert platform.store.parked_state(OFFICE, lookup_id(CODE, OFFICE)) == ("locked", False)


def test_a_pick_up_at_one_device_deletes_the_copy_so_no_other_device_opens_it_again(
    platform: Platform,
) -> None:
    first, second = ParkedDrafts(_device(platform), OFFICE), ParkedDrafts(_device(platform), OFFICE)
    first.park(DRAFT, PIN, code=CODE)
    assert second.pick_up(CODE, PIN) == DRAFT
    assert platform.store.parked_state(OFFICE, lookup_id(CODE, OFFICE)) == ("picked_up", False)
    with pytest.raises(ParkingError) as again:
        first.pick_up(CODE, PIN)
    assert again.value.reason == "picked_up"


def test_of_two_devices_picking_up_at_once_only_one_gets_the_draft(platform: Platform) -> None:
    devices = [ParkedDrafts(_device(platform), OFFICE) for _ in range(2)]
    devices[0].park(DRAFT, PIN, code=CODE)
    start = threading.Barrier(2)
    got: list[bytes | str] = []

    def pick(device: ParkedDrafts) -> None:
        start.wait()
        try:
            got.append(device.pick_up(CODE, PIN))
        except ParkingError as refused:
            got.append(refused.reason)

    threads = [threading.Thread(target=pick, args=(device,)) for device in devices]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(got, key=str) == sorted([DRAFT, "picked_up"], key=str)


def test_an_expired_draft_is_refused_and_purged(platform: Platform) -> None:
    ParkedDrafts(platform.client(), OFFICE).park(DRAFT, PIN, code=CODE)
    lid = lookup_id(CODE, OFFICE)
    with sqlite3.connect(platform.db_path) as db:  # three days later
        db.execute("UPDATE parked_drafts SET expires_at = '2000-01-01T00:00:00.000000Z'")
    with pytest.raises(ParkingError) as refused:
        ParkedDrafts(_device(platform), OFFICE).pick_up(CODE, PIN)
    assert refused.value.reason == "expired"
    assert platform.store.parked_state(OFFICE, lid) is None  # purged


def test_a_draft_already_expired_is_not_stored(platform: Platform) -> None:
    sealed = seal(DRAFT, CODE, PIN, OFFICE, now_utc() - timedelta(minutes=1))
    with pytest.raises(RejectedError, match="expired"):
        platform.client().put_parked(sealed.lookup_id, sealed.wire_body())


def test_a_device_of_another_office_finds_no_such_draft(platform: Platform) -> None:
    ParkedDrafts(platform.client(), OFFICE).park(DRAFT, PIN, code=CODE)
    elsewhere = _device(platform, "office-kavala")
    # Even with this office's lookup id, asked under its own office it finds nothing.
    answer = elsewhere.open_parked(lookup_id(CODE, OFFICE), "A" * 43)
    assert answer.outcome == "unknown"
    with pytest.raises(UnknownParkingCodeError):
        ParkedDrafts(elsewhere, "office-kavala").pick_up(CODE, PIN)


def test_the_same_sealed_copy_twice_is_fine_and_a_different_one_is_a_conflict(
    platform: Platform,
) -> None:
    client = platform.client()
    sealed = seal(DRAFT, CODE, PIN, OFFICE)
    assert client.put_parked(sealed.lookup_id, sealed.wire_body()) == "waiting"
    assert client.put_parked(sealed.lookup_id, sealed.wire_body()) == "waiting"
    other = seal(b'{"answers": {}}', CODE, PIN, OFFICE)
    with pytest.raises(ConflictError):
        client.put_parked(other.lookup_id, other.wire_body())
    assert ParkedDrafts(client, OFFICE).pick_up(CODE, PIN) == DRAFT
    # A late re-send after the pick-up does not bring the copy back.
    assert client.put_parked(sealed.lookup_id, sealed.wire_body()) == "picked_up"


# --- the device's queue, drained by the sync engine ------------------------------------


@pytest.fixture
def kiosk(tmp_path: Path) -> Iterator[Store]:
    store = open_store(tmp_path / "kiosk" / "device.sqlite3", keyring_service="kiosk-a")
    yield store
    store.close()


def _park_in_queue(store: Store) -> tuple[str, str]:
    draft = store.drafts.create("taxi-driver-licence", "1.0.0", "2", "kiosk")
    code, pin = store.parking.park(draft.submission_id)
    sealed = seal(DRAFT, code, pin, OFFICE)
    store.parking.queue_upload(code, sealed.lookup_id, sealed.wire_body())
    return code, pin


def test_a_draft_parked_while_the_platform_is_down_goes_up_once_it_is_back_exactly_once(
    platform: Platform, kiosk: Store
) -> None:
    engine = SyncEngine(
        _device(platform), kiosk.outbox, parked=kiosk.parking, backoff=FAST_BACKOFF,
        pull_status=False, attempts_per_drain=1,
    )  # fmt: skip
    platform.stop()
    code, pin = _park_in_queue(kiosk)
    assert engine.drain_once().error is not None
    assert kiosk.parking.upload_status(code) == "pending"  # kept, to be tried again
    platform.start()
    assert engine.drain_once().parked_sent == 1
    assert kiosk.parking.upload_status(code) == "sent"
    assert engine.drain_once().parked_sent == 0  # nothing sent twice
    lid = lookup_id(code, OFFICE)
    assert platform.store.parked_state(OFFICE, lid) == ("waiting", True)
    assert ParkedDrafts(_device(platform), OFFICE).pick_up(code, pin) == DRAFT


def test_the_upload_queue_survives_a_restart_and_stays_encrypted(tmp_path: Path) -> None:
    path = tmp_path / "kiosk" / "device.sqlite3"
    kiosk = open_store(path, keyring_service="kiosk-a")
    code, _pin = _park_in_queue(kiosk)
    kiosk.close()
    raw = b"".join(p.read_bytes() for p in path.parent.glob("device.sqlite3*"))
    assert b"verifier" not in raw and b"blob" not in raw  # the wire body is not in clear
    reopened = open_store(path, keyring_service="kiosk-a")
    assert reopened.parking.upload_status(code) == "pending"
    assert len(reopened.parking.pending_uploads()) == 1
    reopened.close()


def test_a_draft_picked_up_at_its_kiosk_before_the_upload_was_acknowledged_goes_from_the_platform(
    platform: Platform, kiosk: Store
) -> None:
    device = _device(platform)
    code, pin = _park_in_queue(kiosk)
    [item] = kiosk.parking.pending_uploads()
    device.put_parked(item.lookup_id, item.body)  # it landed, but the answer was lost
    assert kiosk.parking.resume(code, pin)  # picked up here, the PIN checked here
    engine = SyncEngine(device, kiosk.outbox, parked=kiosk.parking, pull_status=False)
    assert engine.drain_once().parked_sent == 1  # the withdrawal
    assert kiosk.parking.pending_uploads() == []
    assert platform.store.parked_state(OFFICE, item.lookup_id) == ("picked_up", False)
    with pytest.raises(ParkingError) as again:
        ParkedDrafts(_device(platform), OFFICE).pick_up(code, pin)
    assert again.value.reason == "picked_up"
