"""A clerk signs in at a counter: checked by the platform when it answers, against the
cached verifier when it does not, and locked out after repeated failures either way."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import keyring
import pytest

from kiosk.clerks import KEYRING_SERVICE, MAX_FAILURES, ClerkSignIn, SignInError
from sync.clerks import PlatformClerkDirectory
from tests.support.memory_keyring import MemoryKeyring
from tests.sync.conftest import Platform


@pytest.fixture
def demo_office_platform(platform: Platform) -> Platform:
    code = platform.store.create_enrolment_code("demo-office")
    redeemed = platform.store.redeem_code(code)
    assert redeemed is not None
    platform.token = redeemed[1]
    return platform


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


def _sign_in(platform: Platform, clock: Clock | None = None) -> ClerkSignIn:
    directory = PlatformClerkDirectory(platform.client())
    return ClerkSignIn(directory, clock=clock or Clock())


def test_clerk_of_the_office_signs_in_online_with_the_right_password(
    demo_office_platform: Platform,
) -> None:
    clerk = _sign_in(demo_office_platform).sign_in("clerk01", "demo-pass-01")
    assert clerk.display_name == "Υπάλληλος Δοκιμών Α"
    assert clerk.verified_online


def test_wrong_password_is_refused_with_a_message_in_both_languages(
    demo_office_platform: Platform,
) -> None:
    with pytest.raises(SignInError) as refused:
        _sign_in(demo_office_platform).sign_in("clerk01", "not-it")
    assert refused.value.message("el") == "Λάθος κωδικός υπαλλήλου ή συνθηματικό."
    assert refused.value.message("en") == "Wrong clerk id or password."


def test_clerk_of_another_office_is_refused_like_a_wrong_password(
    demo_office_platform: Platform,
) -> None:
    with pytest.raises(SignInError) as refused:
        _sign_in(demo_office_platform).sign_in("clerk99", "demo-pass-99")
    assert refused.value.reason == "wrong"


def test_offline_sign_in_uses_the_verifier_cached_by_the_last_online_one(
    demo_office_platform: Platform, memory_keyring: MemoryKeyring
) -> None:
    sign_in = _sign_in(demo_office_platform)
    sign_in.sign_in("clerk01", "demo-pass-01")
    cached = keyring.get_password(KEYRING_SERVICE, "clerk01")
    assert cached is not None and "demo-pass-01" not in cached  # a hash, never the password
    demo_office_platform.stop()

    clerk = sign_in.sign_in("clerk01", "demo-pass-01")
    assert (clerk.display_name, clerk.verified_online) == ("Υπάλληλος Δοκιμών Α", False)
    with pytest.raises(SignInError) as refused:
        sign_in.sign_in("clerk01", "wrong")
    assert refused.value.reason == "wrong"


def test_first_sign_in_on_a_device_needs_the_platform(demo_office_platform: Platform) -> None:
    sign_in = _sign_in(demo_office_platform)
    demo_office_platform.stop()
    with pytest.raises(SignInError) as refused:
        sign_in.sign_in("clerk02", "demo-pass-02")
    assert refused.value.reason == "first_online"
    assert "δίκτυο" in refused.value.message("el")


def test_repeated_failures_lock_the_clerk_even_with_the_right_password_then_unlock(
    demo_office_platform: Platform,
) -> None:
    clock = Clock()
    demo_office_platform.store.clock = clock  # the platform counts too, on its own clock
    sign_in = _sign_in(demo_office_platform, clock)
    for _ in range(MAX_FAILURES - 1):
        with pytest.raises(SignInError):
            sign_in.sign_in("clerk01", "guess")
    with pytest.raises(SignInError) as locked:
        sign_in.sign_in("clerk01", "guess")
    assert locked.value.reason == "locked"
    with pytest.raises(SignInError) as still:
        sign_in.sign_in("clerk01", "demo-pass-01")
    assert still.value.reason == "locked"
    assert "λεπτά" in still.value.message("el")

    clock.now += timedelta(minutes=16)
    assert sign_in.sign_in("clerk01", "demo-pass-01").verified_online


def test_lockout_survives_a_restart_of_the_app(demo_office_platform: Platform) -> None:
    clock = Clock()
    for _ in range(MAX_FAILURES):
        with pytest.raises(SignInError):
            _sign_in(demo_office_platform, clock).sign_in("clerk02", "guess")
    with pytest.raises(SignInError) as locked:
        _sign_in(demo_office_platform, clock).sign_in("clerk02", "demo-pass-02")
    assert locked.value.reason == "locked"


def test_empty_fields_are_refused_before_asking_anyone() -> None:
    with pytest.raises(SignInError) as refused:
        ClerkSignIn(None).sign_in("  ", "")
    assert refused.value.reason == "empty"


def test_a_device_without_a_keyring_refuses_sign_in_and_says_whom_to_ask(
    demo_office_platform: Platform,
) -> None:
    from keyring.backends.fail import Keyring as NoKeyring

    keyring.set_keyring(NoKeyring())  # the memory_keyring fixture restores the previous one
    with pytest.raises(SignInError) as refused:
        _sign_in(demo_office_platform).sign_in("clerk01", "demo-pass-01")
    assert refused.value.reason == "keyring"
    assert "kiosk doctor" in refused.value.message("en")


def test_the_directory_keeps_the_clerks_platform_session_and_signing_out_ends_it(
    demo_office_platform: Platform,
) -> None:
    directory = PlatformClerkDirectory(demo_office_platform.client())
    assert directory.verify_clerk("clerk01", "demo-pass-01") == "Υπάλληλος Δοκιμών Α"
    session = directory.session
    assert session is not None and session.session is not None
    device = demo_office_platform.store.device_for_token(demo_office_platform.token)
    assert device is not None
    onceonly = demo_office_platform.store.onceonly
    assert onceonly.clerk_session(session.session, device.device_id) is not None
    directory.sign_out()
    assert directory.session is None
    assert onceonly.clerk_session(session.session, device.device_id) is None
    assert directory.verify_clerk("clerk01", "wrong") is None and directory.session is None
