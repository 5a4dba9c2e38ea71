"""The citizen's sign-in at a kiosk (RFC 8628) on the platform: codes, polling answers,
a grant bound to one person, device, application and scope, for 15 minutes at most,
handed over once and revoked on demand or when the application is sent. Time is moved
with the store's clock, never slept."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from sync.citizen import LookupPurpose, LookupRefusedError
from sync.client import PlatformClient
from sync.server.citizen_pages import normalise_code
from tests.sync.citizen_support import NAME_SCOPE, TAXI, answer_on_phone, citizen_grant
from tests.sync.conftest import Platform
from tests.sync.factories import make_submission
from tests.sync.server.conftest import Enrolled, bearer, put


class Clock:
    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock(platform: Platform) -> Clock:
    moved = Clock()
    platform.store.clock = moved
    return moved


def _start(client: PlatformClient, submission_id: uuid.UUID | None = None) -> tuple[str, str]:
    started = client.start_citizen_authorization(submission_id or uuid.uuid4(), *TAXI, [NAME_SCOPE])
    return started.device_code, started.user_code


def test_a_device_authorization_gives_a_short_code_and_a_link_for_the_qr(
    platform: Platform,
) -> None:
    started = platform.client().start_citizen_authorization(uuid.uuid4(), *TAXI, [NAME_SCOPE])
    assert re.fullmatch(r"[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}", started.user_code)
    assert len(started.device_code) >= 43  # 32 bytes, base64url
    assert started.verification_uri == f"{platform.url}/citizen"
    assert started.verification_uri_complete.endswith(f"/citizen?code={started.user_code}")
    assert (started.expires_in, started.interval) == (600, 5)


def test_an_unpublished_procedure_or_a_whole_record_cannot_be_asked_for(
    platform: Platform,
) -> None:
    url = f"{platform.url}/v1/citizen/device-authorizations"
    body = {
        "submission_id": str(uuid.uuid4()),
        "procedure_id": "no-such-procedure",
        "procedure_version": "1.0.0",
        "evidence": [NAME_SCOPE.as_json()],
    }
    answer = httpx.post(url, json=body, headers=bearer(platform.token))
    assert answer.status_code == 422 and answer.json()["error"] == "unknown_procedure"
    body |= {"procedure_id": TAXI[0], "evidence": [{**NAME_SCOPE.as_json(), "attributes": ["*"]}]}
    answer = httpx.post(url, json=body, headers=bearer(platform.token))
    assert answer.status_code == 422 and "evidence[0].attributes" in answer.json()["field_errors"]


def test_polling_says_pending_then_slow_down_then_hands_the_grant_over_once(
    platform: Platform, clock: Clock
) -> None:
    client = platform.client()
    device_code, user_code = _start(client)
    assert client.poll_citizen_token(device_code).status == "authorization_pending"
    clock.advance(seconds=1)
    slowed = client.poll_citizen_token(device_code)
    assert (slowed.status, slowed.interval) == ("slow_down", 10)
    assert answer_on_phone(platform.url, user_code, "099999987").status_code == 200
    clock.advance(seconds=5)
    assert client.poll_citizen_token(device_code).status == "slow_down"  # 10 s; now 15
    clock.advance(seconds=15)
    polled = client.poll_citizen_token(device_code)
    assert polled.status == "granted" and polled.grant is not None
    assert (polled.grant.afm, polled.grant.display_name) == ("099999987", "Π. ΔΟΚΙΜΑΣΤΙΚΗ")
    assert polled.grant.expires_at - clock.now <= timedelta(minutes=15)
    clock.advance(seconds=30)
    assert client.poll_citizen_token(device_code).status == "expired_token"  # exchanged once


def test_a_refusal_on_the_phone_is_access_denied(platform: Platform) -> None:
    client = platform.client()
    device_code, user_code = _start(client)
    page = answer_on_phone(platform.url, user_code, decision="deny")
    assert page.status_code == 410 and "απορρίφθηκε" in page.text
    assert client.poll_citizen_token(device_code).status == "access_denied"


def test_a_code_past_ten_minutes_is_expired_for_the_kiosk_and_the_phone(
    platform: Platform, clock: Clock
) -> None:
    client = platform.client()
    device_code, user_code = _start(client)
    clock.advance(minutes=10, seconds=1)
    assert client.poll_citizen_token(device_code).status == "expired_token"
    with httpx.Client(base_url=platform.url, follow_redirects=True) as phone:
        first = phone.get("/citizen")
        token = re.search(r'name="csrf" value="([^"]+)"', first.text)
        assert token is not None
        page = phone.post("/citizen", data={"csrf": token.group(1), "code": user_code})
    assert page.status_code == 410 and "έληξε" in page.text


def test_another_devices_code_is_invalid_grant(platform: Platform, intruder: Enrolled) -> None:
    device_code, _ = _start(platform.client())
    assert platform.client(intruder.token).poll_citizen_token(device_code).status == "invalid_grant"
    assert platform.client().poll_citizen_token("made-up").status == "invalid_grant"


def _lookup(client: PlatformClient, grant: str, submission_id: uuid.UUID) -> object:
    purpose = LookupPurpose(submission_id, TAXI[0], "taxpayer_identity")
    return client.lookup(
        "taxpayer", "099999999", attributes=["surname"], purpose=purpose, grant=grant
    )


def test_a_grant_expires_on_the_platform_after_fifteen_minutes(
    platform: Platform, clock: Clock
) -> None:
    client, sid = platform.client(), uuid.uuid4()
    grant = citizen_grant(client, platform.url, submission_id=sid)
    _lookup(client, grant.grant, sid)
    clock.advance(minutes=15, seconds=1)
    with pytest.raises(LookupRefusedError) as refused:
        _lookup(client, grant.grant, sid)
    assert refused.value.code == "invalid_grant"


def test_a_revoked_grant_no_longer_fetches_and_revoking_again_is_fine(platform: Platform) -> None:
    client, sid = platform.client(), uuid.uuid4()
    grant = citizen_grant(client, platform.url, submission_id=sid)
    client.revoke_citizen_grant(grant.grant)
    client.revoke_citizen_grant(grant.grant)
    client.revoke_citizen_grant("never-issued")
    with pytest.raises(LookupRefusedError) as refused:
        _lookup(client, grant.grant, sid)
    assert refused.value.code == "invalid_grant"


def test_a_grant_is_for_its_device_and_its_application_only(
    platform: Platform, intruder: Enrolled
) -> None:
    client, sid = platform.client(), uuid.uuid4()
    grant = citizen_grant(client, platform.url, submission_id=sid)
    with pytest.raises(LookupRefusedError) as other_device:
        _lookup(platform.client(intruder.token), grant.grant, sid)
    with pytest.raises(LookupRefusedError) as other_application:
        _lookup(client, grant.grant, uuid.uuid4())
    assert (other_device.value.code, other_application.value.code) == (
        "invalid_grant",
        "outside_scope",
    )


def test_sending_the_application_ends_its_grant(platform: Platform) -> None:
    client = platform.client()
    submission = make_submission()
    grant = citizen_grant(client, platform.url, submission_id=submission.submission_id)
    assert put(platform, platform.token, submission).status_code == 200
    with pytest.raises(LookupRefusedError) as refused:
        _lookup(client, grant.grant, submission.submission_id)
    assert refused.value.code == "invalid_grant"


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("bcdf-ghjk", "BCDF-GHJK"),
        ("BCDFGHJK", "BCDF-GHJK"),
        (" bcdf ghjk ", "BCDF-GHJK"),
        ("ΒΗΚΜ-ΝΡΤΧ", "BHKM-NPTX"),  # Greek capitals that look Latin
        ("ΖΖΖΖ-ΖΖΖΖ", "ZZZZ-ZZZZ"),
        ("AEIO-UBCD", None),  # vowels are not in the alphabet
        ("BCDF-GHJ", None),
    ],
)
def test_the_page_accepts_the_code_however_it_is_typed(typed: str, code: str | None) -> None:
    assert normalise_code(typed) == code


def test_a_clerk_session_half_a_second_past_its_ten_hours_is_over(platform: Platform) -> None:
    # Whole seconds are where variable-width timestamps compared as text go wrong.
    start = datetime(2026, 12, 7, 9, 0, 0, tzinfo=UTC)
    platform.store.clock = lambda: start
    onceonly = platform.store.onceonly
    token, until = onceonly.open_clerk_session("office", "device-1", "clerk01")
    assert until == start + timedelta(hours=10)
    platform.store.clock = lambda: until - timedelta(milliseconds=500)
    assert onceonly.clerk_session(token, "device-1") is not None
    platform.store.clock = lambda: until + timedelta(milliseconds=500)
    assert onceonly.clerk_session(token, "device-1") is None
