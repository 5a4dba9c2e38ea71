from __future__ import annotations

import sys
from pathlib import Path

import pytest

from kiosk.paths import resources_dir


def test_resources_are_next_to_the_packages_in_a_checkout() -> None:
    assert resources_dir() == Path(__file__).resolve().parents[2] / "resources"


def test_a_frozen_bundle_finds_resources_in_its_unpacked_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources_dir() == tmp_path / "resources"


def test_the_environment_overrides_the_resources_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KIOSK_RESOURCES_DIR", str(tmp_path))
    assert resources_dir() == tmp_path
