"""A FAKE citizen signing in on their "phone" (sync.demo_citizen: an HTTP client through
the real pages and their CSRF tokens) and the kiosk's grant that results, and a FAKE
clerk's session: for the tests that need a registry look-up to be lawful. The browser
test drives the same pages in chromium (tests/sync/server/test_citizen_pages_browser.py)."""

from __future__ import annotations

import uuid
from typing import Any

from sync.citizen import CitizenGrant, EvidenceScope
from sync.client import PlatformClient
from sync.demo_citizen import DEMO_PROCEDURE, NAME_SCOPE, answer_on_phone

TAXI = DEMO_PROCEDURE  # a sample procedure binding the taxpayer's name

__all__ = ["NAME_SCOPE", "TAXI", "answer_on_phone", "citizen_grant", "clerk_session"]


def citizen_grant(
    client: PlatformClient,
    base_url: str,
    afm: str = "099999999",
    submission_id: uuid.UUID | None = None,
    scope: tuple[EvidenceScope, ...] = (NAME_SCOPE,),
) -> CitizenGrant:
    """The kiosk asks, the citizen approves on the phone, the kiosk's poll gets the grant."""
    started = client.start_citizen_authorization(submission_id or uuid.uuid4(), *TAXI, list(scope))
    assert answer_on_phone(base_url, started.user_code, afm).status_code == 200
    polled = client.poll_citizen_token(started.device_code)
    assert polled.grant is not None, polled
    return polled.grant


def clerk_session(platform: Any, clerk_id: str = "clerk01", password: str = "demo-pass-01") -> str:
    """A FAKE clerk of demo-office signed in on a new device of that office, which the
    platform fixture's clients then use (`platform.token`): the clerk session's token."""
    redeemed = platform.store.redeem_code(platform.store.create_enrolment_code("demo-office"))
    assert redeemed is not None
    platform.token = redeemed[1]
    verified = platform.client().verify_clerk_session(clerk_id, password)
    assert verified is not None and verified.session is not None
    return str(verified.session)
