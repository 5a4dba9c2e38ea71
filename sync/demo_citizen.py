"""A FAKE citizen or clerk who may ask the registries, for the demos and tests against
the reference server only (issue #16: the platform answers a look-up only for a person).

The citizen "phone" is a plain HTTP client walking the reference server's real pages
(code, sign-in with a FAKE account, consent) with their cookie and CSRF tokens, exactly
what a person does in a browser (tests/sync/server/test_citizen_pages_browser.py drives
the same pages in chromium). Never pointed anywhere but the reference server."""

from __future__ import annotations

import re
import threading
import uuid
from typing import Final

import httpx

from sync.citizen import EvidenceScope, IdentityCheck, LookupPurpose
from sync.client import PlatformClient
from sync.registry import RegistryCredentials

FAKE_PASSWORDS: Final = {"099999999": "demo-citizen-1", "099999987": "demo-citizen-2"}
DEMO_PROCEDURE: Final = ("taxi-driver-licence", "1.0.0")
NAME_SCOPE: Final = EvidenceScope("taxpayer", "taxpayer_identity", ("name", "surname"))
_CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def csrf_of(page: httpx.Response) -> str:
    found = _CSRF.search(page.text)
    if found is None:
        raise ValueError(f"no form on the page (HTTP {page.status_code})")
    return found.group(1)


def answer_on_phone(
    server_url: str,
    user_code: str,
    afm: str = "099999999",
    decision: str = "approve",
    password: str | None = None,
) -> httpx.Response:
    """Enter the code, sign in, approve or refuse; returns the last page."""
    with httpx.Client(base_url=server_url, follow_redirects=True, timeout=10.0) as phone:
        page = phone.get("/citizen")
        page = phone.post("/citizen", data={"csrf": csrf_of(page), "code": user_code})
        page = phone.post(
            "/citizen/sign-in",
            data={
                "csrf": csrf_of(page),
                "afm": afm,
                "password": password or FAKE_PASSWORDS.get(afm, ""),
            },
        )
        return phone.post("/citizen/consent", data={"csrf": csrf_of(page), "decision": decision})


class DemoCitizen:
    """A credentials provider for sync.registry.PlatformRegistry: on first use, a FAKE
    citizen signs in on the "phone" and approves their name from the taxpayer registry,
    for an application of their own (the grant's submission id)."""

    def __init__(self, client: PlatformClient, afm: str = "099999987") -> None:
        self._client, self._afm = client, afm
        self._lock = threading.Lock()
        self._credentials: RegistryCredentials | None = None

    def __call__(self) -> RegistryCredentials | None:
        with self._lock:
            if self._credentials is None:
                self._credentials = self._sign_in()
            return self._credentials

    def _sign_in(self) -> RegistryCredentials:
        submission_id = uuid.uuid4()
        started = self._client.start_citizen_authorization(
            submission_id, *DEMO_PROCEDURE, [NAME_SCOPE]
        )
        server_url = started.verification_uri.removesuffix("/citizen")
        answer_on_phone(server_url, started.user_code, self._afm)
        polled = self._client.poll_citizen_token(started.device_code)
        if polled.grant is None:
            raise RuntimeError(f"the FAKE citizen's sign-in gave {polled.status}")
        purpose = LookupPurpose(submission_id, DEMO_PROCEDURE[0], NAME_SCOPE.evidence_type)
        attributes = {NAME_SCOPE.registry: list(NAME_SCOPE.attributes)}
        return RegistryCredentials(purpose, attributes, grant=polled.grant.grant)


def demo_clerk_credentials(
    client: PlatformClient, clerk_id: str = "clerk01", password: str = "demo-pass-01"
) -> RegistryCredentials:
    """A FAKE clerk of demo-office, signed in, who saw an identity card ending 1234."""
    verified = client.verify_clerk_session(clerk_id, password)
    if verified is None or verified.session is None:
        raise RuntimeError(f"the FAKE clerk {clerk_id} was not accepted")
    return RegistryCredentials(
        purpose=LookupPurpose(uuid.uuid4(), DEMO_PROCEDURE[0], NAME_SCOPE.evidence_type),
        attributes={NAME_SCOPE.registry: list(NAME_SCOPE.attributes)},
        clerk_session=verified.session,
        identity_check=IdentityCheck("id_card", "1234"),
    )
