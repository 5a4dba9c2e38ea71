"""/usr/bin/kiosk (installers/linux/kiosk-wrapper.sh) run against a fake install: a
packaged "build" whose `update start` is the real one (this tree's `kiosk update
start`), and fake versions whose `--self-test` passes or fails. The wrapper starts a
pending version that passes, keeps the packaged build when it fails, and hands every
other command to the packaged build."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.updates.installs import Installs, UpdateState

WRAPPER = Path(__file__).resolve().parents[2] / "installers" / "linux" / "kiosk-wrapper.sh"
ROOT = Path(__file__).resolve().parents[2]


def _script(path: Path, body: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\n" + body)
    path.chmod(0o755)


@pytest.fixture
def device(tmp_path: Path) -> tuple[Path, Path]:
    """(packaged build folder, install root)."""
    packaged, root = tmp_path / "opt", tmp_path / "installs"
    _script(
        packaged / "kiosk",
        f'if [ "$1" = update ] && [ "$2" = start ]; then\n'
        f'  exec "{sys.executable}" -c "from ui.cli import main; main()" update start\n'
        f"fi\n"
        f'echo "packaged $*"\n',
    )
    return packaged, root


def _version(root: Path, version: str, self_test_passes: bool) -> None:
    _script(
        root / "versions" / version / "kiosk",
        f'if [ "$1" = --self-test ]; then exit {0 if self_test_passes else 1}; fi\n'
        f'echo "{version} $*"\n',
    )
    installs = Installs(root)
    installs.write(UpdateState(pending=version))


def _kiosk(device: tuple[Path, Path], *args: str) -> subprocess.CompletedProcess[str]:
    packaged, root = device
    env = {
        **os.environ,
        "KIOSK_PACKAGED_DIR": str(packaged),
        "KIOSK_INSTALL_ROOT": str(root),
        "PYTHONPATH": str(ROOT),
    }
    return subprocess.run(
        ["sh", str(WRAPPER), *args], capture_output=True, text=True, env=env, timeout=60
    )


def test_a_pending_version_that_passes_its_self_test_is_the_one_that_runs(
    device: tuple[Path, Path],
) -> None:
    _version(device[1], "1.2.0", self_test_passes=True)
    assert _kiosk(device, "run").stdout.strip() == "1.2.0 run"
    state = Installs(device[1]).read()
    assert state.current == "1.2.0" and state.pending is None
    assert _kiosk(device).stdout.strip() == "1.2.0"  # and on every start after


def test_a_pending_version_that_fails_its_self_test_leaves_the_packaged_build_running(
    device: tuple[Path, Path],
) -> None:
    _version(device[1], "1.3.0", self_test_passes=False)
    started = _kiosk(device, "run")
    assert started.stdout.strip() == "packaged run"
    state = Installs(device[1]).read()
    assert state.current is None and "1.3.0" in state.failed


def test_other_commands_go_to_the_packaged_build_and_a_broken_update_state_is_harmless(
    device: tuple[Path, Path],
) -> None:
    assert _kiosk(device, "doctor").stdout.strip() == "packaged doctor"
    device[1].mkdir(parents=True)
    (device[1] / "state.json").write_text("{not json")
    assert _kiosk(device, "run").stdout.strip() == "packaged run"
