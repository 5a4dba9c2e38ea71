"""Memory at idle, read from outside: RSS and PSS (from /proc/<pid>/smaps_rollup) of
the app on its home screen, everything loaded, vs. a bare PySide6 window vs. headless Chromium showing a
comparable local form (its whole process tree, PSS summed). PSS charges shared pages
once across the tree, so it is the fair figure for multi-process Chromium."""

from __future__ import annotations

import subprocess
import tempfile
import time
from pathlib import Path

from benchmarks.probes import (
    MODES,
    chromium,
    chromium_command,
    device_keyring,
    memory_kib,
    session_pids,
    spawn,
    stop,
    warm_device,
)

MIB = 1024


def _probe_mib(probe: str, idle_s: float) -> tuple[float, float]:
    # The app as a device runs it every day: on a data folder it has run on before (a
    # first start ever also creates the store and runs its migrations).
    data = warm_device(probe) if probe in MODES else None
    with spawn(probe, hold=True, data=data) as running:
        time.sleep(idle_s)
        rss, pss = memory_kib(session_pids(running.process.pid))
    return rss / MIB, pss / MIB


def _chromium_mib(binary: str, idle_s: float) -> tuple[float, float, float]:
    """(RSS summed, PSS summed, processes) of a headless Chromium idling on the form."""
    with tempfile.TemporaryDirectory(prefix="bench-chromium-") as name:
        # A DevTools port keeps headless Chromium running after the page has loaded.
        command = chromium_command(binary, Path(name), "--remote-debugging-port=0")
        process = subprocess.Popen(
            command,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            text=True,
            start_new_session=True,
        )
        try:
            time.sleep(idle_s + 2)  # no READY marker: give it time to load and paint
            pids = session_pids(process.pid)
            rss, pss = memory_kib(pids)
        finally:
            stop(process)
    return rss / MIB, pss / MIB, float(len(pids))


def measure(smoke: bool) -> dict[str, float]:
    idle_s = 0.3 if smoke else 2.0
    bare_rss, bare_pss = _probe_mib("bare", idle_s)
    _, frameless_pss = _probe_mib("bare_frameless", idle_s)  # PSS: the fair figure
    app_rss, app_pss = _probe_mib("app", idle_s)
    figures = {
        "app_rss_mib": app_rss,
        "app_pss_mib": app_pss,
        "bare_rss_mib": bare_rss,
        "bare_pss_mib": bare_pss,
        "app_vs_bare_pss_ratio": app_pss / bare_pss,
        # the kiosk's window is frameless: against a bare window that is too
        "frameless_bare_pss_mib": frameless_pss,
        "app_vs_frameless_bare_pss_ratio": app_pss / frameless_pss,
    }
    binary = chromium()
    if binary is not None and not smoke:
        rss, pss, processes = _chromium_mib(binary, idle_s)
        figures |= {
            "chromium_rss_sum_mib": rss,
            "chromium_pss_sum_mib": pss,
            "chromium_processes": processes,
            "chromium_vs_app_pss_ratio": pss / app_pss,
        }
    return figures


def notes(smoke: bool) -> list[str]:
    found = [
        "app: the real `kiosk run` of an enrolled kiosk that has run before (its data folder "
        "kept from one untimed first start, as for startup; its secrets in "
        f"{device_keyring()}); idle = 2 s (0.3 s in smoke mode) on "
        "its home screen once everything behind it has loaded (stores, catalog, search index, "
        "network lane); Qt offscreen platform. Bare window and frameless bare window: as for "
        "startup, idle as long."
    ]
    if chromium() is None:
        found.append("Chromium not installed: its memory figures are skipped.")
    elif smoke:
        found.append("Chromium skipped in smoke mode.")
    else:
        found.append(
            "Chromium: headless (no display here; --kiosk needs one), fresh profile, the form loaded, "
            "RSS and PSS summed over its whole process tree (RSS double-counts shared pages)."
        )
    return found
