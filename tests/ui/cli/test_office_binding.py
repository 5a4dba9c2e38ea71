"""Enrolment binds a device to an office: `kiosk enroll` refuses a code of another
office unspent, `kiosk doctor` and `kiosk run` refuse an office file naming another
office than the enrolment (the fix in Greek and English), a revoked device is told so,
and `kiosk server admin` makes and withdraws codes and devices."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import pytest

from sync.server.app import create_app
from sync.serving import RunningServer
from tests.ui.cli.test_doctor import lines_of, office_config
from ui.cli import main

OFFICE = "ATT-BTA-01"  # the office file template's


@pytest.fixture
def platform(
    tmp_path: Path, serve_asgi: Callable[[Any], AbstractContextManager[RunningServer]]
) -> Iterator[tuple[RunningServer, Any]]:
    app = create_app(tmp_path / "platform.sqlite3")
    with serve_asgi(app) as server:
        yield server, app.state.store


def test_a_code_for_another_office_is_refused_and_stays_usable(
    tmp_path: Path, platform: tuple[RunningServer, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    server, store = platform
    config = office_config(tmp_path, server.url)
    code = store.create_enrolment_code("THE-OTHER-01")
    assert main(["enroll", "--server", server.url, "--code", code, "--config", str(config)]) == 1
    err = capsys.readouterr().err
    assert "«THE-OTHER-01»" in err and "'THE-OTHER-01'" in err and "was not used" in err
    right = store.create_enrolment_code(OFFICE)
    assert main(["enroll", "--server", server.url, "--code", right, "--config", str(config)]) == 0
    assert f"in office {OFFICE}" in capsys.readouterr().out


def test_doctor_and_run_refuse_an_office_file_of_another_office_with_the_fix(
    tmp_path: Path, platform: tuple[RunningServer, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    server, store = platform
    assert main(["enroll", "--server", server.url, "--code", store.create_enrolment_code()]) == 0
    config = office_config(tmp_path, server.url)  # says ATT-BTA-01; enrolled in demo-office
    capsys.readouterr()
    assert main(["doctor", "--config", str(config)]) == 1
    line = lines_of(capsys)["enrolment"]
    assert line.startswith("FAIL") and 'office_id = "demo-office"' in line
    assert "Διόρθωση" in line and "Fix:" in line

    assert main(["run", "--config", str(config)]) == 2
    err = capsys.readouterr().err
    assert "«demo-office»" in err and "enrolled in office 'demo-office'" in err


def test_a_revoked_device_is_told_so_by_the_doctor(
    tmp_path: Path, platform: tuple[RunningServer, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    server, store = platform
    assert (
        main(["enroll", "--server", server.url, "--code", store.create_enrolment_code(OFFICE)]) == 0
    )
    db = tmp_path / "platform.sqlite3"
    out = capsys.readouterr().out
    assert main(["server", "admin", "--db", str(db), "devices", "list"]) == 0
    listing = capsys.readouterr().out
    device_id = listing.split()[0]
    assert f"office {OFFICE}" in listing and device_id not in out
    assert main(["server", "admin", "--db", str(db), "devices", "revoke", device_id]) == 0
    capsys.readouterr()
    main(["doctor", "--config", str(office_config(tmp_path, server.url))])
    line = lines_of(capsys)["enrolment"]
    assert line.startswith("FAIL") and "revoked" in line and "ανακαλέσει" in line


def test_the_admin_makes_an_office_s_code_and_withdraws_it(
    tmp_path: Path, platform: tuple[RunningServer, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    server, _store = platform
    db = ["server", "admin", "--db", str(tmp_path / "platform.sqlite3")]
    assert main([*db, "codes", "create", "--office", OFFICE, "--days", "2"]) == 0
    code = capsys.readouterr().out.splitlines()[0].rsplit(":", 1)[1].strip()
    assert main([*db, "codes", "revoke", code]) == 0
    assert main([*db, "codes", "revoke", code]) == 1
    assert main(["enroll", "--server", server.url, "--code", code]) == 1
    assert main([*db, "codes", "create", "--office", "no spaces"]) == 2
    assert main([*db, "devices", "revoke", "nobody"]) == 1
