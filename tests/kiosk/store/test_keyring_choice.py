"""The platform's keyring is named directly, unless something already chose one."""

from __future__ import annotations

from pathlib import Path

import keyring
import keyring.backend
import keyring.core
import pytest

from kiosk.store import KeyringUnavailableError, keyring_choice, open_store
from kiosk.store.keyring_choice import PLATFORM_BACKENDS, choose_platform_keyring
from ui.demo_keyring import MemoryKeyring

PLATFORM = "test-os"


@pytest.fixture
def nothing_chosen(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A device's first keyring use: no backend yet, no variable, no keyringrc.cfg."""
    monkeypatch.setattr(keyring.core, "_keyring_backend", None)
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


@pytest.mark.usefixtures("nothing_chosen")
def test_the_platform_backend_is_set_without_discovering_every_backend(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(PLATFORM_BACKENDS, PLATFORM, "ui.demo_keyring.MemoryKeyring")

    def discovery() -> list[keyring.backend.KeyringBackend]:
        raise AssertionError("every backend was discovered")

    monkeypatch.setattr(keyring.backend, "get_all_keyring", discovery)
    assert choose_platform_keyring(PLATFORM) == "ui.demo_keyring.MemoryKeyring"
    assert isinstance(keyring.get_keyring(), MemoryKeyring)


def test_a_backend_chosen_in_code_is_kept(memory_keyring: MemoryKeyring) -> None:
    assert choose_platform_keyring("linux") is None
    assert keyring.get_keyring() is memory_keyring


@pytest.mark.usefixtures("nothing_chosen")
def test_a_backend_named_in_the_environment_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "ui.demo_keyring.MemoryKeyring")
    monkeypatch.setitem(PLATFORM_BACKENDS, PLATFORM, "ui.demo_keyring.MemoryKeyring")
    assert choose_platform_keyring(PLATFORM) is None


@pytest.mark.usefixtures("nothing_chosen")
def test_a_keyringrc_file_is_kept(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    rc = tmp_path / "config" / "python_keyring" / "keyringrc.cfg"
    rc.parent.mkdir(parents=True)
    rc.write_text("[backend]\ndefault-keyring=ui.demo_keyring.MemoryKeyring\n")
    monkeypatch.setitem(PLATFORM_BACKENDS, PLATFORM, "ui.demo_keyring.MemoryKeyring")
    assert choose_platform_keyring(PLATFORM) is None


@pytest.mark.usefixtures("nothing_chosen")
def test_without_a_secret_service_the_store_still_says_there_is_no_keyring(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Linux without a D-Bus session: the Secret Service is not usable, keyring's own
    discovery decides (here: nothing usable) and the store stops with NO_KEYRING."""
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    monkeypatch.setattr(keyring.backend, "get_all_keyring", lambda: [])
    assert choose_platform_keyring("linux") is None
    with pytest.raises(KeyringUnavailableError, match="keyring"):
        open_store(tmp_path / "device.sqlite3")
    assert not (tmp_path / "device.sqlite3").exists()


@pytest.mark.usefixtures("nothing_chosen")
def test_a_secret_service_that_fails_later_hands_over_to_keyring_and_its_message(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Chosen at start, gone by the time the key is read (the daemon died): keyring tries
    again with its own errors, and the store still says there is no keyring."""
    monkeypatch.setattr(keyring_choice, "_direct", [True])
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")
    monkeypatch.setattr(keyring.backend, "get_all_keyring", lambda: [])
    with pytest.raises(KeyringUnavailableError, match="keyring"):
        open_store(tmp_path / "device.sqlite3")
    assert keyring_choice._direct == [False]  # keyring answers from now on
