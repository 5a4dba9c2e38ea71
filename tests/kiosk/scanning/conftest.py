"""SANE's real `test` backend (Debian's libsane1): a driver that scans test pictures."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.scanning import SaneCommand, ScanSettings

TEST_PICTURE = ScanSettings(resolution=200, options=("--test-picture", "Color pattern"))


def sane_config(folder: Path) -> Path:
    """A SANE_CONFIG_DIR whose dll.conf loads only the test backend."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "dll.conf").write_text("test\n")
    return folder


@pytest.fixture
def scanner(tmp_path: Path) -> SaneCommand:
    return SaneCommand(config_dir=sane_config(tmp_path / "sane.d"), timeout_s=60)
