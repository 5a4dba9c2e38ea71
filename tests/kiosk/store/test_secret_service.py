"""The Secret Service reached without keyring, against a real gnome-keyring-daemon in its
own D-Bus session: keyring's own Secret Service backend reads what the app wrote and the
app reads what keyring wrote (a device enrolled or keyed before keeps its secrets), and
the app's start path (keyring chosen, store opened, token read) never imports keyring and
opens one D-Bus connection and one Secret Service session, not one a read."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import keyring.util.platform_
import pytest

from kiosk.store import secret_service
from kiosk.store.keyring_choice import linux_keyringrc

ROOT = Path(__file__).resolve().parents[3]

# Runs in the daemon's session: prints what it saw as JSON.
CHILD = """
import json, sys
from pathlib import Path
import secretstorage, secretstorage.collection, secretstorage.item
from kiosk.store import keyring_choice as choice, open_store, secret_service
from sync.enrolment import keyring_token

opened = []  # Secret Service sessions (a Diffie-Hellman exchange each)
for module in (secretstorage.collection, secretstorage.item):
    module.open_session = lambda bus, opens=module.open_session: opened.append(1) or opens(bus)
connected = []  # D-Bus connections (an authentication each)
secretstorage.dbus_init = lambda connect=secretstorage.dbus_init: connected.append(1) or connect()

seen = {"chosen": choice.choose_platform_keyring("linux")}
choice.set_password("periferia-test", "ours", "από την εφαρμογή")
seen["missing"] = choice.get_password("periferia-test", "nobody")
store = open_store(Path(sys.argv[1]) / "device.sqlite3")
store.close()
seen["token"] = keyring_token()
seen["read_back"] = [choice.get_password("periferia-test", "ours") for _ in range(3)]
seen["sessions_opened"] = len(opened)
seen["connections_opened"] = len(connected)
secret_service._link._connection.close()  # the bus connection breaks under the app
seen["after_a_broken_connection"] = choice.get_password("periferia-test", "ours")
seen["keyring_imported"] = "keyring" in sys.modules

import secretstorage
from keyring.backends.SecretService import Keyring

theirs = Keyring()  # keyring's own backend, as `kiosk enroll` or an older version used it
seen["keyring_reads_ours"] = theirs.get_password("periferia-test", "ours")
seen["keyring_reads_device_key"] = theirs.get_password("periferia-kiosk", "device-key") is not None
theirs.set_password("periferia-test", "theirs", "από το keyring")
seen["app_reads_keyring"] = choice.get_password("periferia-test", "theirs")
choice.set_password("periferia-test", "ours", "replaced")
seen["keyring_reads_replacement"] = theirs.get_password("periferia-test", "ours")
connection = secretstorage.dbus_init()
collection = secretstorage.get_default_collection(connection)
items = collection.search_items({"service": "periferia-test", "username": "ours"})
seen["items_of_ours"] = len(list(items))

from kiosk.diagnostics.checks import check_keyring  # `kiosk doctor`, in this session

choice.set_password("periferia-kiosk", "device-token", "a token")
seen["doctor"] = check_keyring("periferia-kiosk", "device-token").detail
print(json.dumps(seen))
"""


def test_the_app_and_keyring_read_each_others_secrets_and_keyring_is_never_imported(
    tmp_path: Path,
) -> None:
    home = tmp_path / "home"
    for folder in (home / ".cache", home / ".local" / "share", home / ".config"):
        folder.mkdir(parents=True)
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PYTHON_KEYRING", "KEYRING_PROPERTY_", "DBUS_", "XDG_"))
    }
    env |= {
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_RUNTIME_DIR": str(home / ".cache"),
        "KIOSK_DATA_DIR": str(tmp_path / "data"),
        "KIOSK_CONFIG_DIR": str(tmp_path / "config"),
        "KIOSK_LOG_DIR": str(tmp_path / "log"),
        "PYTHONPATH": str(ROOT),
    }
    session = (
        "echo -n test-password | gnome-keyring-daemon --unlock --components=secrets >/dev/null"
        ' && exec "$0" -c "$1" "$2"'
    )
    done = subprocess.run(
        ["dbus-run-session", "--", "bash", "-c", session, sys.executable, CHILD, str(tmp_path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen == {
        "chosen": "kiosk.store.secret_service",
        "missing": None,
        "token": None,
        "read_back": ["από την εφαρμογή"] * 3,
        "sessions_opened": 1,  # one for the process, not one a read
        "connections_opened": 1,  # the one that found the Secret Service is kept for reads
        "after_a_broken_connection": "από την εφαρμογή",  # a fresh one, still no keyring
        "keyring_imported": False,
        "keyring_reads_ours": "από την εφαρμογή",
        "keyring_reads_device_key": True,
        "app_reads_keyring": "από το keyring",
        "keyring_reads_replacement": "replaced",
        "items_of_ours": 1,
        "doctor": "the Secret Service (read through SecretStorage, as the app does): "
        "device token present",
    }


@pytest.mark.parametrize("xdg_config_home", [None, "custom-config"])
def test_the_keyringrc_looked_for_is_the_one_keyring_reads(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, xdg_config_home: str | None
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    if xdg_config_home is None:
        monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    else:
        monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / xdg_config_home))
    assert linux_keyringrc() == keyring.util.platform_.config_root() / "keyringrc.cfg"


def test_a_keyring_property_leaves_the_secret_service_to_keyring(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """KEYRING_PROPERTY_SCHEME or _PREFERRED_COLLECTION change which items keyring means."""
    monkeypatch.setenv("KEYRING_PROPERTY_SCHEME", "KeePassXC")
    assert not secret_service.usable()


def test_without_a_session_bus_the_secret_service_is_not_used(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")
    assert not secret_service.usable()
