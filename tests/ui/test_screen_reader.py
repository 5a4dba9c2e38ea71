"""What a screen reader gets: the citizen's screens read over AT-SPI, as Orca reads them
(Debian's at-spi2-core and python3-pyatspi, STACK-NOTES «AT-SPI»).

A session bus of its own (`dbus-run-session`), the accessibility bus launched in it,
a virtual X display, the app on the xcb platform with Qt's accessibility switched on;
at each screen the system python3 reads the tree (tests/ui/real_display/read_tree.py):
every control has a role and a name, the header's switches say they can be on or
off, and on a refused step the focused field carries its error as its description; the
same for a clerk's sign-in, day and receipt."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.ui.real_display.xserver import x_display

ROOT = Path(__file__).resolve().parents[2]
READ = ROOT / "tests" / "ui" / "real_display" / "read_screens.py"
BUS_LAUNCHER = Path("/usr/libexec/at-spi-bus-launcher")
SESSION = """
"$LAUNCHER" --launch-immediately &
launcher=$!
# Qt looks for the accessibility bus when it starts: wait until the launcher owns its name.
for _ in $(seq 100); do
  dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.NameHasOwner string:org.a11y.Bus 2>/dev/null | grep -q true && break
  sleep 0.05
done
"$PYTHON" -m pytest "$READ" -q -p no:cacheprovider
status=$?
kill "$launcher" 2>/dev/null
exit $status
"""


@pytest.mark.timeout(120)
def test_the_citizens_screens_read_on_the_accessibility_bus(tmp_path: Path) -> None:
    if shutil.which("dbus-run-session") is None or not BUS_LAUNCHER.exists():
        pytest.skip("the accessibility bus is not installed (Debian: dbus, at-spi2-core)")
    if (
        not Path("/usr/bin/python3").exists()
        or subprocess.run(
            ["/usr/bin/python3", "-c", "import pyatspi"], capture_output=True, check=False
        ).returncode
    ):
        pytest.skip("pyatspi is not installed for the system python3 (Debian: python3-pyatspi)")
    out = tmp_path / "tree.json"
    with x_display(1280, 800) as display:
        env = {
            **os.environ,
            "DISPLAY": display,
            "KIOSK_TESTS_REAL_DISPLAY": "1",
            "QT_LINUX_ACCESSIBILITY_ALWAYS_ON": "1",
            "KIOSK_ATSPI_OUT": str(out),
            "PYTHONPATH": str(ROOT),
            "LAUNCHER": str(BUS_LAUNCHER),
            "PYTHON": sys.executable,
            "READ": str(READ),
        }
        env.pop("DBUS_SESSION_BUS_ADDRESS", None)  # never the developer's own session
        env.pop("AT_SPI_BUS_ADDRESS", None)
        run = subprocess.run(
            ["dbus-run-session", "--", "bash", "-c", SESSION],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=110,
            check=False,
        )
    assert run.returncode == 0, f"{run.stdout[-8000:]}\n{run.stderr[-2000:]}"
    read = json.loads(out.read_text(encoding="utf-8"))
    refused = read["step-applicant-refused"]
    focused = next(node for node in refused if "focused" in node["states"])
    assert (focused["role"], focused["name"]) == ("text", "ΑΦΜ")
    assert focused["description"] == "Συμπληρώστε αυτό το πεδίο."
    home = {node["name"]: node for node in read["home"]}
    assert home["Βρείτε τη διαδικασία σας"]["role"] == "push button"
    assert "checkable" in home["Υψηλή αντίθεση"]["states"]
    clerk = json.loads(Path(f"{out}.counter").read_text(encoding="utf-8"))
    refused = next(n for n in clerk["sign-in-refused"] if "focused" in n["states"])
    assert refused["role"] == "password text" and refused["description"]  # why it was refused
    assert any(n["name"] == "Αποθήκευση ως PDF" for n in clerk["receipt"])
