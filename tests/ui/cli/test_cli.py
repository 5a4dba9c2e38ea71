from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import kiosk
from ui.cli import main


def test_version_prints_the_package_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"kiosk {kiosk.__version__}"


def test_help_lists_the_demo_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "demo" in capsys.readouterr().out


def test_installed_console_script_answers_version() -> None:
    script = Path(sys.executable).with_name("kiosk")
    result = subprocess.run([str(script), "--version"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert kiosk.__version__ in result.stdout


def test_demo_offscreen_writes_a_home_screenshot(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "demo"
    assert main(["demo", "--offscreen", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert str(out.resolve()) in printed
    home = out / "01-home.png"
    assert home.stat().st_size > 1000
    assert home.read_bytes().startswith(b"\x89PNG")
    assert (out / "10-submitted.png").exists()
    assert (out / "receipt-a4.pdf").read_bytes().startswith(b"%PDF")


def test_the_admin_pin_is_set_from_standard_input_then_removed(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import io

    from kiosk.admin_exit import AdminExit

    monkeypatch.setattr("sys.stdin", io.StringIO("13572468\n"))
    assert main(["admin-pin", "--stdin"]) == 0
    AdminExit().check("13572468")
    assert "13572468" not in capsys.readouterr().out

    assert main(["admin-pin", "--remove"]) == 0
    assert not AdminExit().is_set()


def test_an_admin_pin_of_letters_is_refused_and_nothing_is_kept(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import io

    from kiosk.admin_exit import AdminExit

    monkeypatch.setattr("sys.stdin", io.StringIO("abc\n"))
    assert main(["admin-pin", "--stdin"]) == 2
    assert "6 to 12 digits" in capsys.readouterr().err
    assert not AdminExit().is_set()
