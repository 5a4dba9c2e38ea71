"""Install folders and the state file the launcher reads on start.

Layout under the install root:
    state.json             {"current", "pending", "previous", "channel", "last_check", ...}
    versions/<version>/    one unpacked build each, made atomically (temp folder, fsync,
                           rename), so a folder that exists is whole.
A new version is only ever *pending* until the next start: `start()` runs its
`--self-test` and switches, or goes back to the current one and records why. Nothing
here switches while the app runs, so no application is interrupted."""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import tarfile
import tempfile
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

EXECUTABLE = "kiosk.exe" if os.name == "nt" else "kiosk"  # the frozen bundle's entry
SELF_TEST_TIMEOUT = 120.0


class InstallError(Exception):
    """A build could not be installed; the running version is untouched."""


@dataclass
class UpdateState:
    current: str | None = None  # None: the packaged build the device was installed with
    pending: str | None = None
    previous: str | None = None
    channel: str = "stable"
    last_check: str | None = None
    last_result: str = "never checked"
    failed: dict[str, str] = field(default_factory=dict)  # version -> why it was refused


class Installs:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.versions = root / "versions"
        self.state_file = root / "state.json"

    def read(self) -> UpdateState:
        try:
            data = json.loads(self.state_file.read_text(encoding="utf-8"))
            return UpdateState(
                **{k: v for k, v in data.items() if k in UpdateState.__annotations__}
            )
        except (OSError, ValueError, TypeError):
            return UpdateState()  # no file yet, or unreadable: run the packaged build

    def write(self, state: UpdateState) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        _atomic_write(self.state_file, json.dumps(asdict(state), indent=2).encode())

    def folder(self, version: str) -> Path:
        if not version or "/" in version or "\\" in version or version.startswith("."):
            raise InstallError(f"not a version name: {version!r}")
        return self.versions / version

    def unpack(self, version: str, archive: Path) -> Path:
        """Unpack a verified tar archive into versions/<version>/ and mark it pending."""
        target = self.folder(version)
        if target.is_dir():
            self._set_pending(version)
            return target
        self.versions.mkdir(parents=True, exist_ok=True)
        temp = Path(tempfile.mkdtemp(prefix=f".{version}-", dir=self.versions))
        try:
            with tarfile.open(archive) as tar:
                tar.extractall(temp, filter="data")  # no absolute paths, links out, devices
            _fsync_tree(temp)
            os.rename(temp, target)
            _fsync_dir(self.versions)
        except OSError as error:
            shutil.rmtree(temp, ignore_errors=True)
            if error.errno == errno.ENOSPC:
                raise InstallError(
                    f"not enough disk space to unpack {version} in {self.versions}; "
                    "the running version is unchanged"
                ) from None
            raise InstallError(f"could not unpack {version}: {error.strerror or error}") from None
        except tarfile.TarError as error:
            shutil.rmtree(temp, ignore_errors=True)
            raise InstallError(f"the archive of {version} is not a valid build: {error}") from None
        self._set_pending(version)
        return target

    def _set_pending(self, version: str) -> None:
        state = self.read()
        if state.current != version:
            state.pending = version
            self.write(state)

    def start(self, self_test: Callable[[Path], bool] | None = None) -> tuple[Path | None, str]:
        """On start: try the pending version; returns (folder to run or None for the
        packaged build, what happened)."""
        check = self_test or passes_self_test
        state = self.read()
        said = ""
        if state.pending:
            version, state.pending = state.pending, None
            folder = self.versions / version
            if folder.is_dir() and check(folder):
                state.previous, state.current = state.current, version
                said = f"switched to {version}"
                state.last_result = said
            else:
                state.failed[version] = "self-test failed"
                said = f"{version} failed its self-test; still on {state.current or 'the packaged build'}"
            state.last_result = said
            self.write(state)
        if state.current and not (self.versions / state.current / EXECUTABLE).exists():
            said = f"{state.current} is missing; running the packaged build"
            state.current = None
            self.write(state)
        return (self.versions / state.current if state.current else None), said


def passes_self_test(folder: Path) -> bool:
    try:
        done = subprocess.run(
            [str(folder / EXECUTABLE), "--self-test"],
            capture_output=True,
            timeout=SELF_TEST_TIMEOUT,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0


def _atomic_write(path: Path, data: bytes) -> None:
    temp = path.with_name(f".{path.name}.tmp")
    with open(temp, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temp, path)


def _fsync_tree(folder: Path) -> None:
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            with open(path, "rb") as handle:
                os.fsync(handle.fileno())
    _fsync_dir(folder)


def _fsync_dir(folder: Path) -> None:
    if os.name == "nt":  # directories cannot be opened for fsync there
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
