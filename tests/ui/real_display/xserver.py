"""A virtual X server of a given size for the tests that need a real display
(tests/ui/test_real_screens.py, tests/ui/test_screen_reader.py)."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


@contextmanager
def window_manager(display: str, folder: Path) -> Iterator[None]:
    """openbox on `display`, as on a desktop: windows get frames, maximising goes
    through it. Yields once it runs (it starts its --startup command then)."""
    if shutil.which("openbox") is None:
        pytest.skip("openbox is not installed (Debian: openbox)")
    ready = folder / f"openbox-ready{display.replace(':', '-')}"
    manager = subprocess.Popen(
        ["openbox", "--startup", f"touch {ready}"],
        env={**os.environ, "DISPLAY": display},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(200):  # it starts in well under a second; give it 20
            if ready.exists() or manager.poll() is not None:
                break
            time.sleep(0.1)
        assert ready.exists(), "openbox did not start"
        yield
    finally:
        manager.terminate()
        manager.wait(timeout=10)


@contextmanager
def x_display(width: int, height: int) -> Iterator[str]:
    """A virtual X server of that size; yields its DISPLAY."""
    if shutil.which("Xvfb") is None:
        pytest.skip("Xvfb is not installed (Debian: xvfb)")
    read, write = os.pipe()
    server = subprocess.Popen(
        [
            "Xvfb",
            "-displayfd",
            str(write),
            "-screen",
            "0",
            f"{width}x{height}x24",
            "-nolisten",
            "tcp",
        ],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    try:
        with os.fdopen(read) as announced:
            number = announced.readline().strip()
        assert number, "Xvfb did not start"
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=10)
