"""Shared test harness.

- Qt runs offscreen: set before any QApplication exists (STACK-NOTES: without a display
  and without QT_QPA_PLATFORM the process aborts).
- Every test gets its own data, config and log directories and an in-memory keyring,
  so no test sees another's state or the developer's real keyring.
- `serve_asgi` runs a real ASGI app on 127.0.0.1 on a free port.
- Under the gate (scripts/test.sh sets KIOSK_TESTS_NO_SKIP=1) a skipped test fails: a
  test that cannot run where the bootstrap ran is a hole in the gate, not a pass.

Warnings fail tests (pyproject.toml: filterwarnings, qt_log_level_fail): docs/testing.md.
"""

from __future__ import annotations

import os

# ... except in the real-display test's own processes (tests/ui/test_real_screens.py),
# which run a few walks on a virtual X display of their own, as real windows.
os.environ["QT_QPA_PLATFORM"] = "xcb" if os.environ.get("KIOSK_TESTS_REAL_DISPLAY") else "offscreen"
# The platform plugins' debug chatter (fonts, screens of the offscreen platform) says
# nothing about our code; every other Qt warning fails the test that caused it.
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import keyring
import pytest

from sync.serving import RunningServer, serve_in_thread
from tests.support.memory_keyring import MemoryKeyring

NO_SKIP_ENV = "KIOSK_TESTS_NO_SKIP"


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    dirs = {name: tmp_path / name for name in ("data", "config", "log")}
    for path in dirs.values():
        path.mkdir()
    monkeypatch.setenv("KIOSK_DATA_DIR", str(dirs["data"]))
    monkeypatch.setenv("KIOSK_CONFIG_DIR", str(dirs["config"]))
    monkeypatch.setenv("KIOSK_LOG_DIR", str(dirs["log"]))
    return dirs


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def serve_asgi() -> Callable[[Any], AbstractContextManager[RunningServer]]:
    """Call with an ASGI app inside a `with` block: yields the running server."""
    return serve_in_thread


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Collect Qt wrappers while the QApplication still exists: left to the interpreter's
    final collection, PySide6 objects from earlier tests can be torn down after Qt and
    abort the process after every test has passed."""
    import gc

    gc.collect()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    report = yield
    if report.skipped and os.environ.get(NO_SKIP_ENV) and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = (
            f"skipped under the gate ({NO_SKIP_ENV}=1): {reason}. "
            "Make scripts/bootstrap.sh install what this test needs."
        )
    return report
