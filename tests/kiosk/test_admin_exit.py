"""The kiosk's administrator exit PIN: a verifier in the OS keyring, and a lockout
that a passer-by guessing at the kiosk cannot wait out by restarting it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from kiosk.admin_exit import KEYRING_SERVICE, AdminExit, ExitRefusedError
from kiosk.verifier import KeyringVerifier
from tests.support.memory_keyring import MemoryKeyring


def test_the_pin_set_by_it_opens_the_exit_and_is_kept_only_as_a_verifier(
    memory_keyring: MemoryKeyring,
) -> None:
    AdminExit().set_pin("24680135")

    AdminExit().check("24680135")
    kept = str(memory_keyring.get_password(KEYRING_SERVICE, "admin"))
    assert "24680135" not in kept and '"hash"' in kept


def test_a_wrong_pin_is_refused_in_both_languages() -> None:
    AdminExit().set_pin("24680135")

    with pytest.raises(ExitRefusedError) as refused:
        AdminExit().check("11111111")

    assert refused.value.message("el") == "Λάθος PIN."
    assert refused.value.message("en") == "Wrong PIN."


def test_five_wrong_pins_lock_the_exit_even_for_the_right_one_across_restarts() -> None:
    now = [datetime(2026, 11, 23, 9, 0, tzinfo=UTC)]
    AdminExit().set_pin("24680135")
    for _ in range(4):
        with pytest.raises(ExitRefusedError, match="wrong"):
            AdminExit(KeyringVerifier(KEYRING_SERVICE, clock=lambda: now[0])).check("0000000")
    with pytest.raises(ExitRefusedError, match="locked"):
        AdminExit(KeyringVerifier(KEYRING_SERVICE, clock=lambda: now[0])).check("0000000")

    restarted = AdminExit(KeyringVerifier(KEYRING_SERVICE, clock=lambda: now[0]))
    with pytest.raises(ExitRefusedError) as refused:
        restarted.check("24680135")
    assert refused.value.reason == "locked" and "15" in refused.value.message("en")

    now[0] += timedelta(minutes=16)
    restarted.check("24680135")


def test_a_device_without_a_pin_says_how_to_set_one() -> None:
    with pytest.raises(ExitRefusedError) as refused:
        AdminExit().check("24680135")

    assert "kiosk admin-pin" in refused.value.message("en")
    assert not AdminExit().is_set()


@pytest.mark.parametrize("pin", ["12345", "1234567890123", "12ab5678", ""])
def test_a_pin_that_is_not_6_to_12_digits_is_refused(pin: str) -> None:
    with pytest.raises(ValueError, match="6 to 12 digits"):
        AdminExit().set_pin(pin)
    assert not AdminExit().is_set()


def test_a_device_without_a_keyring_says_whom_to_ask() -> None:
    import keyring
    from keyring.backends.fail import Keyring as NoKeyring

    keyring.set_keyring(NoKeyring())  # the memory_keyring fixture restores the previous one
    with pytest.raises(ExitRefusedError) as refused:
        AdminExit().check("24680135")

    assert refused.value.reason == "keyring"
