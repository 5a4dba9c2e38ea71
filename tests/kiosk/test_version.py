"""The version is written once, in kiosk/__init__.py, and everything else reads it."""

from __future__ import annotations

import tomllib
from importlib.metadata import version
from pathlib import Path

import kiosk

ROOT = Path(__file__).resolve().parents[2]


def test_the_installed_package_carries_the_version_of_kiosk_init() -> None:
    assert version("periferia-kiosk") == kiosk.__version__


def test_pyproject_reads_the_version_instead_of_writing_it_again() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert "version" not in project
    assert "version" in project["dynamic"]


def test_the_installers_take_the_version_from_kiosk_init() -> None:
    deb = (ROOT / "installers/linux/build_deb.sh").read_text(encoding="utf-8")
    assert "kiosk/__init__.py" in deb
    iss = (ROOT / "installers/windows/kiosk.iss").read_text(encoding="utf-8")
    assert kiosk.__version__ not in iss  # passed in with /DAppVersion, never written here
    workflow = (ROOT / ".github/workflows/windows.yml").read_text(encoding="utf-8")
    assert "kiosk/__init__.py" in workflow
