"""Whole-process probes for start-up and memory, measured from outside.

Each probe is a fresh Python process that builds a window, waits for its first paint,
then says so on the next turn of the event loop (so the screen is interactive, not
merely constructed) and either quits or idles until killed. Chromium, when installed,
is the same kind of process tree loading a comparable local HTML form.

The app probes run the real `kiosk run --report-start` (ui.cli.main) of an enrolled
device (a device token in a file-backed keyring beside its data folder, so the lane and
its HTTP clients are set up, against a closed port on 127.0.0.1) from an office
configuration in the probe's own config folder: "app" in kiosk mode (the citizen's home
screen), "counter" in counter mode (the clerk's sign-in). The app says when its first
screen is up and when the rest has loaded behind it; the bare window says READY. Data,
config and log folders are the caller's, never a real device's."""

from __future__ import annotations

import atexit
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from benchmarks import secret_service

ROOT = Path(__file__).resolve().parent.parent
DEVICE_TOKEN = "bench-device-token"

_HEAD = """
import os, sys
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
"""
# First paint of the window -> one more event-loop turn -> READY; "hold" keeps the
# process idle. Defined once Qt is imported (by the probe's own code).
_WATCH = """
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
class FirstPaint(QObject):
    seen = False
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and not self.seen:
            self.seen = True
            QTimer.singleShot(0, ready)
        return False
def ready():
    print("READY", flush=True)
    if sys.argv[-1] != "hold":
        QApplication.exit(0)  # quit() would ask a locked kiosk window to close: it refuses
watcher = FirstPaint()
"""
# The real command, as a device runs it; it says on standard output when its first
# screen is up (one event-loop turn after the first paint) and when the flow or console
# has taken that screen over; "once" quits then, "hold" idles.
_KIOSK_RUN = """
from ui.cli import main
options = [] if sys.argv[-1] == "hold" else ["--exit-when-loaded"]
status = main(["run", "--report-start", *options])
print("kiosk run ended with", status, file=sys.stderr)
"""
# The OS keyring of the simulated device: a file beside its data folder, so that the
# store's key (and the device token) outlive the process as they do on a real device.
# keyring loads it by name (PYTHON_KEYRING_BACKEND) when the app first asks for a secret.
DEVICE_KEYRING = """
import json, os, pathlib
from keyring.backend import KeyringBackend
class DeviceKeyring(KeyringBackend):
    priority = 1
    file = pathlib.Path(os.environ["KIOSK_DATA_DIR"]).parent / "keyring.json"
    def _all(self):
        return json.loads(self.file.read_text()) if self.file.exists() else {}
    def get_password(self, service, username):
        return self._all().get(f"{service}/{username}")
    def set_password(self, service, username, password):
        secrets = self._all()
        secrets[f"{service}/{username}"] = password
        self.file.write_text(json.dumps(secrets))
    def delete_password(self, service, username):
        secrets = self._all()
        secrets.pop(f"{service}/{username}", None)
        self.file.write_text(json.dumps(secrets))
"""
APP = _HEAD + _KIOSK_RUN


def _bare(setup: str = "") -> str:
    """The bare window: a QMainWindow with one label, 1280x800; `setup` runs once it is
    made, before it has children."""
    return (
        _HEAD
        + _WATCH
        + f"""
app = QApplication(sys.argv[:1])
from PySide6.QtWidgets import QLabel, QMainWindow
window = QMainWindow()
{setup}window.setCentralWidget(QLabel("Καλώς ήρθατε"))
window.installEventFilter(watcher)
window.resize(1280, 800)
window.show()
app.exec()
"""
    )


BARE = _bare()
# The bare window made frameless, as a kiosk's window must be before its first paint
# (ui.main_window.MainWindow.frameless). Nothing else differs: the flag alone makes
# PySide6 build the `Qt` namespace's 94 enum types, which the bare window never touches
# and no window flag can be set without (docs/STACK-NOTES.md). A second anchor, so the
# figures say what that costs apart from the app's own work.
BARE_FRAMELESS = _bare(
    "from PySide6.QtCore import Qt\nwindow.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)\n"
)
# Office configurations of the app probes (installers/office.example.toml, adapted).
MODES = {"app": "kiosk", "counter": "counter"}
PROBES = {"app": APP, "counter": APP, "bare": BARE, "bare_frameless": BARE_FRAMELESS}

FORM = (
    """<!doctype html><html lang="el"><meta charset="utf-8"><title>Αίτηση</title>
<body style="font:19px sans-serif;margin:0"><header style="background:#003375;color:#fff;padding:16px">
Περιφέρεια</header><main style="padding:24px"><h1>Βρείτε τη διαδικασία σας</h1><form>"""
    + "".join(
        f'<label>Πεδίο {n}<br><input name="f{n}" style="font-size:19px"></label><br>'
        for n in range(12)
    )
    + "<button>Συνέχεια</button></form></main></body></html>"
)
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1280,800",
]


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@dataclass
class Running:
    process: subprocess.Popen[str]
    ready_ms: float  # the first screen painted and the event loop turning
    loaded_ms: float  # the app behind it loaded too (= ready_ms for the bare window)


# A deployed bundle ships compiled bytecode; a dev shell may forbid writing it
# (PYTHONDONTWRITEBYTECODE). Probes keep theirs outside the tree, warmed by a first start.
PYCACHE = Path(tempfile.gettempdir()) / "periferia-bench-pycache"


def _env(data: Path) -> dict[str, str]:
    # Fresh data/config/log folders: the probe must never open a real device's store.
    inherited = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env = {
        **inherited,
        "PYTHONPYCACHEPREFIX": str(PYCACHE),
        "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
        "KIOSK_DATA_DIR": str(data / "data"),
        "KIOSK_CONFIG_DIR": str(data / "config"),
        "KIOSK_LOG_DIR": str(data / "log"),
        "PYTHON_KEYRING_BACKEND": "device_keyring.DeviceKeyring",
        "PYTHONPATH": os.pathsep.join([str(data), *filter(None, [inherited.get("PYTHONPATH")])]),
    }
    if data in _secret_services:  # the device's own Secret Service, not the file keyring
        env = secret_service.without_session(env) | _secret_services[data]
    return env


def enrolled_device(folder: Path, mode: str) -> None:
    """An office configuration in `mode` and an enrolled device's keyring (its token)."""
    config = folder / "config" / "office.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(office_config(mode), "utf-8")
    (folder / "device_keyring.py").write_text(DEVICE_KEYRING, "utf-8")
    secrets = folder / "keyring.json"
    kept = json.loads(secrets.read_text()) if secrets.exists() else {}
    secrets.write_text(json.dumps({**kept, "periferia-kiosk/device-token": DEVICE_TOKEN}))


def office_config(mode: str) -> str:
    """The template's configuration in `mode`, its platform on a closed local port."""
    values = {"mode": f'"{mode}"', "server_url": '"http://127.0.0.1:9"'}
    lines = (ROOT / "installers" / "office.example.toml").read_text("utf-8").splitlines()
    for key, value in values.items():
        lines = [f"{key} = {value}" if line.startswith(f"{key} =") else line for line in lines]
    return "\n".join(lines) + "\n"


@contextmanager
def _folder(data: Path | None) -> Iterator[Path]:
    if data is not None:
        yield data
        return
    with tempfile.TemporaryDirectory(prefix="bench-probe-") as name:
        yield Path(name)


@contextmanager
def spawn(probe: str, hold: bool, data: Path | None = None) -> Iterator[Running]:
    """Start a probe; yields once it printed READY (time from spawn in ms). `data` holds
    its data/config/log folders (a fresh temporary one when None): pass the same one to
    start a device that has run before."""
    with _folder(data) as folder:
        if probe in MODES:
            enrolled_device(folder, MODES[probe])
        start = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-c", PROBES[probe], "hold" if hold else "once"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            env=_env(folder),
            start_new_session=True,
        )
        try:
            assert process.stdout is not None
            line = process.stdout.readline()
            ready_ms = (time.perf_counter() - start) * 1000
            if not line.startswith(("READY", "first screen up")):
                _fail(process, f"{probe} probe never reached its first paint")
            loaded_ms = ready_ms
            if probe in MODES:  # the app: also until the flow or console has taken over
                if not process.stdout.readline().startswith("loaded"):
                    _fail(process, f"{probe} probe never finished loading")
                loaded_ms = (time.perf_counter() - start) * 1000
            yield Running(process, ready_ms, loaded_ms)
        finally:
            stop(process)


def _fail(process: subprocess.Popen[str], what: str) -> None:
    process.kill()
    _, err = process.communicate(timeout=30)
    raise RuntimeError(f"{what}: {err[-400:]}")


class Timed(NamedTuple):
    ready_ms: float  # spawn -> first screen up
    exit_ms: float  # spawn -> process exited
    loaded_ms: float  # spawn -> everything loaded (the bare window: = ready_ms)


_devices: dict[str, Path] = {}  # the data folders of this session's simulated devices
_secret_services: dict[Path, dict[str, str]] = {}  # their Secret Services' environments


_FILE_KEYRING = "a file-backed keyring class (dbus-daemon or gnome-keyring-daemon not installed)"
_keyring_used = [_FILE_KEYRING]


def device_keyring() -> str:
    """The keyring the devices of `warm_device` keep their secrets in, for the notes."""
    return _keyring_used[0]


def _give_secret_service(folder: Path) -> None:
    """The device's own Secret Service where this machine has one to give; else (or if it
    does not start) the file keyring `enrolled_device` writes, said in the notes."""
    if not secret_service.available():
        return
    try:
        env = secret_service.start(folder)
        secret_service.store_token(env, DEVICE_TOKEN, ROOT)
    except (OSError, RuntimeError, ValueError, subprocess.SubprocessError) as error:
        print(
            f"[bench] no Secret Service for the devices ({error}): a file keyring", file=sys.stderr
        )
        _keyring_used[0] = (
            f"a file-backed keyring class (the Secret Service did not start: {error})"
        )
        return
    _secret_services[folder] = env
    _keyring_used[0] = (
        "their own Secret Service (a D-Bus session bus and an unlocked "
        "gnome-keyring-daemon per device, as an office PC's desktop session has)"
    )


def warm_device(probe: str) -> Path:
    """The data folder of a device that has run before: a kiosk and a counter are two
    devices, each keeping its own store and note of its validated configuration (a
    device does not switch modes between starts). Its first start ever (the store
    created, its migrations run) happens here, untimed and unmeasured, once per run."""
    if probe not in _devices:
        _devices[probe] = Path(tempfile.mkdtemp(prefix=f"bench-{probe}-"))
        atexit.register(shutil.rmtree, _devices[probe], True)
        _give_secret_service(_devices[probe])  # stopped at exit, before the folder goes
        time_to_exit_ms("bare")
        time_to_exit_ms(probe, _devices[probe])
    return _devices[probe]


def time_to_exit_ms(probe: str, data: Path | None = None) -> Timed:
    """One start, timed from outside."""
    start = time.perf_counter()
    with spawn(probe, hold=False, data=data) as running:
        running.process.wait(timeout=60)
    return Timed(running.ready_ms, (time.perf_counter() - start) * 1000, running.loaded_ms)


def stop(process: subprocess.Popen[str]) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    # Chromium helpers may outlive their parent for a moment; the session id finds them.
    for pid in session_pids(process.pid):
        with suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    for stream in (process.stdout, process.stderr):
        if stream is not None:
            stream.close()


def chromium_command(binary: str, folder: Path, *extra: str) -> list[str]:
    form = folder / "form.html"
    form.write_text(FORM, encoding="utf-8")
    return [
        binary,
        *CHROMIUM_FLAGS,
        f"--user-data-dir={folder / 'profile'}",
        *extra,
        form.as_uri(),
    ]


def chromium_start_ms(binary: str) -> float:
    """Spawn -> exit of headless Chromium taking a screenshot of the form (fresh profile)."""
    with tempfile.TemporaryDirectory(prefix="bench-chromium-") as name:
        folder = Path(name)
        command = chromium_command(binary, folder, f"--screenshot={folder / 'shot.png'}")
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, timeout=120, check=False)
        elapsed = (time.perf_counter() - start) * 1000
        if not (folder / "shot.png").exists():
            raise RuntimeError("Chromium exited without taking its screenshot")
        return elapsed


def session_pids(session: int) -> list[int]:
    """Every live process whose session id is `session` (the probe and its children)."""
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # Fields after the parenthesised command: state ppid pgrp session ...
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[3]) == session:
            pids.append(int(entry.name))
    return pids


def memory_kib(pids: list[int]) -> tuple[int, int]:
    """(RSS, PSS) in KiB summed over `pids`, from /proc/<pid>/smaps_rollup."""
    rss = pss = 0
    for pid in pids:
        try:
            rows = Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()
        except OSError:
            continue  # exited meanwhile
        for row in rows:
            key, _, value = row.partition(":")
            if key == "Rss":
                rss += int(value.split()[0])
            elif key == "Pss":
                pss += int(value.split()[0])
    return rss, pss
