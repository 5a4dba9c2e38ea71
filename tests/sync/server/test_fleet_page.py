"""The fleet page in a real browser (Debian's chromium driven by Playwright): the
Region's IT officer signs in with the server's admin token and sees silent and stuck
devices first, each with its state."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import msgspec
import pytest

from sync.heartbeat import Heartbeat
from sync.server import fleet, office
from tests.support.browser import CHROMIUM, chromium
from tests.sync.conftest import OFFICE, Platform

SCREENSHOT_ENV = "KIOSK_FLEET_SCREENSHOT"  # a path: the page is also saved there to look at


@pytest.fixture
def browser() -> Iterator[object]:
    if not shutil.which(CHROMIUM):
        pytest.skip("chromium is not installed (scripts/bootstrap.sh installs it)")
    with chromium() as launched:
        yield launched


def _beat(**changes: object) -> Heartbeat:
    now = datetime.now(UTC)
    values: dict[str, object] = {
        "mode": "kiosk",
        "region_code": "9",
        "app_version": "0.9.0",
        "catalog_version": '"c0ffee"',
        "outbox_depth": 0,
        "quarantined": 0,
        "last_sync_at": now,
        "sent_at": now,
    }
    return msgspec.convert(values | changes, Heartbeat)


def test_the_fleet_page_shows_silent_and_stuck_devices_first(
    platform: Platform, browser: object, tmp_path: Path
) -> None:
    store = platform.store
    tokens = {}
    for name in ("healthy", "stuck", "counter", "revoked"):
        redeemed = store.redeem_code(store.create_enrolment_code(OFFICE))
        assert redeemed is not None
        tokens[name] = (redeemed[0].device_id, redeemed[1])
    platform.client(token=tokens["healthy"][1]).put_heartbeat(_beat())
    stuck_since = datetime.now(UTC) - timedelta(hours=2)
    platform.client(token=tokens["stuck"][1]).put_heartbeat(
        _beat(outbox_depth=3, oldest_unsent_at=stuck_since)
    )
    platform.client(token=tokens["counter"][1]).put_heartbeat(
        _beat(mode="counter", doctor={"at": datetime.now(UTC), "checks": 12, "failed": ["printer"]})
    )
    office.revoke_device(store, tokens["revoked"][0])
    admin = fleet.new_admin_token(store)

    context = browser.new_context(  # type: ignore[attr-defined]
        http_credentials={"username": "it-officer", "password": admin}
    )
    page = context.new_page()
    page.goto(f"{platform.url}/v1/fleet.html")
    states = page.locator("#fleet tbody tr").evaluate_all("rows => rows.map(r => r.dataset.state)")
    devices = page.locator("#fleet tbody tr").evaluate_all(
        "rows => rows.map(r => r.dataset.device)"
    )
    # The fixture's own device never sent a heartbeat: silent, first.
    assert states == ["stale", "stuck", "attention", "ok", "revoked"]
    assert devices[1:] == [tokens[n][0] for n in ("stuck", "counter", "healthy", "revoked")]
    stuck_row = page.locator(f'tr[data-device="{tokens["stuck"][0]}"]')
    assert "3 waiting" in stuck_row.inner_text()
    assert "doctor: printer" in page.locator('tr[data-state="attention"]').inner_text()
    assert "Σιωπηλή / stale: 1" in page.locator("#summary").inner_text()
    shot = os.environ.get(SCREENSHOT_ENV)
    page.screenshot(path=shot or str(tmp_path / "fleet.png"), full_page=True)
    context.close()

    anonymous = browser.new_context()  # type: ignore[attr-defined]
    refused = anonymous.request.get(f"{platform.url}/v1/fleet.html")  # the browser asks
    assert refused.status == 401 and "Basic" in refused.headers["www-authenticate"]
    anonymous.close()
