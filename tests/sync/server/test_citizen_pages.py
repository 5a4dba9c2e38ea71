"""The citizen pages refuse what a browser of another site or a guesser would send: a
form without the session's CSRF token, wrong passwords past the limit (counted in the
platform's database, so a new browser session does not reset them), and they never
show a traceback."""

from __future__ import annotations

import uuid

import httpx

from sync.demo_citizen import csrf_of
from tests.sync.citizen_support import NAME_SCOPE, TAXI
from tests.sync.conftest import Platform


def _code(platform: Platform) -> str:
    started = platform.client().start_citizen_authorization(uuid.uuid4(), *TAXI, [NAME_SCOPE])
    return started.user_code


def _at_sign_in(platform: Platform, user_code: str) -> tuple[httpx.Client, str]:
    phone = httpx.Client(base_url=platform.url, follow_redirects=True)
    page = phone.get("/citizen")
    page = phone.post("/citizen", data={"csrf": csrf_of(page), "code": user_code})
    return phone, csrf_of(page)


def test_a_form_without_the_sessions_csrf_token_is_refused(platform: Platform) -> None:
    code = _code(platform)
    with httpx.Client(base_url=platform.url) as phone:
        phone.get("/citizen")
        forged = phone.post("/citizen", data={"csrf": "forged", "code": code})
    with httpx.Client(base_url=platform.url) as stranger:
        cookieless = stranger.post("/citizen", data={"code": code})
    assert forged.status_code == cookieless.status_code == 403
    assert "Η σύνδεση έληξε" in forged.text and "Traceback" not in forged.text
    # Nothing was claimed: the citizen's own phone still can use the code.
    phone, _ = _at_sign_in(platform, code)
    phone.close()


def test_five_wrong_passwords_lock_the_afm_even_from_a_new_session(platform: Platform) -> None:
    code = _code(platform)
    phone, csrf = _at_sign_in(platform, code)
    for _ in range(5):
        page = phone.post(
            "/citizen/sign-in", data={"csrf": csrf, "afm": "099999987", "password": "guess"}
        )
    assert page.status_code == 429 and "Προσωρινό κλείδωμα" in page.text
    phone.close()
    phone, csrf = _at_sign_in(platform, _code(platform))
    right = phone.post(
        "/citizen/sign-in", data={"csrf": csrf, "afm": "099999987", "password": "demo-citizen-2"}
    )
    phone.close()
    assert right.status_code == 429  # locked in the database, not in the browser


def test_the_pages_are_never_framed_cached_or_referred_elsewhere(platform: Platform) -> None:
    page = httpx.get(f"{platform.url}/citizen?code=<script>")
    assert "<script>" not in page.text
    assert page.headers["x-frame-options"] == "DENY"
    assert page.headers["cache-control"] == "no-store"
    assert page.headers["referrer-policy"] == "no-referrer"
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]
    cookie = page.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie and "path=/citizen" in cookie
