"""The doctor's checks that need neither Qt nor the network."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import keyring
import keyring.errors

from kiosk.catalog.bundle import BundleError, NotInstalledError
from kiosk.catalog.install import verify_installed
from kiosk.config import ConfigError, OfficeConfig, load_office_config
from kiosk.diagnostics import CheckResult, Status


def check_configuration(path: Path) -> tuple[CheckResult, OfficeConfig | None]:
    try:
        config = load_office_config(path)
    except ConfigError as error:
        detail = f"{error.path}: " + "; ".join(error.problems)
        return CheckResult(
            "configuration", Status.FAIL, detail, "edit the file as each line says"
        ), None
    detail = (
        f"{path}: Region {config.region_code}, unit {config.regional_unit}, "
        f"office {config.office_id}, mode {config.mode}"
    )
    return CheckResult("configuration", Status.OK, detail), config


def check_database(path: Path) -> CheckResult:
    if not path.exists():
        return CheckResult("database", Status.NOTE, f"{path}: not created yet (the app creates it)")
    try:
        # mode=rw: never create or convert the file from here.
        connection = sqlite3.connect(f"file:{path}?mode=rw", uri=True, timeout=5)
        try:
            integrity = [row[0] for row in connection.execute("PRAGMA integrity_check(5)")]
            journal = str(connection.execute("PRAGMA journal_mode").fetchone()[0])
        finally:
            connection.close()
    except sqlite3.Error as error:
        return CheckResult(
            "database",
            Status.FAIL,
            f"{path}: cannot open ({error.__class__.__name__}: {error})",
            "stop the app, copy the file and its -wal/-shm aside for support, and call the "
            "Region's IT desk before removing anything: unsent submissions live in it",
        )
    if integrity != ["ok"]:
        return CheckResult(
            "database",
            Status.FAIL,
            f"{path}: integrity_check reports {len(integrity)} problem(s)",
            "stop the app, keep a copy of the file for support, and restore the last backup",
        )
    if journal.lower() != "wal":
        return CheckResult(
            "database",
            Status.FAIL,
            f"{path}: journal_mode is {journal}, not WAL",
            "start the app once (it sets WAL), or run: sqlite3 FILE 'PRAGMA journal_mode=WAL'",
        )
    size = path.stat().st_size
    return CheckResult("database", Status.OK, f"{path}: integrity ok, WAL, {size} bytes")


def check_keyring(service: str, username: str) -> CheckResult:
    """The keyring the app uses (chosen as `kiosk run` chooses it), and whether a device
    token is stored (never its value)."""
    from kiosk.store import keyring_choice

    if keyring_choice.choose_platform_keyring() == keyring_choice.DIRECT_SECRET_SERVICE:
        # On Linux the app reads the Secret Service through SecretStorage, not keyring.
        return _token_check(
            "the Secret Service (read through SecretStorage, as the app does)",
            lambda: keyring_choice.get_password(service, username),
        )
    backend = keyring.get_keyring()
    kind = type(backend)
    name = f"{kind.__module__}.{kind.__name__}"
    if kind.__module__.startswith("keyring.backends.fail") or (
        kind.__name__ == "ChainerBackend" and not getattr(backend, "backends", [])
    ):
        return CheckResult(
            "keyring",
            Status.FAIL,
            f"no usable keyring ({name})",
            'Linux: install gnome-keyring and log in through the "Periferia kiosk" '
            "session (it starts the keyring); Windows uses the Credential Manager",
        )
    if kind.__module__.startswith("keyrings.alt"):
        return CheckResult(
            "keyring",
            Status.FAIL,
            f"{name} keeps secrets in a plain file",
            "uninstall keyrings.alt and use the system keyring",
        )
    return _token_check(name, lambda: keyring.get_password(service, username))


def _token_check(name: str, read: Callable[[], str | None]) -> CheckResult:
    try:
        enrolled = read() is not None
    except keyring.errors.KeyringError as error:
        return CheckResult(
            "keyring",
            Status.FAIL,
            f"{name}: cannot read ({error.__class__.__name__})",
            "unlock the keyring of the kiosk user's session (it unlocks at login)",
        )
    if not enrolled:
        return CheckResult(
            "keyring",
            Status.FAIL,
            f"{name}: no device token (device not enrolled)",
            "run: kiosk enroll --server URL --code CODE (code from the Region's IT desk)",
        )
    return CheckResult("keyring", Status.OK, f"{name}: device token present")


def check_fonts(fonts_dir: Path) -> CheckResult:
    if not fonts_dir.is_dir():
        return CheckResult("fonts", Status.UNAVAILABLE, f"no {fonts_dir.name}/ in this build")
    files = sorted(p for p in fonts_dir.rglob("*") if p.suffix.lower() in (".ttf", ".otf"))
    if not files:
        return CheckResult(
            "fonts", Status.FAIL, f"{fonts_dir}: no font files", "reinstall the package"
        )
    from reportlab.pdfbase.ttfonts import TTFont

    broken = []
    for index, path in enumerate(files):
        try:
            TTFont(f"doctor-{index}", str(path))
        except Exception:  # reportlab raises a bare TTFError or struct errors
            broken.append(path.name)
    if broken:
        return CheckResult(
            "fonts",
            Status.FAIL,
            f"{len(broken)} of {len(files)} fonts do not load: {', '.join(broken)}",
            "reinstall the package (the files are damaged)",
        )
    return CheckResult("fonts", Status.OK, f"{len(files)} fonts load from {fonts_dir}")


def check_catalog_signature(config: OfficeConfig, catalog_dir: Path) -> CheckResult:
    """The installed catalog bundle verifies under the office's signing key."""
    try:
        summary = verify_installed(catalog_dir, config.public_key_bytes())
    except NotInstalledError:
        return CheckResult(
            "catalog",
            Status.NOTE,
            f"no signed catalog installed in {catalog_dir} yet: it arrives with the first "
            "sync, or run kiosk catalog install BUNDLE",
        )
    except (BundleError, ValueError) as error:  # any refusal is a failed check, with its reason
        return CheckResult(
            "catalog",
            Status.FAIL,
            f"installed catalog refused: {error}",
            "check catalog_public_key in the office configuration, then install the "
            "Region's current bundle again (kiosk catalog install BUNDLE, or let sync fetch it)",
        )
    return CheckResult("catalog", Status.OK, f"signature verifies: {summary}")


def check_admin_exit(config: OfficeConfig | None) -> CheckResult:
    """Whether a locked kiosk can be left by its administrator (never the PIN itself)."""
    from kiosk.admin_exit import AdminExit, ExitRefusedError
    from kiosk.verifier import VerifierError

    if config is not None and config.mode != "kiosk":
        return CheckResult("admin-exit", Status.OK, "not used (counter mode)")
    try:
        is_set = AdminExit().is_set()
    except (ExitRefusedError, VerifierError):
        return CheckResult("admin-exit", Status.FAIL, "the keyring cannot be read", "see keyring")
    if is_set:
        return CheckResult("admin-exit", Status.OK, "PIN set (5 taps on the header's name)")
    return CheckResult(
        "admin-exit",
        Status.NOTE,
        "no PIN: the locked kiosk can only be left by ending its session",
        "kiosk admin-pin",
    )
