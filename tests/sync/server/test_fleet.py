"""Fleet health on the reference server (sync/server/fleet.py): heartbeats kept per
device, the fleet as JSON for an admin token only, stale and stuck devices first."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
import msgspec

from sync.heartbeat import Heartbeat
from sync.server import fleet, office
from tests.sync.conftest import OFFICE, Platform


def _device(platform: Platform) -> tuple[str, str]:
    redeemed = platform.store.redeem_code(platform.store.create_enrolment_code(OFFICE))
    assert redeemed is not None
    return redeemed[0].device_id, redeemed[1]


def _beat(**changes: object) -> Heartbeat:
    now = datetime.now(UTC)
    values: dict[str, object] = {
        "mode": "kiosk",
        "region_code": "9",
        "app_version": "0.9.0",
        "outbox_depth": 0,
        "quarantined": 0,
        "last_sync_at": now,
        "sent_at": now,
    }
    return msgspec.convert(values | changes, Heartbeat)


def test_the_fleet_lists_silent_and_stuck_devices_first_for_an_admin_only(
    platform: Platform,
) -> None:
    healthy, stuck, refused = (_device(platform) for _ in range(3))
    silent_id, _token = _device(platform)
    revoked_id, _ = _device(platform)
    office.revoke_device(platform.store, revoked_id)
    long_ago = datetime.now(UTC) - timedelta(hours=3)
    for (_, token), beat in (
        (healthy, _beat()),
        (stuck, _beat(outbox_depth=2, oldest_unsent_at=long_ago)),
        (refused, _beat(mode="counter", quarantined=1)),
    ):
        platform.client(token=token).put_heartbeat(beat)
    admin = fleet.new_admin_token(platform.store)

    answer = httpx.get(f"{platform.url}/v1/fleet", headers={"Authorization": f"Bearer {admin}"})
    devices = answer.json()["devices"]
    states = [d["state"] for d in devices]
    assert states == [
        "stale",
        "stale",
        "stuck",
        "stuck",
        "ok",
        "revoked",
    ]  # the fixture's device never beat
    assert silent_id in [d["device_id"] for d in devices[:2]]
    assert devices[-1]["device_id"] == revoked_id
    assert devices[-2]["device_id"] == healthy[0]

    def region(code: str) -> list[str]:
        url = f"{platform.url}/v1/fleet?region={code}"
        found = httpx.get(url, headers={"Authorization": f"Bearer {admin}"}).json()["devices"]
        return [d["device_id"] for d in found]

    assert sorted(region("9")) == sorted(d[0] for d in (healthy, stuck, refused))
    assert region("3") == []  # another Region's IT sees none of these

    device_token = platform.token
    for headers in ({}, {"Authorization": f"Bearer {device_token}"}):
        assert httpx.get(f"{platform.url}/v1/fleet", headers=headers).status_code == 401
    page = httpx.get(f"{platform.url}/v1/fleet.html", auth=("it", admin))
    assert page.status_code == 200 and "Κολλημένη / stuck" in page.text
    asked = httpx.get(f"{platform.url}/v1/fleet.html")
    assert asked.status_code == 401 and "Basic" in asked.headers["www-authenticate"]


def test_a_heartbeat_carries_nothing_but_its_fields(platform: Platform) -> None:
    body = msgspec.to_builtins(_beat()) | {"surname": "ΠΑΠΑΔΟΠΟΥΛΟΣ"}
    answer = httpx.put(
        f"{platform.url}/v1/devices/me/heartbeat",
        json=body,
        headers={"Authorization": f"Bearer {platform.token}"},
    )
    assert answer.status_code == 422 and "ΠΑΠΑΔΟΠΟΥΛΟΣ" not in answer.text
    assert platform.store.query("SELECT count(*) FROM device_heartbeats") == [(0,)]


def test_the_admin_lists_devices_with_their_state(platform: Platform) -> None:
    lines = fleet.device_lines(platform.store)
    assert len(lines) == 1 and OFFICE in lines[0] and "stale" in lines[0]
    assert fleet.device_lines(platform.store, "office-none") == ["no devices enrolled"]
