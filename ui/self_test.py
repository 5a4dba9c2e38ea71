"""`kiosk self-test` (and `--self-test` on the frozen binary): prove a build works.

Release staff run it on a fresh bundle, the .deb test runs it in a bare chroot: it loads
the catalog, opens a database in a temporary folder, renders the home screen to a PNG,
makes a receipt, prints it through QPrinter into a PDF file (PDFium rasterises it) and
paints a chart, printing one line per step. It never touches the device's real
data: every folder points into a temporary directory first.

A step whose module is not part of this build says so ("not available in this build")
and does not fail the run; any other error does.
"""

from __future__ import annotations

import os
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kiosk.receipts import ReceiptData

OK, FAILED, MISSING = "ok", "FAILED", "n/a"


class NotInBuildError(Exception):
    """The step's module is not in this build (yet)."""


@dataclass(frozen=True)
class StepResult:
    name: str
    status: str
    detail: str


Step = Callable[[Path], str]


def _require(module: str, *names: str) -> list[object]:
    """Import `names` from `module`, or raise NotInBuildError if the module is absent."""
    import importlib

    try:
        loaded = importlib.import_module(module)
    except ModuleNotFoundError as error:
        if error.name and (module == error.name or module.startswith(error.name + ".")):
            raise NotInBuildError(f"{module} not available in this build") from None
        raise
    missing = [name for name in names if not hasattr(loaded, name)]
    if missing:
        raise NotInBuildError(f"{module}.{missing[0]} not available in this build")
    return [getattr(loaded, name) for name in names]


def step_libraries(work: Path) -> str:
    """The runtime stack imports: catches a library the bundle trimmed too far."""
    import cel
    import cryptography.hazmat.primitives.asymmetric.ed25519
    import httpx
    import keyring
    import msgspec
    import phonenumbers
    import reportlab.pdfgen.canvas
    import snowballstemmer
    import sqlite_utils
    import stdnum.gr.vat

    from kiosk.config import regional_units

    modules = [cel, cryptography, httpx, keyring, msgspec, phonenumbers, reportlab]
    modules += [snowballstemmer, sqlite_utils, stdnum]
    if stdnum.gr.vat.is_valid("123456789"):
        raise RuntimeError("python-stdnum accepts an AFM with a wrong check digit")
    return f"{len(modules)} libraries, {len(regional_units())} Regional Units"


def step_catalog(work: Path) -> str:
    from kiosk.catalog.loader import load_catalog, sample_catalog_dir

    catalog = load_catalog(sample_catalog_dir())
    if catalog.problems:
        raise RuntimeError(f"the shipped catalog has problems: {catalog.problems[0]}")
    if not catalog.procedures:
        raise RuntimeError("the shipped catalog is empty")
    return f"{len(catalog.procedures)} procedures, {len(catalog.overrides)} Region overrides"


def step_database(work: Path) -> str:
    (open_store,) = _require("kiosk.store", "open_store")
    from ui.demo_keyring import use_demo_keyring

    use_demo_keyring()  # never touch the device's real keyring; doctor checks that one
    path = work / "data" / "self-test.sqlite3"
    store = open_store(path)  # type: ignore[operator]
    close = getattr(store, "close", None)
    if callable(close):
        close()
    return f"opened {path.name} ({path.stat().st_size} bytes)"


def step_home_screen(work: Path) -> str:
    from PySide6.QtWidgets import QApplication

    from ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(["kiosk-self-test"])
    window = MainWindow()
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    png = work / "home.png"
    if not window.grab().save(str(png)):
        raise OSError("could not write the screenshot")
    window.close()
    return f"{png.name} {png.stat().st_size} bytes, platform {QApplication.platformName()}"


def step_receipt(work: Path) -> str:
    from kiosk.receipts import render_receipt

    data = render_receipt(_sample_receipt(), "thermal80")
    if not data.startswith(b"%PDF"):
        raise RuntimeError("the receipt is not a PDF")
    (work / "receipt.pdf").write_bytes(data)
    return f"receipt.pdf {len(data)} bytes"


def step_printing(work: Path) -> str:
    """The print path without a printer: the receipt rasterised by PDFium (pypdfium2) and
    painted through QPrinter into a PDF file, as a kiosk prints it to its roll."""
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QApplication

    from kiosk.receipts import render_receipt
    from ui.printing import fit_to_receipt, paint

    QApplication.instance() or QApplication(["kiosk-self-test"])
    pdf = render_receipt(_sample_receipt(), "thermal80")
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed = work / "printed.pdf"
    printer.setOutputFileName(str(printed))
    fit_to_receipt(printer, pdf)
    result = paint(pdf, printer)
    if not result.ok:
        raise RuntimeError(result.message("en"))
    if not printed.read_bytes().startswith(b"%PDF"):
        raise RuntimeError("QPrinter wrote no PDF")
    return f"{printed.name} {printed.stat().st_size} bytes via PDFium at {printer.resolution()} dpi"


def step_charts(work: Path) -> str:
    """QtCharts (the dashboard's charts) loads and paints: it needs libraries the bundle
    could trim (Qt6Charts, Qt6OpenGL, Qt6OpenGLWidgets)."""
    from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    QApplication.instance() or QApplication(["kiosk-self-test"])
    bars = QBarSet("Αιτήσεις")
    bars.append([3, 5, 2])
    series = QBarSeries()
    series.append(bars)
    chart = QChart()
    chart.addSeries(series)
    axis = QBarCategoryAxis()
    axis.append(["Δευ", "Τρί", "Τετ"])
    chart.addAxis(axis, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(axis)
    view = QChartView(chart)
    view.resize(480, 320)
    png = work / "chart.png"
    if not view.grab().save(str(png)):
        raise OSError("could not write the chart")
    return f"{png.name} {png.stat().st_size} bytes"


def _sample_receipt() -> ReceiptData:
    import uuid
    from datetime import UTC, datetime
    from decimal import Decimal

    from kiosk.receipts import FeeItem, ReceiptData

    return ReceiptData(
        procedure_title="Αυτοέλεγχος / Self-test",
        procedure_id="self-test",
        region_name="ΠΕΡΙΦΕΡΕΙΑ",
        office_name="—",
        submission_id=uuid.uuid4(),
        submitted_at=datetime.now(UTC),
        protocol_number=None,
        documents_to_bring=["Ελληνικό κείμενο: άδεια, ΑΦΜ, παράβολο"],
        fees=[FeeItem("Παράβολο", Decimal("1.00"))],
    )


STEPS: tuple[tuple[str, Step], ...] = (
    ("libraries", step_libraries),
    ("catalog", step_catalog),
    ("database", step_database),
    ("home screen", step_home_screen),
    ("receipt", step_receipt),
    ("printing", step_printing),
    ("charts", step_charts),
)


def run_self_test(say: Callable[[str], None] = print, keep: Path | None = None) -> int:
    """Run every step; 0 when none failed. `keep` keeps the PNG and PDF there."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"  # the smoke test never needs a display
    os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")
    names = [f"KIOSK_{name.upper()}_DIR" for name in ("data", "config", "log")]
    saved = {name: os.environ.get(name) for name in names}
    try:
        with tempfile.TemporaryDirectory(prefix="kiosk-self-test-") as temp:
            for name in names:
                folder = Path(temp) / name.split("_")[1].lower()
                folder.mkdir()
                os.environ[name] = str(folder)
            work = keep or Path(temp) / "work"
            (work / "data").mkdir(parents=True, exist_ok=True)
            results = [_run(name, step, work, say) for name, step in STEPS]
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    failed = [result for result in results if result.status == FAILED]
    say(f"self-test: {'FAILED' if failed else 'passed'} ({len(failed)} of {len(results)} failed)")
    return 1 if failed else 0


def _run(name: str, step: Step, work: Path, say: Callable[[str], None]) -> StepResult:
    started = time.perf_counter()
    try:
        result = StepResult(name, OK, step(work))
    except NotInBuildError as missing:
        result = StepResult(name, MISSING, str(missing))
    except Exception as error:  # a self-test reports every failure and goes on
        last = traceback.extract_tb(error.__traceback__)[-1]
        where = f"{Path(last.filename).name}:{last.lineno}"
        result = StepResult(name, FAILED, f"{error.__class__.__name__} at {where}: {error}")
    elapsed = (time.perf_counter() - started) * 1000
    say(f"{result.status:>6}  {name:<12} {result.detail} ({elapsed:.0f} ms)")
    return result
