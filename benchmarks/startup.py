"""Cold start to the interactive first screen, whole processes timed from outside: the
real `kiosk run` (kiosk mode: the home screen; counter mode: the clerk's sign-in) vs. a
bare PySide6 window (QMainWindow + QLabel) in the same run, and vs. headless Chromium
loading a comparable local form when Chromium is installed.

"Cold" means a fresh process each time (interpreter, Qt, imports, store, catalog);
the OS page cache stays warm and the data folder exists, as on a counter PC that has run
the app before (one untimed start first writes the bytecode and the device's store)."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

from benchmarks.probes import chromium, chromium_start_ms, time_to_exit_ms

_device: Path | None = None  # the data folder of this session's simulated device


def _warm_device() -> Path:
    global _device
    if _device is None:
        _device = Path(tempfile.mkdtemp(prefix="bench-device-"))
        atexit.register(shutil.rmtree, _device, True)
        time_to_exit_ms("bare")
        time_to_exit_ms("app", _device)  # first start ever: store created, not a figure
        time_to_exit_ms("counter", _device)
    return _device


def measure(smoke: bool) -> dict[str, float]:
    device = _warm_device()
    # One start of each per call, interleaved, so the runner's N runs see the same load.
    bare_ready, bare_exit = time_to_exit_ms("bare")
    app_ready, app_exit = time_to_exit_ms("app", device)
    counter_ready, _ = time_to_exit_ms("counter", device)
    figures = {
        "app_start_ms": app_ready,
        "bare_window_start_ms": bare_ready,
        "start_vs_bare_ratio": app_ready / bare_ready,
        "counter_start_ms": counter_ready,
        "counter_vs_bare_ratio": counter_ready / bare_ready,
        "app_start_to_exit_ms": app_exit,
        "bare_start_to_exit_ms": bare_exit,
    }
    binary = chromium()
    if binary is not None and not smoke:
        chromium_ms = chromium_start_ms(binary)
        figures["chromium_form_to_exit_ms"] = chromium_ms
        figures["chromium_vs_app_exit_ratio"] = chromium_ms / app_exit
    return figures


def notes(smoke: bool) -> list[str]:
    found = [
        "app: the real `kiosk run` (ui.cli.main) of an enrolled device in kiosk mode, to the "
        "citizen's home screen (counter: the same in counter mode, to the clerk's sign-in); "
        "a file-backed keyring (store key, device token) kept with the data folder, platform on "
        "a closed local port; "
        "Qt offscreen platform; time = spawn -> READY printed one event-loop turn after the "
        "first paint; fresh process each run, bytecode compiled, OS page cache warm and the "
        "device's data folder kept between runs (one untimed first start).",
    ]
    if chromium() is None:
        found.append("Chromium not installed: its start-up figure is skipped.")
    elif smoke:
        found.append("Chromium skipped in smoke mode.")
    else:
        found.append(
            "Chromium: headless, fresh profile, screenshot of a 12-field local form, timed "
            "spawn -> exit (compare with app_start_to_exit_ms)."
        )
    return found
