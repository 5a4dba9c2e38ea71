"""Cold start to the interactive first screen, whole processes timed from outside: the
real `kiosk run` (kiosk mode: the home screen; counter mode: the clerk's sign-in) vs. a
bare PySide6 window (QMainWindow + QLabel) in the same run, and vs. headless Chromium
loading a comparable local form when Chromium is installed.

"Cold" means a fresh process each time (interpreter, Qt, imports, store, catalog);
the OS page cache stays warm and the data folder exists, as on a counter PC that has run
the app before (one untimed start first writes the bytecode and the device's store)."""

from __future__ import annotations

from benchmarks.probes import (
    chromium,
    chromium_start_ms,
    device_keyring,
    time_to_exit_ms,
    warm_device,
)


def measure(smoke: bool) -> dict[str, float]:
    kiosk_device, counter_device = warm_device("app"), warm_device("counter")
    # One start of each per call, interleaved, so the runner's N runs see the same load.
    bare = time_to_exit_ms("bare")
    frameless = time_to_exit_ms("bare_frameless")
    app = time_to_exit_ms("app", kiosk_device)
    counter = time_to_exit_ms("counter", counter_device)
    figures = {
        "app_start_ms": app.ready_ms,
        "bare_window_start_ms": bare.ready_ms,
        "start_vs_bare_ratio": app.ready_ms / bare.ready_ms,
        "app_loaded_ms": app.loaded_ms,
        "loaded_vs_bare_ratio": app.loaded_ms / bare.ready_ms,
        # The kiosk's window is frameless: the same figures against a bare window that is too.
        "frameless_bare_start_ms": frameless.ready_ms,
        "frameless_vs_bare_ratio": frameless.ready_ms / bare.ready_ms,
        "start_vs_frameless_bare_ratio": app.ready_ms / frameless.ready_ms,
        "loaded_vs_frameless_bare_ratio": app.loaded_ms / frameless.ready_ms,
        "counter_start_ms": counter.ready_ms,
        "counter_vs_bare_ratio": counter.ready_ms / bare.ready_ms,
        "counter_loaded_ms": counter.loaded_ms,
        "app_start_to_exit_ms": app.exit_ms,
        "bare_start_to_exit_ms": bare.exit_ms,
    }
    binary = chromium()
    if binary is not None and not smoke:
        chromium_ms = chromium_start_ms(binary)
        figures["chromium_form_to_exit_ms"] = chromium_ms
        figures["chromium_vs_app_exit_ratio"] = chromium_ms / app.exit_ms
        figures["loaded_vs_chromium_ratio"] = app.loaded_ms / chromium_ms
    return figures


def notes(smoke: bool) -> list[str]:
    found = [
        "app: the real `kiosk run --report-start --exit-when-loaded` (ui.cli.main) of an "
        "enrolled device in kiosk mode, to the citizen's home screen (counter: another device, "
        "in counter mode, to the clerk's sign-in); its store key and device token in "
        f"{device_keyring()}; platform on a closed local port; Qt offscreen "
        "platform; start = spawn -> the app says its first screen is up, one event-loop turn "
        "after the first paint (it answers input from then on; what a tap asks for is done once "
        "loading ends); loaded = spawn -> the configuration, stores, catalog and network lane "
        "are loaded behind it and the flow or console has taken the screen over; fresh process "
        "each run, bytecode compiled, OS page cache warm and each device's data folder kept "
        "between runs (one untimed first start).",
        "bare window: a QMainWindow with one label, 1280x800, to its first paint; frameless "
        "bare window: the same made frameless before it has children, as the kiosk's window "
        "is (the flag alone makes PySide6 build the Qt namespace's 94 enum types, which no "
        "window flag can be set without).",
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
