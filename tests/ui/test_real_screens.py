"""The kiosk and the counter as real windows on real screens: every screen of both
modes, with and without the on-screen keyboard, at a laptop's 1280×800, a full HD
1920×1080 and a portrait 1080×1920 kiosk, shown by the X server as the app shows them.

The suite itself runs offscreen, where a window is whatever size a test gives it and
nothing is ever off a screen's edge. So each size gets its own virtual X server (Xvfb,
its display number chosen by the server: no clash with anyone else's) and its own
process running tests/ui/real_display/walk_screens.py on the xcb platform. The
screenshots of every screen go to `KIOSK_REAL_SHOTS` when set (for people to look at;
docs/screenshots has a few of them), otherwise to the test's temporary folder. The
1280×800 walk runs a second time under a window manager (openbox), as a counter's
laptop shows it: frames, maximising and focus go through the manager there."""

from __future__ import annotations

import os
import subprocess
import sys
from contextlib import ExitStack
from pathlib import Path

import pytest

from tests.ui.real_display.xserver import window_manager, x_display

ROOT = Path(__file__).resolve().parents[2]
WALK = ROOT / "tests" / "ui" / "real_display" / "walk_screens.py"
SIZES = [(1280, 800), (1920, 1080), (1080, 1920)]
# Kiosks often run without a window manager (the three walks above); a counter's laptop
# has one: the 1280×800 walk again under openbox, its screenshots in a folder of their own.
WITH_MANAGER = (1280, 800)


def _walk(display: str, shots: Path, log: Path) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "DISPLAY": display,
        "KIOSK_TESTS_REAL_DISPLAY": "1",
        "KIOSK_REAL_SHOTS": str(shots),
        "PYTHONPATH": str(ROOT),
    }
    env.pop("WAYLAND_DISPLAY", None)
    with log.open("wb") as out:  # the child keeps its own copy of the descriptor
        return subprocess.Popen(
            [sys.executable, "-m", "pytest", str(WALK), "-q", "-p", "no:cacheprovider"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )


@pytest.mark.timeout(240)
def test_every_screen_of_both_modes_fits_a_real_screen_at_three_sizes(tmp_path: Path) -> None:
    """The walks run at once, each in its own process on its own display: they mostly
    wait for the X server, so together they take little more than one."""
    shots = Path(os.environ.get("KIOSK_REAL_SHOTS") or tmp_path / "screens")
    with ExitStack() as stack:
        walks = {}
        for width, height in SIZES:
            display = stack.enter_context(x_display(width, height))
            log = tmp_path / f"{width}x{height}.log"
            walks[f"{width}x{height}"] = (_walk(display, shots, log), log)
        display = stack.enter_context(x_display(*WITH_MANAGER))
        stack.enter_context(window_manager(display, tmp_path))
        log = tmp_path / "window-manager.log"
        walks["window manager"] = (_walk(display, shots / "window-manager", log), log)
        failed = []
        for name, (walk, log) in walks.items():
            try:
                code = walk.wait(timeout=200)
            except subprocess.TimeoutExpired:
                walk.kill()
                code = walk.wait()
            if code != 0:
                failed.append(f"--- {name} ---\n{log.read_text(errors='replace')[-8000:]}")
    assert not failed, f"screenshots in {shots}\n" + "\n".join(failed)
    for width, height in SIZES:  # every screen of both modes was seen at every size
        assert len(list(shots.glob(f"{width}x{height}-*.png"))) > 40, (width, height)
    assert len(list((shots / "window-manager").glob("*.png"))) > 40
