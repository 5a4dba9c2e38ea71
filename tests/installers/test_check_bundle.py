"""installers/check_bundle.py: a bundle that would carry a library outside the allowlist,
or link one a bare Debian 12 lacks, fails the build; the real shape of a bundle passes.

The bundles here are folders laid out as PyInstaller lays them out, holding real ELF files
copied from this machine (the interpreter's extension modules, Qt's plugins, a system
library), so the checker reads real dynamic sections."""

from __future__ import annotations

import _sqlite3
import importlib.util
import shutil
import sys
from contextlib import redirect_stdout
from io import StringIO
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
SONAMES = ROOT / "installers" / "linux" / "debian12-sonames.txt"
QT = Path(importlib.util.find_spec("PySide6").origin).parent / "Qt"  # type: ignore[arg-type, union-attr]
SQLITE_EXTENSION = Path(_sqlite3.__file__)  # the interpreter's own: links libsqlite3 (Depends)


def _load(name: str) -> ModuleType:  # installers/ is a folder of build scripts, not a package
    spec = importlib.util.spec_from_file_location(name, ROOT / "installers" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


check_bundle = _load("check_bundle")
bundle_policy = _load("bundle_policy")


def _system_library(name: str) -> Path:
    for folder in ("/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu", "/usr/lib64", "/usr/lib"):
        if (Path(folder) / name).exists():
            return (Path(folder) / name).resolve()
    pytest.fail(f"{name} is not on this machine (scripts/bootstrap.sh installs Qt's libraries)")


def _bundle(tmp_path: Path) -> Path:
    """A minimal bundle: the sqlite3 extension module, whose libsqlite3 comes from Depends."""
    internal = tmp_path / "periferia-kiosk" / "_internal"
    (internal / "lib-dynload").mkdir(parents=True)
    shutil.copy(SQLITE_EXTENSION, internal / "lib-dynload" / SQLITE_EXTENSION.name)
    return internal.parent


def _check(bundle: Path, sonames: Path = SONAMES) -> tuple[int, str]:
    out = StringIO()
    with redirect_stdout(out):
        status = check_bundle.main([str(bundle), "--sonames", str(sonames)])
    return status, out.getvalue()


def test_a_bundle_of_the_apps_own_binaries_linking_only_depends_passes(tmp_path: Path) -> None:
    status, out = _check(_bundle(tmp_path))
    assert status == 0, out
    assert "every linked library resolves" in out


def test_a_host_library_copied_into_the_bundle_fails_the_build(tmp_path: Path) -> None:
    bundle = _bundle(tmp_path)
    shutil.copy(_system_library("libsqlite3.so.0"), bundle / "_internal" / "libsqlite3.so.0")
    status, out = _check(bundle)
    assert status == 1
    assert "libsqlite3.so.0: a library outside the allowlist" in out


def test_a_library_linked_but_neither_bundled_nor_on_a_bare_system_fails(tmp_path: Path) -> None:
    bundle = _bundle(tmp_path)
    shorter = tmp_path / "sonames.txt"
    shorter.write_text(SONAMES.read_text().replace("libsqlite3.so.0\n", ""))
    status, out = _check(bundle, shorter)
    assert status == 1
    assert "links libsqlite3.so.0, which is neither bundled nor on a bare Debian 12" in out


def test_a_qt_plugin_outside_the_allowlist_fails(tmp_path: Path) -> None:
    bundle = _bundle(tmp_path)
    theme = QT / "plugins" / "platformthemes" / "libqgtk3.so"
    target = bundle / "_internal" / "PySide6" / "Qt" / "plugins" / "platformthemes"
    target.mkdir(parents=True)
    shutil.copy(theme, target / theme.name)
    status, out = _check(bundle)
    assert status == 1
    assert "platformthemes/libqgtk3.so: a Qt plugin outside the allowlist" in out


def test_qt_keyboard_plugin_is_allowed_only_in_a_keyboard_build() -> None:
    plugin = "platforminputcontexts/libqtvirtualkeyboardplugin.so"
    assert not bundle_policy.plugin_allowed(plugin, virtual_keyboard=False)
    assert bundle_policy.plugin_allowed(plugin, virtual_keyboard=True)


def test_the_spec_tells_host_libraries_from_the_pythons_own_by_where_they_come_from() -> None:
    assert bundle_policy.is_host_library(str(_system_library("libsqlite3.so.0")))
    assert not bundle_policy.is_host_library(str(SQLITE_EXTENSION))
    assert bundle_policy.host_library_allowed("libpython3.11.so.1.0")
    assert not bundle_policy.host_library_allowed("libsndfile.so.1")


def test_a_missing_bundle_or_list_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    status, out = _check(tmp_path / "nothing")
    assert status == 2 and "no such bundle folder" in out
    status, out = _check(_bundle(tmp_path), tmp_path / "x.txt")
    assert status == 2 and "--list-sonames" in out
