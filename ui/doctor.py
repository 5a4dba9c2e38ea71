"""`kiosk doctor`: every check in order, including the ones that need Qt or the network.

The Qt checks run in a child process (`kiosk doctor --probe qt|printers`): a missing
system library makes Qt abort the whole process, and the doctor must survive that to
say which library is missing.
"""

from __future__ import annotations

import json
import os
import platform
import re
import subprocess
import sys
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

from kiosk.config import OfficeConfig
from kiosk.diagnostics import CheckResult, Status
from kiosk.diagnostics.checks import (
    check_admin_exit,
    check_catalog_signature,
    check_configuration,
    check_database,
    check_fonts,
    check_keyring,
)
from kiosk.paths import app_paths, resources_dir

PROBE_TIMEOUT = 30.0
SKEW_FAIL_SECONDS = 300.0  # receipts and tokens carry times: more than 5 min is wrong
SKEW_NOTE_SECONDS = 30.0
PACKAGES = (
    "PySide6-Essentials",
    "PySide6-Addons",
    "msgspec",
    "httpx",
    "keyring",
    "cryptography",
    "sqlite-utils",
    "reportlab",
    "common-expression-language",
    "python-stdnum",
    "phonenumbers",
    "platformdirs",
)
_MISSING_LIBRARY = re.compile(r"(lib[\w.+-]+\.so[\w.]*): cannot open shared object file")


# -- probes (run in the child process) ------------------------------------------------


def probe(kind: str) -> int:
    """Print one JSON line about Qt here; a crash of this process is the caller's answer."""
    from PySide6.QtGui import QGuiApplication

    if kind in ("printers", "camera"):  # they need an application, not a screen
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    app = QGuiApplication(["kiosk-doctor-probe"])
    answer: dict[str, object]
    if kind == "camera":
        from ui.documents.camera import find_camera, multimedia_missing

        camera = find_camera()
        answer = {
            "missing": multimedia_missing(),
            "camera": camera.description() if camera is not None else None,
        }
    elif kind == "printers":
        from PySide6.QtPrintSupport import QPrinterInfo

        answer = {
            "printers": list(QPrinterInfo.availablePrinterNames()),
            "default": QPrinterInfo.defaultPrinterName(),
        }
    else:
        answer = {"platform": app.platformName(), "screens": len(app.screens())}
    print(json.dumps(answer), flush=True)
    return 0


def _self_command() -> list[str]:
    if getattr(sys, "frozen", False):
        return [sys.executable]
    return [
        sys.executable,
        "-c",
        "import sys; from ui.cli import main; sys.exit(main(sys.argv[1:]))",
    ]


def run_probe(kind: str, platform_name: str | None) -> tuple[dict[str, object] | None, str]:
    env = dict(os.environ)
    if platform_name:
        env["QT_QPA_PLATFORM"] = platform_name
    env["QT_DEBUG_PLUGINS"] = "1"  # names the library Qt really misses (STACK-NOTES)
    try:
        done = subprocess.run(
            [*_self_command(), "doctor", "--probe", kind],
            capture_output=True,
            text=True,
            timeout=PROBE_TIMEOUT,
            env=env,
        )
    except subprocess.TimeoutExpired:
        return None, "timed out"
    if done.returncode == 0:
        for line in reversed(done.stdout.splitlines()):
            if line.startswith("{"):
                answer: dict[str, object] = json.loads(line)
                return answer, ""
    return None, done.stderr


# -- checks ---------------------------------------------------------------------------


def check_qt_platform(config: OfficeConfig | None) -> CheckResult:
    wanted = (config.qt_platform if config else None) or os.environ.get("QT_QPA_PLATFORM")
    answer, errors = run_probe("qt", wanted)
    label = wanted or "default"
    if answer is not None:
        return CheckResult(
            "qt platform", Status.OK, f"{answer['platform']} starts ({answer['screens']} screen(s))"
        )
    missing = _MISSING_LIBRARY.findall(errors)
    if missing:
        return CheckResult(
            "qt platform",
            Status.FAIL,
            f"{label}: Qt cannot load {missing[-1]}",
            "install the package's dependencies: apt-get install -f (or the library's "
            "package, e.g. apt-file search " + missing[-1] + ")",
        )
    if "could not connect to display" in errors or (
        label in ("xcb", "default") and not os.environ.get("DISPLAY") and sys.platform == "linux"
    ):
        return CheckResult(
            "qt platform",
            Status.FAIL,
            f"{label}: no display to connect to (DISPLAY is unset)",
            "run the doctor inside the kiosk session, or set DISPLAY=:0",
        )
    last = next((line for line in reversed(errors.splitlines()) if line.strip()), "no output")
    return CheckResult(
        "qt platform",
        Status.FAIL,
        f"{label}: Qt does not start ({last[:160]})",
        "run with QT_DEBUG_PLUGINS=1 to see why; check qt_platform in the configuration",
    )


def check_printer(config: OfficeConfig | None) -> CheckResult:
    if config is None:
        return CheckResult("printer", Status.NOTE, "skipped (no valid configuration)")
    if not config.printer:
        return CheckResult("printer", Status.NOTE, "none configured: receipts are offered as PDF")
    answer, _errors = run_probe("printers", None)
    if answer is None:
        return CheckResult(
            "printer", Status.FAIL, "cannot list printers", "check that CUPS runs: lpstat -r"
        )
    printers = [str(name) for name in answer["printers"]]  # type: ignore[attr-defined]
    if config.printer in printers:
        return CheckResult("printer", Status.OK, f"{config.printer!r} is installed")
    known = ", ".join(printers) or "none"
    return CheckResult(
        "printer",
        Status.FAIL,
        f"{config.printer!r} not found (installed: {known})",
        "set printer to one of the installed names, or add the printer (lpadmin / Settings)",
    )


def check_camera(config: OfficeConfig | None) -> CheckResult:
    """Whether the counter's documents screen offers «Φωτογραφία» (docs/documents.md)."""
    if config is not None and config.mode == "kiosk":
        return CheckResult("camera", Status.OK, "not used at a kiosk (the phone upload is)")
    answer, _errors = run_probe("camera", None)
    if answer is None:
        return CheckResult(
            "camera", Status.NOTE, "cannot ask Qt Multimedia: documents are scanned or imported"
        )
    if answer["missing"]:
        return CheckResult(
            "camera",
            Status.NOTE,
            f"{answer['missing']}: no «Φωτογραφία»; documents are scanned or imported",
            "the packaged build leaves Qt Multimedia out for size; see docs/documents.md",
        )
    if answer["camera"] is None:
        return CheckResult(
            "camera",
            Status.NOTE,
            "no camera found: no «Φωτογραφία»; documents are scanned or imported",
            "plug in a camera (UVC webcam) if the office photographs documents",
        )
    return CheckResult("camera", Status.OK, f"{answer['camera']}: «Φωτογραφία» is offered")


def check_keyboard(config: OfficeConfig | None) -> CheckResult:
    """Whether the on-screen keyboard the office file asks for can show on this device."""
    wanted = config.virtual_keyboard if config is not None and config.mode == "kiosk" else False
    if wanted != "qt":
        kind = "built-in on-screen keyboard" if wanted else "none (a physical keyboard)"
        return CheckResult("keyboard", Status.OK, kind)
    from ui.qt_keyboard import qt_keyboard_missing

    missing = qt_keyboard_missing()
    if missing is None:
        return CheckResult("keyboard", Status.OK, "Qt's virtual keyboard can show")
    return CheckResult(
        "keyboard",
        Status.FAIL,
        f"Qt's virtual keyboard cannot show ({missing}): the kiosk uses the built-in one",
        "install what is named, or use a build made with KIOSK_VIRTUAL_KEYBOARD=1",
    )


def check_server(config: OfficeConfig | None) -> CheckResult:
    if config is None:
        return CheckResult("server", Status.NOTE, "skipped (no valid configuration)")
    from sync.client import PlatformClient
    from sync.enrolment import keyring_token
    from sync.errors import SyncError

    try:
        client = PlatformClient(
            config.server_url,
            keyring_token,
            ca_bundle=config.ca_bundle_path(),
            timeout=5.0,
            connect_timeout=3.0,
        )
        try:
            health = client.health()
        finally:
            client.close()
    except (SyncError, ValueError) as error:
        return CheckResult(
            "server",
            Status.FAIL,
            f"{config.server_url} not reachable ({error.__class__.__name__}: {error})",
            "check the network, proxy and firewall towards that host (the app keeps "
            "working offline and sends later)",
        )
    skew = health.clock_skew.total_seconds()
    detail = f"{config.server_url} answers in {health.round_trip * 1000:.0f} ms, clock skew {skew:+.1f} s"
    if abs(skew) > SKEW_FAIL_SECONDS:
        return CheckResult(
            "server",
            Status.FAIL,
            detail,
            "turn on time sync: timedatectl set-ntp true (Windows: w32tm /resync)",
        )
    return CheckResult(
        "server", Status.NOTE if abs(skew) > SKEW_NOTE_SECONDS else Status.OK, detail
    )


def check_enrolment(config: OfficeConfig | None, config_path: Path) -> CheckResult:
    """The office this device is enrolled in against the office file's, from the record
    `kiosk enroll` kept and, when the platform answers, from the platform itself (which
    also says whether the device was revoked)."""
    if config is None:
        return CheckResult("enrolment", Status.NOTE, "skipped (no valid configuration)")
    from kiosk.enrolment import TEXTS, mismatch, read_enrolment
    from sync.client import PlatformClient
    from sync.enrolment import keyring_token
    from sync.errors import RevokedError, SyncError

    def both(text: str, **words: str) -> str:
        return f"{TEXTS[text].message('el', **words)} / {TEXTS[text].message('en', **words)}"

    found = mismatch(config.office_id, config_path)
    if found is not None:
        _text, words = found
        detail = f"enrolled in office {words['enrolled']}, the office file says {config.office_id}"
        return CheckResult("enrolment", Status.FAIL, detail, both("office_mismatch", **words))
    try:
        token = keyring_token()
    except Exception:  # a broken keyring is its own failed check
        token = None
    if token is None:
        return CheckResult(
            "enrolment", Status.NOTE, "not enrolled: the device works offline only",
            "kiosk enroll --server URL --code CODE",
        )  # fmt: skip
    try:
        with PlatformClient(
            config.server_url, keyring_token, ca_bundle=config.ca_bundle_path(),
            timeout=5.0, connect_timeout=3.0,
        ) as client:  # fmt: skip
            device_id, office = client.whoami()
    except RevokedError:
        return CheckResult(
            "enrolment", Status.FAIL, "the platform revoked this device", both("revoked")
        )
    except (SyncError, ValueError) as error:
        recorded = read_enrolment()
        where = (
            f"office {recorded.office_id} (recorded {recorded.enrolled_at[:10]})"
            if recorded
            else "an unrecorded office"
        )
        return CheckResult(
            "enrolment", Status.NOTE, f"enrolled in {where}; the platform did not answer ({error})"
        )
    if office != config.office_id:
        words = {"enrolled": office, "configured": config.office_id, "path": str(config_path)}
        detail = f"the platform has this device in office {office}, the office file says {config.office_id}"
        return CheckResult("enrolment", Status.FAIL, detail, both("office_mismatch", **words))
    return CheckResult("enrolment", Status.OK, f"device {device_id} of office {office}")


def check_catalog(config: OfficeConfig | None) -> CheckResult:
    if config is None:
        return CheckResult("catalog", Status.NOTE, "skipped (no valid configuration)")
    return check_catalog_signature(config, app_paths().catalog_dir)


def run_checks(
    config_path: Path, say: Callable[[CheckResult], None] = lambda _r: None
) -> list[CheckResult]:
    from sync.protocol import KEYRING_SERVICE, KEYRING_USERNAME

    results: list[CheckResult] = []

    def record(result: CheckResult) -> None:
        results.append(result)
        say(result)

    configuration, config = check_configuration(config_path)
    record(configuration)
    record(check_database(app_paths().database))
    record(check_keyring(KEYRING_SERVICE, KEYRING_USERNAME))
    record(check_admin_exit(config))
    record(check_fonts(resources_dir() / "fonts"))
    record(check_qt_platform(config))
    record(check_printer(config))
    record(check_keyboard(config))
    record(check_camera(config))
    record(check_server(config))
    record(check_enrolment(config, config_path))
    record(check_catalog(config))
    record(check_updates())
    return results


def check_updates() -> CheckResult:
    """The running version, its channel and the last update check (docs/updates.md)."""
    from ui.cli.commands.update import status_lines

    lines = status_lines()
    failed = "refused" in lines[-1] or "failed its self-test" in lines[-1]
    return CheckResult(
        "updates",
        Status.NOTE if failed else Status.OK,
        "; ".join(lines),
        "see `kiosk update status`; the running version is unaffected" if failed else "",
    )


def versions() -> dict[str, str]:
    found = {
        "kiosk": _kiosk_version(),
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "frozen": str(bool(getattr(sys, "frozen", False))),
    }
    try:
        import PySide6
        from PySide6.QtCore import qVersion

        found["qt"] = qVersion()
        found["PySide6"] = PySide6.__version__
    except ImportError:
        found["qt"] = "not importable"
    for package in PACKAGES:
        try:
            found[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            found[package] = "-"
    return found


def _kiosk_version() -> str:
    import kiosk

    return kiosk.__version__
