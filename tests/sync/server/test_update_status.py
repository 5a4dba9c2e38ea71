"""A device's report of its update state (PUT /v1/devices/me/update-status): kept per
device, short fields only, and a body past 4 KB refused before it is read whole."""

from __future__ import annotations

import httpx

from tests.sync.conftest import Platform
from tests.sync.server.conftest import Enrolled, bearer


def _put(platform: Platform, token: str, content: bytes) -> httpx.Response:
    return httpx.put(
        f"{platform.url}/v1/devices/me/update-status", content=content, headers=bearer(token)
    )


def test_a_device_s_report_is_kept_under_its_own_id(
    platform: Platform, own_device: Enrolled
) -> None:
    answer = _put(platform, own_device.token, b'{"current": "1.2.0", "result": "switched"}')
    assert answer.status_code == 200
    stored = platform.faults.state.updates.device_status(own_device.device_id)
    assert stored == {"current": "1.2.0", "result": "switched"}


def test_a_report_larger_than_4_kb_is_refused_as_too_large(
    platform: Platform, own_device: Enrolled
) -> None:
    answer = _put(platform, own_device.token, b'{"result": "' + b"x" * 10_000 + b'"}')
    assert answer.status_code == 413 and answer.json()["error"] == "too_large"
    repository = getattr(platform.faults.state, "updates", None)  # made on first use
    assert repository is None or repository.device_status(own_device.device_id) is None
