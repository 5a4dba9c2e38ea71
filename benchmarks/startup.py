"""Cold start to the interactive home screen and memory at idle, whole processes timed
from outside: the app vs. a bare PySide6 window in the same run, and vs. headless
Chromium loading a comparable local form when Chromium is installed."""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

APP = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])
from kiosk.catalog.loader import load_catalog, sample_catalog_dir
from ui.backend import MemoryBackend
from ui.flow import ProcedureFlow
from ui.main_window import MainWindow
window = MainWindow()
flow = ProcedureFlow(window, load_catalog(sample_catalog_dir()), region_code="2", backend=MemoryBackend())
flow.show_home()
window.show()
"""
BARE = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication([])
window = QMainWindow()
window.setCentralWidget(QLabel("Καλώς ήρθατε"))
window.show()
"""
# After the first paint: report RSS (kB) then quit, or idle a moment for PSS.
TAIL = """
def done():
    rss = [l for l in open("/proc/self/status") if l.startswith("VmRSS")][0].split()[1]
    print("READY", rss, flush=True)
    if len(sys.argv) > 1:
        QTimer.singleShot(int(sys.argv[1]), app.quit)
    else:
        app.quit()
QTimer.singleShot(0, done)
app.exec()
"""
FORM = (
    """<!doctype html><html lang="el"><meta charset="utf-8"><title>Αίτηση</title>
<body style="font:19px sans-serif"><header style="background:#003375;color:#fff;padding:16px">Περιφέρεια</header>
<h1>Τα στοιχεία σας</h1><form>"""
    + "".join(f'<label>Πεδίο {n}<input name="f{n}"></label><br>' for n in range(12))
    + "<button>Συνέχεια</button></form></body></html>"
)


def _run(script: str) -> tuple[float, float]:
    start = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", script + TAIL],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=_root(),
    )
    elapsed = (time.perf_counter() - start) * 1000
    line = next((row for row in out.stdout.splitlines() if row.startswith("READY")), None)
    if line is None:
        raise RuntimeError(f"start-up probe failed: {out.stderr[-300:]}")
    return elapsed, int(line.split()[1]) / 1024


def _root() -> Path:
    return Path(__file__).resolve().parent.parent


def _chromium_ms() -> float | None:
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    if binary is None:
        return None
    with tempfile.TemporaryDirectory() as folder:
        form = Path(folder) / "form.html"
        form.write_text(FORM, encoding="utf-8")
        start = time.perf_counter()
        subprocess.run(
            [binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={folder}/profile", f"--screenshot={folder}/shot.png", "--window-size=1280,800",
             form.as_uri()],
            capture_output=True, timeout=60, env={**os.environ},
        )  # fmt: skip
        return (time.perf_counter() - start) * 1000


def measure(smoke: bool) -> dict[str, float]:
    runs = 1 if smoke else 5
    app = [_run(APP) for _ in range(runs)]
    bare = [_run(BARE) for _ in range(runs)]
    app_ms, bare_ms = statistics.median(t for t, _ in app), statistics.median(t for t, _ in bare)
    figures = {
        "app_start_ms": app_ms,
        "bare_window_start_ms": bare_ms,
        "start_vs_bare_ratio": app_ms / bare_ms,
        "app_rss_mib": statistics.median(m for _, m in app),
        "bare_rss_mib": statistics.median(m for _, m in bare),
    }
    if not smoke:
        chromium = _chromium_ms()
        if chromium is not None:
            figures["chromium_form_ms"] = chromium
    return figures
