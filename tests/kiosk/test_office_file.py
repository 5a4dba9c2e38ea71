"""The note of a validated office configuration: what lets `kiosk run` paint its first
screen before pydantic has read the file, and never for a file it has not validated."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest

import kiosk
from kiosk.config import parse_office_config
from kiosk.office_file import (
    NOTE_NAME,
    ConfigError,
    FirstScreen,
    OfficeFile,
    read_office_file,
    remember_validated,
    validated_before,
)

TEMPLATE = Path(__file__).resolve().parents[2] / "installers" / "office.example.toml"


def _validated(tmp_path: Path, text: str | None = None) -> tuple[OfficeFile, FirstScreen]:
    path = tmp_path / "office.toml"
    path.write_text(text or TEMPLATE.read_text("utf-8"), "utf-8")
    office = read_office_file(path)
    first = parse_office_config(office.text, office.path).first_screen()
    remember_validated(office, first, tmp_path / "data")
    return office, first


def test_an_unchanged_file_gives_its_first_screen_from_the_note(tmp_path: Path) -> None:
    office, first = _validated(tmp_path)

    again = read_office_file(office.path)

    assert validated_before(again, tmp_path / "data") == first
    assert first == FirstScreen("kiosk", "el", False, None)


def test_a_file_changed_by_one_character_must_be_validated_again(tmp_path: Path) -> None:
    office, _ = _validated(tmp_path)
    office.path.write_text(office.text.replace('mode = "kiosk"', 'mode = "counter"'), "utf-8")

    assert validated_before(read_office_file(office.path), tmp_path / "data") is None


def test_a_new_version_of_the_app_validates_the_file_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    office, _ = _validated(tmp_path)
    monkeypatch.setattr(kiosk, "__version__", "99.0.0")
    monkeypatch.setattr("kiosk.office_file.__version__", "99.0.0")

    assert validated_before(read_office_file(office.path), tmp_path / "data") is None


@pytest.mark.parametrize("note", ["", "{not json", '{"fingerprint": 3}', "[]", '{"mode": "kiosk"}'])
def test_a_damaged_note_only_means_validating_now(tmp_path: Path, note: str) -> None:
    office, _ = _validated(tmp_path)
    (tmp_path / "data" / NOTE_NAME).write_text(note)

    assert validated_before(office, tmp_path / "data") is None


def test_a_note_that_cannot_be_written_is_logged_and_the_start_goes_on(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocked = tmp_path / "blocked"
    if os.geteuid() == 0:
        # root writes through a read-only folder: a file where the folder should be
        # stops the write for everyone.
        blocked.write_text("a file, not a folder")
    else:
        blocked.mkdir()
        blocked.chmod(0o500)
    path = tmp_path / "office.toml"
    path.write_text(TEMPLATE.read_text("utf-8"), "utf-8")
    office = read_office_file(path)

    with caplog.at_level(logging.WARNING):
        remember_validated(office, FirstScreen("kiosk", "el", False), blocked)

    assert "could not note the validated office configuration" in caplog.text
    assert validated_before(office, blocked) is None


def test_a_missing_file_says_where_to_copy_the_template_from(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as refused:
        read_office_file(tmp_path / "nowhere.toml")

    assert "copy installers/office.example.toml to this path" in str(refused.value)
