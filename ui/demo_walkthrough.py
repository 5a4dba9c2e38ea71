"""The demo: an interactive window, or a scripted walk-through that saves screenshots."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

from ui.main_window import MainWindow


def _application() -> QApplication:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    return QApplication([])


def screenshot(widget: QWidget, path: Path) -> Path:
    QApplication.processEvents()
    if not widget.grab().save(str(path)):
        raise OSError(f"could not write screenshot {path}")
    return path


def run_scripted(out: Path) -> list[Path]:
    """Walk the screens that exist offscreen and save a PNG of each."""
    _application()
    window = MainWindow()
    window.resize(1280, 800)
    window.show()
    written = [screenshot(window, out / "01-home.png")]
    window.close()
    return written


def run_interactive() -> int:
    app = _application()
    window = MainWindow()
    window.resize(1280, 800)
    window.show()
    return app.exec()
