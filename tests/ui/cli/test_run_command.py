from __future__ import annotations

import gc
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from ui.cli import main
from ui.kiosk_mode import KioskWindow

TEMPLATE = Path(__file__).resolve().parents[3] / "installers" / "office.example.toml"


def _config(tmp_path: Path, **changes: str) -> Path:
    text = TEMPLATE.read_text("utf-8")
    for key, value in changes.items():
        text = "\n".join(
            f"{key} = {value}" if line.startswith(f"{key} =") else line
            for line in text.splitlines()
        )
    path = tmp_path / "office.toml"
    path.write_text(text, "utf-8")
    return path


def test_a_broken_configuration_names_the_key_and_the_fix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["run", "--config", str(_config(tmp_path, region_code="14"))]) == 2
    assert "region_code = 14" in capsys.readouterr().err


def test_a_kiosk_starts_locked_full_screen_on_the_home_screen(qtbot: QtBot, tmp_path: Path) -> None:
    seen: list[QApplication] = []

    def look_then_quit() -> None:
        windows = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, KioskWindow) and w.isVisible()
        ]
        seen.extend(windows)  # type: ignore[arg-type]
        QApplication.exit(0)  # quit() would ask the locked window to close, and it refuses

    QTimer.singleShot(300, look_then_quit)
    assert main(["run", "--config", str(_config(tmp_path, server_url='"http://127.0.0.1:9"'))]) == 0
    assert len(seen) == 1
    window = seen[0]
    assert window.isFullScreen()  # type: ignore[attr-defined]
    window.deleteLater()  # type: ignore[attr-defined]


def test_a_counter_starts_in_a_window_on_the_clerk_sign_in(qtbot: QtBot, tmp_path: Path) -> None:
    from ui.counter.sign_in import SignInScreen
    from ui.main_window import MainWindow

    seen: list[object] = []

    def look_then_quit() -> None:
        for window in QApplication.topLevelWidgets():
            if isinstance(window, MainWindow) and window.isVisible():
                seen.append(type(window.current_screen()))
                seen.append(window.isFullScreen())
                window.deleteLater()
        QApplication.exit(0)

    QTimer.singleShot(300, look_then_quit)
    config = _config(tmp_path, mode='"counter"', server_url='"http://127.0.0.1:9"')
    assert main(["run", "--config", str(config)]) == 0
    assert seen == [SignInScreen, False]


def test_start_up_is_reported_and_the_check_ends_once_everything_has_loaded(
    qtbot: QtBot, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = _config(tmp_path, server_url='"http://127.0.0.1:9"')

    assert main(["run", "--config", str(config), "--report-start", "--exit-when-loaded"]) == 0

    lines = capsys.readouterr().out.splitlines()
    assert [line.split(" after ")[0] for line in lines] == ["first screen up", "loaded"]
    first, loaded = (int(line.split(" after ")[1].removesuffix(" ms")) for line in lines)
    assert 0 < first <= loaded
    _close_windows()


def test_the_garbage_collector_paused_while_starting_runs_again_whatever_the_outcome(
    qtbot: QtBot, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seen: list[bool] = []
    QTimer.singleShot(0, lambda: seen.append(gc.isenabled()))  # while the app starts
    config = _config(tmp_path, server_url='"http://127.0.0.1:9"')

    assert main(["run", "--config", str(config), "--exit-when-loaded"]) == 0
    assert seen == [False] and gc.isenabled()
    assert main(["run", "--config", str(_config(tmp_path, region_code="14"))]) == 2
    assert gc.isenabled()  # also after a start refused
    _close_windows()


def test_a_configuration_broken_since_the_last_start_is_refused_before_any_window(
    qtbot: QtBot, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = _config(tmp_path, server_url='"http://127.0.0.1:9"')
    assert main(["run", "--config", str(config), "--exit-when-loaded"]) == 0  # noted valid
    _close_windows()
    config.write_text(config.read_text("utf-8").replace("region_code = 9", "region_code = 14"))

    assert main(["run", "--config", str(config), "--exit-when-loaded"]) == 2

    assert "region_code = 14" in capsys.readouterr().err
    assert not [w for w in QApplication.topLevelWidgets() if w.isVisible()]


def test_a_key_file_gone_since_the_last_start_stops_the_app_with_the_fix(
    qtbot: QtBot, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The note lets the first screen come up from an unchanged file; the full check
    # behind it still finds what changed around the file, and stops with its fix.
    key = tmp_path / "catalog.pub"
    key.write_text(_template_value("catalog_public_key").strip('"'))
    config = _config(tmp_path, catalog_public_key=f'"{key}"', server_url='"http://127.0.0.1:9"')
    assert main(["run", "--config", str(config), "--exit-when-loaded"]) == 0
    _close_windows()
    key.unlink()

    assert main(["run", "--config", str(config), "--exit-when-loaded"]) == 2

    assert "catalog_public_key" in capsys.readouterr().err
    _close_windows()


def _template_value(key: str) -> str:
    line = next(line for line in TEMPLATE.read_text("utf-8").splitlines() if line.startswith(key))
    return line.partition("=")[2].strip()


def _close_windows() -> None:
    for window in QApplication.topLevelWidgets():
        window.hide()
        window.deleteLater()
    QApplication.processEvents()
