"""A second enrolled device, of another office, beside the `platform` fixture's one."""

from __future__ import annotations

from dataclasses import dataclass

import httpx
import pytest

from kiosk.submission import Submission
from tests.sync.conftest import Platform

OTHER_OFFICE = "office-patra"


@dataclass(frozen=True)
class Enrolled:
    device_id: str
    office_id: str
    token: str


@pytest.fixture
def intruder(platform: Platform) -> Enrolled:
    """A genuinely enrolled device, but of another office."""
    redeemed = platform.store.redeem_code(platform.store.create_enrolment_code(OTHER_OFFICE))
    assert redeemed is not None
    device, token = redeemed
    return Enrolled(device.device_id, device.office_id, token)


@pytest.fixture
def own_device(platform: Platform) -> Enrolled:
    """The `platform` fixture's device, with its id and office."""
    device = platform.store.device_for_token(platform.token)
    assert device is not None
    return Enrolled(device.device_id, device.office_id, platform.token)


def put(platform: Platform, token: str, submission: Submission) -> httpx.Response:
    return put_raw(platform, token, str(submission.submission_id), submission.to_json_bytes())


def put_raw(platform: Platform, token: str, sid: str, body: bytes) -> httpx.Response:
    return httpx.put(
        f"{platform.url}/v1/submissions/{sid}",
        content=body,
        headers={**bearer(token), "Content-Type": "application/json"},
    )


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}
