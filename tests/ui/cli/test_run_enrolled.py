"""`kiosk run` on an enrolled counter: the clerk signs in against the platform, files
nothing yet, and the status bar shows the network lane's first drain: the link is up."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from sync.enrolment import enrol
from sync.server.app import create_app
from sync.serving import RunningServer
from tests.ui.cli.test_run_command import _config
from tests.ui.typing import type_text
from ui.cli import main
from ui.counter.sign_in import SignInScreen
from ui.counter.today import TodayScreen
from ui.main_window import MainWindow


def test_an_enrolled_counter_signs_a_clerk_in_and_shows_the_link_up(
    qtbot: QtBot,
    tmp_path: Path,
    serve_asgi: Callable[[Any], AbstractContextManager[RunningServer]],
) -> None:
    app = create_app(tmp_path / "platform.sqlite3")
    seen: dict[str, object] = {}
    with serve_asgi(app) as server:
        enrol(server.url, app.state.store.create_enrolment_code("demo-office"))
        config = _config(
            tmp_path,
            mode='"counter"',
            office_id='"demo-office"',
            server_url=f'"{server.url}"',
        )

        def window() -> MainWindow:
            found = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
            return next(w for w in found if w.isVisible())

        def sign_in() -> None:
            screen = window().current_screen()
            assert isinstance(screen, SignInScreen)
            type_text(screen.clerk_id, "clerk01")
            type_text(screen.password, "demo-pass-01")
            screen.submit.click()
            QTimer.singleShot(50, look)

        def look() -> None:
            shown = window()
            seen["screen"] = type(shown.current_screen())
            bar = shown.statusBar().findChildren(object)
            seen["status"] = " ".join(
                w.text() for w in bar if hasattr(w, "text") and callable(w.text)
            )
            signed_in = seen["screen"] is TodayScreen
            online = "Σε σύνδεση" in str(seen["status"])
            if (signed_in and online) or seen.get("tries", 0) > 200:  # type: ignore[operator]
                shown.deleteLater()
                QApplication.exit(0)
                return
            seen["tries"] = int(seen.get("tries", 0)) + 1  # type: ignore[call-overload]
            QTimer.singleShot(50, look)

        QTimer.singleShot(300, sign_in)
        assert main(["run", "--config", str(config)]) == 0
    assert seen["screen"] is TodayScreen
    assert "Υπάλληλος Δοκιμών Α" in str(seen["status"])
    assert "Σε σύνδεση" in str(seen["status"])
