from __future__ import annotations

import sqlite3
import zipfile
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import keyring
import pytest
from keyring.backends import fail

from kiosk.logs import LOG_FILE_NAME
from sync.protocol import KEYRING_SERVICE, KEYRING_USERNAME
from sync.server.app import create_app
from sync.serving import RunningServer
from tests.support.memory_keyring import MemoryKeyring
from ui.cli import main

TEMPLATE = Path(__file__).resolve().parents[3] / "installers" / "office.example.toml"
OFFICE = "ATT-BTA-01"  # the office file template's office_id
PLANTED_AFM = "123456783"  # checksum-valid shape, nobody's number


@pytest.fixture
def platform(
    tmp_path: Path, serve_asgi: Callable[[Any], AbstractContextManager[RunningServer]]
) -> Iterator[tuple[RunningServer, Any]]:
    app = create_app(tmp_path / "platform.sqlite3")
    with serve_asgi(app) as server:
        yield server, app.state.store


def office_config(tmp_path: Path, server_url: str, **extra: str) -> Path:
    text = TEMPLATE.read_text(encoding="utf-8")
    text = text.replace('"https://platform.example.gov.gr"', f'"{server_url}"')
    text = text.replace('# qt_platform = "xcb"', 'qt_platform = "offscreen"')
    lines = "".join(f"{key} = {value}\n" for key, value in extra.items())
    path = tmp_path / "office.toml"
    path.write_text(lines + text, encoding="utf-8")
    return path


def enrol(server: RunningServer, store: Any) -> None:
    assert (
        main(["enroll", "--server", server.url, "--code", store.create_enrolment_code(OFFICE)]) == 0
    )


def lines_of(capsys: pytest.CaptureFixture[str]) -> dict[str, str]:
    out = capsys.readouterr().out.splitlines()
    return {
        line.split()[1]: line for line in out if line[:4].strip() in ("ok", "note", "FAIL", "n/a")
    }


def test_an_enrolled_device_with_a_reachable_server_passes(
    tmp_path: Path,
    platform: tuple[RunningServer, Any],
    isolated_dirs: dict[str, Path],
    capsys: pytest.CaptureFixture[str],
) -> None:
    server, store = platform
    enrol(server, store)
    database = isolated_dirs["data"] / "kiosk.sqlite3"
    with sqlite3.connect(database) as connection:
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("CREATE TABLE t (x)")
    capsys.readouterr()

    code = main(["doctor", "--config", str(office_config(tmp_path, server.url))])

    lines = lines_of(capsys)
    assert code == 0, lines
    assert lines["configuration"].startswith("  ok")
    assert "integrity ok, WAL" in lines["database"]
    assert "device token present" in lines["keyring"]
    assert "offscreen starts" in lines["qt"]
    assert "none configured" in lines["printer"]
    assert "clock skew" in lines["server"] and lines["server"].startswith("  ok")
    assert "no PIN" in lines["admin-exit"] and "kiosk admin-pin" in lines["admin-exit"]


def test_a_kiosk_with_an_admin_pin_says_how_to_reach_its_exit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from kiosk.admin_exit import AdminExit

    AdminExit().set_pin("24681357")
    capsys.readouterr()

    main(["doctor", "--config", str(office_config(tmp_path, "http://127.0.0.1:9"))])

    line = lines_of(capsys)["admin-exit"]
    assert line.startswith("  ok") and "5 taps" in line and "24681357" not in line


def test_every_failure_names_its_fix_and_the_exit_code_is_not_zero(
    tmp_path: Path, isolated_dirs: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    (isolated_dirs["data"] / "kiosk.sqlite3").write_bytes(b"not a database" * 100)
    config = office_config(tmp_path, "http://127.0.0.1:9", printer='"Receipt-Printer-01"')

    assert main(["doctor", "--config", str(config)]) == 1

    lines = lines_of(capsys)
    for name in ("database", "keyring", "printer", "server"):
        assert lines[name].startswith("FAIL"), lines[name]
        assert "-- fix:" in lines[name]
    assert "kiosk enroll" in lines["keyring"]
    assert "'Receipt-Printer-01' not found" in lines["printer"]


def test_an_invalid_configuration_is_reported_with_the_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = office_config(tmp_path, "http://127.0.0.1:9")
    config.write_text(config.read_text().replace("region_code = 9", "region_code = 14"))
    assert main(["doctor", "--config", str(config)]) == 1
    line = lines_of(capsys)["configuration"]
    assert "region_code = 14: not a Region code; use 1-13" in line


def test_the_fail_keyring_backend_is_a_failure() -> None:
    from kiosk.diagnostics.checks import check_keyring

    keyring.set_keyring(fail.Keyring())
    result = check_keyring(KEYRING_SERVICE, KEYRING_USERNAME)
    assert result.failed and "gnome-keyring" in result.fix


def test_a_database_not_in_wal_mode_fails(isolated_dirs: dict[str, Path]) -> None:
    from kiosk.diagnostics.checks import check_database

    path = isolated_dirs["data"] / "rollback.sqlite3"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE t (x)")
    result = check_database(path)
    assert result.failed and "not WAL" in result.detail


def test_the_support_bundle_holds_neither_the_token_nor_an_afm(
    tmp_path: Path,
    platform: tuple[RunningServer, Any],
    isolated_dirs: dict[str, Path],
    memory_keyring: MemoryKeyring,
    capsys: pytest.CaptureFixture[str],
) -> None:
    server, store = platform
    enrol(server, store)
    token = memory_keyring.secrets[(KEYRING_SERVICE, KEYRING_USERNAME)]
    # A careless log line and a mistaken config key, both carrying what must not leave.
    log = isolated_dirs["log"] / LOG_FILE_NAME
    with log.open("a", encoding="utf-8") as handle:
        handle.write(f"2026-01-01 INFO ui: retry with {token} for AFM {PLANTED_AFM}\n")
        handle.write(f"2026-01-01 INFO ui: Authorization: Bearer {token}\n")
    config = office_config(tmp_path, server.url, api_token=f'"{token}"', note=f'"{PLANTED_AFM}"')
    bundle = tmp_path / "support.zip"

    main(["doctor", "--config", str(config), "--bundle", str(bundle)])

    assert str(bundle.resolve()) in capsys.readouterr().out
    with zipfile.ZipFile(bundle) as archive:
        names = set(archive.namelist())
        contents = b"".join(archive.read(name) for name in names)
    assert {"README.txt", "office-config.txt", "doctor.txt", "versions.json"} <= names
    assert f"logs/{LOG_FILE_NAME}" in names
    assert token.encode() not in contents
    assert PLANTED_AFM.encode() not in contents
    assert b"retry with" in contents  # the log itself is there, only masked
    assert b'"PySide6"' in contents


def test_a_kiosk_set_to_qts_keyboard_is_told_whether_it_can_show_here(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    config = office_config(tmp_path, "http://127.0.0.1:9")
    config.write_text(
        config.read_text("utf-8").replace("virtual_keyboard = false", 'virtual_keyboard = "qt"')
    )
    capsys.readouterr()
    main(["doctor", "--config", str(config)])
    assert lines_of(capsys)["keyboard"].startswith("  ok")  # this machine has what it needs

    monkeypatch.setattr("ctypes.CDLL", _no_library)
    main(["doctor", "--config", str(config)])
    line = lines_of(capsys)["keyboard"]
    assert line.startswith("FAIL") and "libpulse0" in line and "built-in" in line


def _no_library(name: str) -> None:
    raise OSError(f"{name}: cannot open shared object file")


def test_a_counter_is_told_whether_it_can_photograph_documents(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = office_config(tmp_path, "http://127.0.0.1:9")
    config.write_text(config.read_text("utf-8").replace('mode = "kiosk"', 'mode = "counter"'))
    capsys.readouterr()
    main(["doctor", "--config", str(config)])
    line = lines_of(capsys)["camera"]  # the real Qt Multimedia, which finds none here
    assert line.startswith("note") and "no camera found" in line and "scanned or imported" in line


def test_a_kiosk_is_not_asked_for_a_camera(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["doctor", "--config", str(office_config(tmp_path, "http://127.0.0.1:9"))])
    assert "not used at a kiosk" in lines_of(capsys)["camera"]


def test_a_build_without_qt_multimedia_is_told_so_not_that_there_is_no_camera(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The packaged build leaves PySide6.QtMultimedia out: its probe process is this one
    with the module made unimportable, as it is in the bundle."""
    import sys

    from ui import doctor

    packaged = (
        "import sys; sys.modules['PySide6.QtMultimedia'] = None; "
        "from ui.cli import main; sys.exit(main(sys.argv[1:]))"
    )
    monkeypatch.setattr(doctor, "_self_command", lambda: [sys.executable, "-c", packaged])
    config = office_config(tmp_path, "http://127.0.0.1:9")
    config.write_text(config.read_text("utf-8").replace('mode = "kiosk"', 'mode = "counter"'))
    capsys.readouterr()
    main(["doctor", "--config", str(config)])
    line = lines_of(capsys)["camera"]
    assert line.startswith("note") and "Qt Multimedia is not in this build" in line
    assert "packaged build leaves Qt Multimedia out for size" in line
