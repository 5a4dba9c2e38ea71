"""The update commands as an IT officer types them: publish, trust, status, start."""

from __future__ import annotations

from datetime import UTC
from pathlib import Path

import pytest

from tests.sync.updates.test_updater import make_build
from ui.cli import main


def test_publish_trust_and_status_say_what_they_did(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("KIOSK_INSTALL_ROOT", str(tmp_path / "install"))
    db = tmp_path / "server" / "platform.sqlite3"
    build = make_build(tmp_path, "1.1.0")

    assert (
        main(
            [
                "publish-build",
                str(build),
                "--version",
                "1.1.0",
                "--rollout",
                "20%",
                "--offices",
                "A,B",
                "--db",
                str(db),
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "1.1.0 signed" in out and "20% of devices, offices: A, B" in out
    assert main(["update", "trust", str(db.parent / "updates" / "metadata" / "1.root.json")]) == 0
    assert main(["update", "status"]) == 0
    out = capsys.readouterr().out
    assert "channel: stable" in out and "last check: never" in out


def test_bad_input_gets_a_sentence_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("KIOSK_INSTALL_ROOT", str(tmp_path / "install"))
    assert (
        main(
            [
                "publish-build",
                str(tmp_path / "none.tar"),
                "--version",
                "2.0",
                "--db",
                str(tmp_path / "s" / "p.sqlite3"),
            ]
        )
        == 1
    )
    assert main(["publish-build", "x", "--version", "2.0", "--rollout", "lots"]) == 2
    (tmp_path / "root.json").write_text("{}")
    assert main(["update", "trust", str(tmp_path / "root.json")]) == 2
    errors = capsys.readouterr().err
    assert "cannot read the build" in errors and "--rollout is a share" in errors
    assert "not a TUF root.json" in errors and "Traceback" not in errors


def test_the_launcher_is_told_nothing_until_a_version_is_installed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("KIOSK_INSTALL_ROOT", str(tmp_path / "install"))
    assert main(["update", "start"]) == 0
    assert capsys.readouterr().out == ""


def test_doctor_shows_the_version_the_channel_and_the_last_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KIOSK_INSTALL_ROOT", str(tmp_path / "install"))
    from ui.doctor import check_updates

    line = check_updates().line()
    assert "version:" in line and "channel: stable" in line and "last check: never" in line


def test_a_timer_run_before_the_interval_does_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from datetime import datetime

    from kiosk.updates.installs import Installs

    monkeypatch.setenv("KIOSK_INSTALL_ROOT", str(tmp_path / "install"))
    installs = Installs(tmp_path / "install")
    state = installs.read()
    state.last_check = datetime.now(UTC).isoformat()
    installs.write(state)

    assert main(["update", "apply", "--if-due"]) == 0
    assert capsys.readouterr().out.strip() == "update: not due yet"
