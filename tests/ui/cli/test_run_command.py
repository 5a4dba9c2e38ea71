from __future__ import annotations

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
