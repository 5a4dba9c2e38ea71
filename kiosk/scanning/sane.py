"""Scanning through SANE's `scanimage` command (Debian's sane-utils), run as a process.

A process rather than a binding (python-sane): a driver that hangs or crashes takes the
scanimage process with it, not the app, and the scan can be cancelled by ending that
process. The page comes back as PNG on the process's standard output, read into
memory: it is never written to a file in clear.

scanimage's exit status is the SANE status of the failure (sane/sane.h), which is how a
busy device, a jammed feeder or a lost connection get their own message."""

from __future__ import annotations

import os
import subprocess
import threading
from collections.abc import Sequence
from pathlib import Path

from kiosk.documents.pages import Page
from kiosk.scanning.port import ScanError, ScannerDevice, ScanSettings
from kiosk.scanning.texts import TEXTS

# SANE_Status values (sane/sane.h) as scanimage's exit status.
_BY_STATUS = {
    3: "busy",  # SANE_STATUS_DEVICE_BUSY
    6: "jammed",  # SANE_STATUS_JAMMED
    7: "no_paper",  # SANE_STATUS_NO_DOCS
    8: "cover_open",  # SANE_STATUS_COVER_OPEN
    9: "lost",  # SANE_STATUS_IO_ERROR: the cable pulled mid-scan
}
_STATUS_NAMES = {
    1: "UNSUPPORTED",
    2: "CANCELLED",
    4: "INVAL",
    5: "EOF",
    10: "NO_MEM",
    11: "ACCESS_DENIED",
}
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
DEFAULT_SETTINGS = ScanSettings()


class SaneCommand:
    """The ScannerPort over `scanimage`. `config_dir` becomes SANE_CONFIG_DIR (the
    folder whose dll.conf says which backends to load)."""

    def __init__(
        self,
        executable: str = "scanimage",
        config_dir: Path | None = None,
        timeout_s: float = 180.0,
    ) -> None:
        self.executable, self.config_dir, self.timeout_s = executable, config_dir, timeout_s
        self._lock = threading.Lock()
        self._running: subprocess.Popen[bytes] | None = None
        self._cancelled = False

    def devices(self) -> list[ScannerDevice]:
        out, _, _ = self._run(["-f", "%d\t%v\t%m\t%t%n"], device="")
        found = []
        for line in out.decode("utf-8", "replace").splitlines():
            parts = line.split("\t")
            if len(parts) == 4 and parts[0]:
                found.append(ScannerDevice(*parts))
        return found

    def scan(self, device: str, settings: ScanSettings = DEFAULT_SETTINGS) -> Page:
        """One page as PNG; ScanError with what to do when the scanner fails."""
        arguments = ["-d", device, "--format=png", "--resolution", str(settings.resolution)]
        arguments += ["--mode", settings.mode, *settings.options]
        out, err, status = self._run(arguments, device=device)
        if status != 0 or not out.startswith(PNG_MAGIC):
            raise _failure(device, status, err)
        return Page("image", out, "image/png", "scan")

    @property
    def scanning(self) -> bool:
        with self._lock:
            return self._running is not None

    def cancel(self) -> None:
        """End the scan under way, if any (from another thread): it fails «interrupted»."""
        with self._lock:
            self._cancelled = True
            if self._running is not None:
                self._running.kill()

    def _run(self, arguments: Sequence[str], device: str) -> tuple[bytes, bytes, int]:
        environment = dict(os.environ)
        if self.config_dir is not None:
            environment["SANE_CONFIG_DIR"] = str(self.config_dir)
        with self._lock:
            self._cancelled = False
            try:
                process = subprocess.Popen(
                    [self.executable, *arguments],
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                    env=environment,
                )
            except OSError:
                raise ScanError(TEXTS["no_sane"]) from None
            self._running = process
        try:
            out, err = process.communicate(timeout=self.timeout_s)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()
            raise ScanError(TEXTS["too_slow"], seconds=round(self.timeout_s)) from None
        finally:
            with self._lock:
                self._running = None
        if process.returncode < 0 or self._cancelled:
            raise ScanError(TEXTS["interrupted"])
        return out, err, process.returncode


def _failure(device: str, status: int, err: bytes) -> ScanError:
    said = err.decode("utf-8", "replace")
    if "open of device" in said:  # no such device, or it was unplugged before the scan
        return ScanError(TEXTS["not_found"], device=device)
    key = _BY_STATUS.get(status)
    if key is not None:
        return ScanError(TEXTS[key])
    if status == 0:  # it ended well but gave no image: cut short
        return ScanError(TEXTS["interrupted"])
    return ScanError(TEXTS["failed"], status=_STATUS_NAMES.get(status, str(status)))
