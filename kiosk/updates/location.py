"""Where this device keeps its install folders and update state."""

from __future__ import annotations

import os
from pathlib import Path

from kiosk.paths import app_paths
from kiosk.updates.installs import Installs

INSTALL_ROOT_ENV = "KIOSK_INSTALL_ROOT"


def install_root() -> Path:
    """`$KIOSK_INSTALL_ROOT`, else `<data dir>/installs` (writable by the kiosk's user,
    unlike the packaged build in /opt)."""
    value = os.environ.get(INSTALL_ROOT_ENV)
    return Path(value).expanduser() if value else app_paths().data_dir / "installs"


def device_installs() -> Installs:
    return Installs(install_root())
