"""A simulated device's own Secret Service: a D-Bus session bus and an unlocked
gnome-keyring-daemon, as the desktop session of an office PC on Linux has, so that the
app's start reads its store key and device token the way a device does
(kiosk.store.secret_service), not through a stand-in keyring class.

Each device gets its own bus and keyring folder (two devices never share secrets), kept
for the whole benchmark run and stopped at exit. Without dbus-daemon or
gnome-keyring-daemon (`scripts/bootstrap.sh` installs both) the probes fall back to a
file keyring and say so in the figures' notes."""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import sys
import time
from contextlib import closing, suppress
from pathlib import Path

SERVICE_NAME = "org.freedesktop.secrets"
_PASSWORD = b"bench-keyring-password"  # unlocks the simulated session's login keyring


def without_session(env: dict[str, str]) -> dict[str, str]:
    """`env` without what names another session's bus, folders or keyring: a device's
    processes reach only its own."""
    return {
        key: value
        for key, value in env.items()
        if not key.startswith(("DBUS_", "XDG_", "GNOME_KEYRING", "PYTHON_KEYRING"))
    }


def available() -> bool:
    return bool(shutil.which("dbus-daemon") and shutil.which("gnome-keyring-daemon"))


def _stop(processes: list[subprocess.Popen[bytes]]) -> None:
    for process in reversed(processes):
        with suppress(ProcessLookupError):
            process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        for stream in (process.stdin, process.stdout):
            if stream is not None:
                stream.close()


def start(folder: Path) -> dict[str, str]:
    """Start the device's bus and keyring under `folder`; the environment variables that
    lead a process to them (its home and runtime folders are the device's too)."""
    home = folder / "session-home"
    runtime = home / "run"
    for made in (home / ".local" / "share", home / ".config", runtime):
        made.mkdir(parents=True, exist_ok=True)
    runtime.chmod(0o700)
    env = {
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_RUNTIME_DIR": str(runtime),
    }
    base = without_session(dict(os.environ))
    processes: list[subprocess.Popen[bytes]] = []
    atexit.register(_stop, processes)
    bus = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--nopidfile", "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,  # as root: "Failed to set fd limit", harmless
        env={**base, **env},
    )
    processes.append(bus)
    assert bus.stdout is not None
    env["DBUS_SESSION_BUS_ADDRESS"] = bus.stdout.readline().decode().strip()
    keyring = subprocess.Popen(
        ["gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets"],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**base, **env},
    )
    processes.append(keyring)
    assert keyring.stdin is not None
    keyring.stdin.write(_PASSWORD)
    keyring.stdin.close()  # the password ends here: the daemon unlocks and runs
    _wait_for_the_service(env["DBUS_SESSION_BUS_ADDRESS"])
    return env


def _wait_for_the_service(address: str, timeout_s: float = 15.0) -> None:
    """Until the daemon owns the Secret Service's name on the device's bus: asked before,
    the bus could activate the service itself, starting another daemon without the
    unlocked keyring."""
    from jeepney.bus_messages import message_bus
    from jeepney.io.blocking import open_dbus_connection

    deadline = time.monotonic() + timeout_s
    with closing(open_dbus_connection(address)) as bus:
        while True:
            reply = bus.send_and_get_reply(message_bus.NameHasOwner(SERVICE_NAME))
            if reply.body[0]:
                return
            if time.monotonic() > deadline:
                raise RuntimeError(f"gnome-keyring-daemon never took {SERVICE_NAME}")
            time.sleep(0.02)


STORE_TOKEN = """
import sys
from kiosk.store.keyring_choice import choose_platform_keyring, set_password
from sync.protocol import KEYRING_SERVICE, KEYRING_USERNAME

chosen = choose_platform_keyring("linux")
if chosen != "kiosk.store.secret_service":
    sys.exit(f"the Secret Service is not used: {chosen}")
set_password(KEYRING_SERVICE, KEYRING_USERNAME, sys.argv[1])
"""


def store_token(env: dict[str, str], token: str, cwd: Path) -> None:
    """The device token, written as `kiosk enroll` writes it (kiosk.store.keyring_choice)."""
    base = without_session(dict(os.environ))
    done = subprocess.run(
        [sys.executable, "-c", STORE_TOKEN, token],
        env={**base, **env, "PYTHONPATH": str(cwd)},
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"cannot store the device token: {done.stderr[-600:]}")
