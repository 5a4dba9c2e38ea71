"""The citizen's pages in a real browser (Debian's chromium driven by Playwright) at a
phone's size, against the reference server on 127.0.0.1, while the kiosk (a real
PlatformClient) polls: approval gives the kiosk its grant, refusal gives access_denied,
an expired code and a second phone trying a used code get pages saying so. Each page is
saved as a screenshot (390×844) in the test's folder."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from sync.client import PlatformClient
from tests.support.browser import chromium
from tests.sync.citizen_support import NAME_SCOPE, TAXI
from tests.sync.conftest import Platform

PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as launched:
        yield launched


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=PHONE, locale="el-GR")
    yield context.new_page()
    context.close()


def _start(client: PlatformClient) -> tuple[str, str]:
    started = client.start_citizen_authorization(uuid.uuid4(), *TAXI, [NAME_SCOPE])
    return started.device_code, started.verification_uri_complete


def _shot(page: Page, folder: Path, name: str) -> None:
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)


def _sign_in(page: Page, link: str, folder: Path | None = None, afm: str = "099999999") -> None:
    page.goto(link)
    if folder is not None:
        _shot(page, folder, "1-code")
    page.get_by_role("button", name="Συνέχεια · Continue").click()
    assert "ΔΟΚΙΜΑΣΤΙΚΟ — FAKE" in page.inner_text("main")
    page.fill("#afm", afm)
    page.fill("#password", "wrong-password")
    page.get_by_role("button", name="Σύνδεση · Sign in").click()
    assert "Απομένουν 4 προσπάθειες" in page.inner_text("[role=alert]")
    if folder is not None:
        _shot(page, folder, "2-sign-in-wrong-password")
    page.fill("#afm", afm)
    page.fill("#password", {"099999999": "demo-citizen-1"}.get(afm, "demo-citizen-2"))
    page.get_by_role("button", name="Σύνδεση · Sign in").click()


def test_approving_on_the_phone_gives_the_polling_kiosk_its_grant(
    platform: Platform, phone: Page, tmp_path: Path
) -> None:
    kiosk = platform.client()
    device_code, link = _start(kiosk)
    _sign_in(phone, link, tmp_path)
    consent = phone.inner_text("main")
    assert "office-thessaloniki" in consent and "Μητρώο φορολογουμένων" in consent
    assert "επώνυμο" in consent and "ΑΦΜ 099999999" in consent
    _shot(phone, tmp_path, "3-consent")
    assert kiosk.poll_citizen_token(device_code).status == "authorization_pending"
    phone.get_by_role("button", name="Έγκριση · Approve").click()
    assert "Εγκρίθηκε" in phone.inner_text("h1")
    _shot(phone, tmp_path, "4-approved")
    platform.store.clock = lambda: datetime.now(UTC) + timedelta(seconds=6)  # past interval
    polled = kiosk.poll_citizen_token(device_code)
    assert polled.grant is not None and polled.grant.afm == "099999999"
    assert len(list(tmp_path.glob("*.png"))) == 4


def test_refusing_on_the_phone_is_access_denied_for_the_kiosk(
    platform: Platform, phone: Page, tmp_path: Path
) -> None:
    kiosk = platform.client()
    device_code, link = _start(kiosk)
    _sign_in(phone, link)
    phone.get_by_role("button", name="Άρνηση · Refuse").click()
    assert "απορρίφθηκε" in phone.inner_text("h1")
    _shot(phone, tmp_path, "5-refused")
    assert kiosk.poll_citizen_token(device_code).status == "access_denied"


def test_an_expired_code_gets_a_page_saying_so(
    platform: Platform, phone: Page, tmp_path: Path
) -> None:
    _, link = _start(platform.client())
    platform.store.clock = lambda: datetime.now(UTC) + timedelta(minutes=11)
    phone.goto(link)
    phone.get_by_role("button", name="Συνέχεια · Continue").click()
    assert "έληξε" in phone.inner_text("h1")
    _shot(phone, tmp_path, "6-expired")


def test_a_second_phone_cannot_use_a_code_already_used(
    platform: Platform, browser: Browser, phone: Page, tmp_path: Path
) -> None:
    _, link = _start(platform.client())
    _sign_in(phone, link)
    phone.get_by_role("button", name="Έγκριση · Approve").click()
    other = browser.new_context(viewport=PHONE)
    second = other.new_page()
    second.goto(link)
    second.get_by_role("button", name="Συνέχεια · Continue").click()
    assert "χρησιμοποιήθηκε ήδη" in second.inner_text("h1")
    _shot(second, tmp_path, "7-used-on-another-phone")
    second.goto(link.split("?")[0])
    second.fill("#code", "BBBB-BBBB")
    second.get_by_role("button", name="Συνέχεια · Continue").click()
    assert "Δεν υπάρχει τέτοιος κωδικός" in second.inner_text("[role=alert]")
    _shot(second, tmp_path, "8-unknown-code")
    other.close()
