"""The demo: the app against the bundled reference server and the sample catalog.

Interactive with a display; otherwise a scripted walk-through that fills a real
procedure (taxi driving licence, ΜΙΤΟΣ 742507) the way a citizen would, and saves a
screenshot of each screen it reaches. The reference server runs on 127.0.0.1 in this
process with FAKE registry data. The demo keeps its device token and store key in
memory: a real device enrols with `kiosk enroll` and keeps both in the OS keyring."""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.catalog.loader import load_catalog, sample_catalog_dir
from kiosk.receipts import render_receipt
from kiosk.store import open_store
from sync.client import PlatformClient
from sync.demo_citizen import DemoCitizen
from sync.engine import SyncEngine
from sync.protocol import PREFIX
from sync.registry import PlatformRegistry
from sync.server.app import create_app
from sync.serving import serve_in_thread
from ui.backend import StoreBackend
from ui.background import wait_while
from ui.dashboard.demo import save_screenshot
from ui.demo_counter import run_counter
from ui.demo_keyring import use_demo_keyring
from ui.flow import ProcedureFlow
from ui.kiosk_mode import KioskWindow
from ui.main_window import MainWindow
from ui.screens.finder import FinderScreen
from ui.screens.step_form import StepScreen

DEMO_REGION = "2"  # Κεντρικής Μακεδονίας
DEMO_UNIT = "0202"  # Θεσσαλονίκης
DEMO_ANSWERS: list[dict[str, Any]] = [
    {
        "afm": "099999987",
        # Typed: nobody signed in, so no registry is asked (docs/once-only.md).
        "surname": "ΔΟΚΙΜΑΣΤΙΚΗ",
        "first_name": "ΠΟΛΙΤΙΣΣΑ",
        "birth_date": "1988-06-15",
        "amka": "15068899994",
        "nationality": "greek",
    },
    {
        "phone": "6912345678",
        "email": "demo@example.gr",
        "address": "Εγνατίας 1, Θεσσαλονίκη",
        "postcode": "54622",
    },
    {
        "licence_category_b": True,
        "exam_date": "2026-10-01",
        "mobility_issue": False,
        "by_representative": False,
    },
    {"truthful": True},
]


def _quiet_offscreen_warnings(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    # The offscreen platform cannot honour window size hints and says so on every window.
    if "propagateSizeHints" not in message:
        print(message, file=sys.stderr)


def _application() -> QApplication:
    qInstallMessageHandler(_quiet_offscreen_warnings)
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    return QApplication([])


def screenshot(widget: QWidget, path: Path) -> Path:
    for _ in range(3):
        QApplication.processEvents()
    if not widget.grab().save(str(path)):
        raise OSError(f"could not write screenshot {path}")
    return path


@contextmanager
def reference_platform() -> Iterator[PlatformClient]:
    """The reference server on loopback and a client enrolled with it."""
    with tempfile.TemporaryDirectory(prefix="kiosk-demo-server-") as folder:
        app = create_app(Path(folder) / "platform.sqlite3")
        code = app.state.store.create_enrolment_code("demo-office")
        with serve_in_thread(app) as running:
            token: dict[str, str | None] = {"value": None}
            client = PlatformClient(f"{running.url}", lambda: token["value"])
            token["value"] = client.redeem_enrolment_code(code)[1]
            try:
                yield client
            finally:
                client.close()


@contextmanager
def demo_backend(client: PlatformClient) -> Iterator[StoreBackend]:
    """A device store in a temporary folder, drained to the reference server."""
    with tempfile.TemporaryDirectory(prefix="kiosk-demo-device-") as folder:
        store = open_store(Path(folder) / "device.sqlite3")
        try:
            yield StoreBackend(store, SyncEngine(client, store.outbox))
        finally:
            store.close()


def _fill(window: MainWindow, answers: dict[str, Any]) -> None:
    screen = window.current_screen()
    assert isinstance(screen, StepScreen)
    for field_id, value in answers.items():
        screen.rows[field_id].editor.set_value(value)
        screen.answer_given.emit(field_id, value)


def run_scripted(out: Path) -> list[Path]:
    _application()
    use_demo_keyring()
    catalog = load_catalog(sample_catalog_dir())
    written: list[Path] = []
    with reference_platform() as client, demo_backend(client) as backend:
        window = MainWindow()
        window.resize(1280, 800)
        window.set_place(DEMO_REGION, DEMO_UNIT)
        flow = ProcedureFlow(
            window,
            catalog,
            region_code=DEMO_REGION,
            backend=backend,
            # The FAKE citizen signs in on the "phone" first (issue #16).
            registry=PlatformRegistry(client, DemoCitizen(client)),
            # The done screen's QR code: the receipt on the phone, from this platform.
            receipt_base=client.base_url.removesuffix("/").removesuffix(PREFIX),
        )
        flow.show_home()
        window.show()

        def shot(name: str) -> None:
            written.append(screenshot(window, out / name))

        shot("01-home.png")
        flow.show_finder()
        finder = window.current_screen()
        assert isinstance(finder, FinderScreen)
        finder.query.setText("αδεια ταξι")
        shot("02-finder.png")
        flow.show_overview("taxi-driver-licence")
        shot("03-overview.png")
        flow.start("taxi-driver-licence")
        flow._next()  # an empty step: the person is told what to fix
        shot("04-step-errors.png")
        _fill(window, DEMO_ANSWERS[0])  # typed: without sign-in no registry is asked
        shot("05-step-prefilled.png")
        for number, answers in enumerate(DEMO_ANSWERS[1:], start=6):
            flow._next()
            _fill(window, answers)
            shot(f"0{number}-step.png")
        flow._next()
        shot("09-review.png")
        flow.submit()
        shot("10-submitted.png")
        for layout in ("a4", "thermal80"):
            receipt = out / f"receipt-{layout}.pdf"
            receipt.write_bytes(render_receipt(flow.last_receipt, layout))
            written.append(receipt)
        flow.wipe()
        window.toggle_language()
        shot("11-home-english.png")
        window.toggle_language()
        window.toggle_contrast()
        window.toggle_large_text()
        flow.show_finder()
        shot("12-finder-high-contrast-large.png")
        window.toggle_contrast()
        window.toggle_large_text()
        flow.start("taxi-driver-licence")
        _fill(window, DEMO_ANSWERS[0])
        flow.park()  # «Αποθήκευση για αργότερα»: code and PIN, shown once
        wait_while(lambda: flow.parking_busy)
        shot("16-kiosk-parked.png")
        window.close()
        written.append(_keyboard_shot(catalog, backend, out / "18-kiosk-keyboard.png"))
        run_counter(
            client,
            catalog,
            DEMO_REGION,
            DEMO_ANSWERS,
            lambda w, name: written.append(screenshot(w, out / name)),
        )
        written.append(save_screenshot(out / "17-counter-dashboard.png"))
    return written


def _keyboard_shot(catalog: Any, backend: StoreBackend, path: Path) -> Path:
    """A touch-only kiosk: the on-screen keyboard under the finder, a word typed on it."""
    window = KioskWindow(virtual_keyboard=True)
    window.resize(1280, 800)
    window.set_place(DEMO_REGION, DEMO_UNIT)
    flow = ProcedureFlow(window, catalog, region_code=DEMO_REGION, backend=backend)
    window.show()
    flow.show_finder()
    finder = window.current_screen()
    assert isinstance(finder, FinderScreen) and window.keyboard is not None
    window.activateWindow()
    finder.query.setFocus()
    QApplication.processEvents()  # the window becomes active: keys go to the focused field
    for letter in ("΄", "α", "δ", "ε", "ι", "α"):
        window.keyboard.press_text(letter)
    finder.query.setFocus()
    window.keyboard.show()  # offscreen, activation may move the focus and the dock with it
    path = screenshot(window, path)
    window.hide()  # a locked kiosk window refuses to close
    return path


def run_interactive() -> int:
    app = _application()
    use_demo_keyring()
    catalog = load_catalog(sample_catalog_dir())
    with reference_platform() as client, demo_backend(client) as backend:
        window = MainWindow()
        window.resize(1280, 800)
        window.set_place(DEMO_REGION, DEMO_UNIT)
        flow = ProcedureFlow(
            window,
            catalog,
            region_code=DEMO_REGION,
            backend=backend,
            registry=PlatformRegistry(client, DemoCitizen(client)),
            # The done screen's QR code: the receipt on the phone, from this platform.
            receipt_base=client.base_url.removesuffix("/").removesuffix(PREFIX),
        )
        flow.show_home()
        window.show()
        return app.exec()
