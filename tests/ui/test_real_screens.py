"""The kiosk and the counter as real windows on real screens: every screen of both
modes, with and without the on-screen keyboard, at a laptop's 1280×800, a full HD
1920×1080 and a portrait 1080×1920 kiosk, shown by the X server as the app shows them.

The suite itself runs offscreen, where a window is whatever size a test gives it and
nothing is ever off a screen's edge. So each size gets its own virtual X server (Xvfb,
its display number chosen by the server: no clash with anyone else's) and its own
process running tests/ui/real_display/walk_screens.py on the xcb platform. The
screenshots of every screen go to `KIOSK_REAL_SHOTS` when set (for people to look at;
docs/screenshots has a few of them), otherwise to the test's temporary folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.ui.real_display.xserver import x_display

ROOT = Path(__file__).resolve().parents[2]
WALK = ROOT / "tests" / "ui" / "real_display" / "walk_screens.py"
SIZES = [(1280, 800), (1920, 1080), (1080, 1920)]


@pytest.mark.timeout(180)
@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_every_screen_of_both_modes_fits_a_real_screen(
    size: tuple[int, int], tmp_path: Path
) -> None:
    shots = Path(os.environ.get("KIOSK_REAL_SHOTS") or tmp_path / "screens")
    with x_display(*size) as display:
        env = {
            **os.environ,
            "DISPLAY": display,
            "KIOSK_TESTS_REAL_DISPLAY": "1",
            "KIOSK_REAL_SHOTS": str(shots),
            "PYTHONPATH": str(ROOT),
        }
        env.pop("WAYLAND_DISPLAY", None)
        run = subprocess.run(
            [sys.executable, "-m", "pytest", str(WALK), "-q"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=170,
            check=False,
        )
    assert run.returncode == 0, (
        f"screenshots in {shots}\n{run.stdout[-12000:]}\n{run.stderr[-3000:]}"
    )
    assert len(list(shots.glob(f"{size[0]}x{size[1]}-*.png"))) > 40  # every screen was seen
