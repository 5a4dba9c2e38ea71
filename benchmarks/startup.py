"""Cold start to the interactive home screen, whole processes timed from outside: the
app vs. a bare PySide6 window (QMainWindow + QLabel) in the same run, and vs. headless
Chromium loading a comparable local form when Chromium is installed.

"Cold" means a fresh process each time (interpreter, Qt, imports, store, catalog);
the OS page cache stays warm, as it is on a counter PC that has run the app before."""

from __future__ import annotations

from benchmarks.probes import chromium, chromium_start_ms, time_to_exit_ms

_warm = False


def measure(smoke: bool) -> dict[str, float]:
    global _warm
    if not _warm:  # the first start of a session writes bytecode: not a figure
        time_to_exit_ms("bare")
        time_to_exit_ms("app")
        _warm = True
    # One start of each per call, interleaved, so the runner's N runs see the same load.
    bare_ready, bare_exit = time_to_exit_ms("bare")
    app_ready, app_exit = time_to_exit_ms("app")
    figures = {
        "app_start_ms": app_ready,
        "bare_window_start_ms": bare_ready,
        "start_vs_bare_ratio": app_ready / bare_ready,
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
        "app: the `kiosk run` path in counter mode (ui.app.create_application has not landed): "
        "store opened, catalog loaded, search index built, home screen painted; "
        "Qt offscreen platform; time = spawn -> READY printed one event-loop turn after first paint; "
        "fresh process each run, bytecode compiled and OS page cache warm (one untimed start first).",
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
