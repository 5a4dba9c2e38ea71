"""PySide6's scan of every imported module's source (ui.startup.pyside_scan): narrowed
to the app's own Qt modules, read as bytes, before the first PySide6 import."""

from __future__ import annotations

import inspect
import sys
from pathlib import Path
from types import ModuleType

from benchmarks.probes import ROOT, enrolled_device
from tests.ui.startup.test_start_imports import at_loaded, what_a_start_said
from ui.startup.pyside_scan import narrow_pyside_source_scan

# The real `kiosk run` of an enrolled kiosk; when it says it has loaded, it names the
# files whose lines `linecache` holds.
CACHED_AT_LOADED = at_loaded(
    'import linecache\nsay("\\n".join(["CACHED"] + sorted(linecache.cache)), flush=True)'
)


def _scan() -> object:
    narrow_pyside_source_scan()
    return sys.modules["shibokensupport.feature"]._mod_uses_pyside


def test_the_apps_qt_modules_are_still_found_and_nothing_else_is_read() -> None:
    import kiosk.config
    import tests.ui.typing
    import ui.main_window
    import ui.texts

    scan = _scan()

    assert scan(ui.main_window) is True  # type: ignore[operator]
    assert scan(ui.texts) is False  # type: ignore[operator]  # an app module without Qt
    assert scan(tests.ui.typing) is False  # type: ignore[operator]  # Qt, not the app's
    assert scan(kiosk.config) is False  # type: ignore[operator]


def test_each_app_module_gets_the_answer_pyside6_itself_would_give() -> None:
    import ui.cli.commands.run
    import ui.flow  # noqa: F401 - many of the app's modules, with and without Qt

    scan = _scan()
    apps = [m for n, m in list(sys.modules.items()) if n.partition(".")[0] == "ui"]
    assert len(apps) > 20

    def upstream(module: ModuleType) -> bool:  # shibokensupport.feature._mod_uses_pyside
        try:
            return "PySide6" in inspect.getsource(module)
        except (OSError, TypeError):  # an empty __init__.py has "no source" for inspect
            return False

    assert {m.__name__: scan(m) for m in apps} == {m.__name__: upstream(m) for m in apps}  # type: ignore[operator]


def test_narrowing_twice_keeps_one_narrowing() -> None:
    first = _scan()
    assert _scan() is first
    assert getattr(first, "narrowed", False) is True


def test_a_start_keeps_no_source_lines_of_the_modules_it_imported(tmp_path: Path) -> None:
    enrolled_device(tmp_path, "kiosk")
    what_a_start_said(tmp_path, CACHED_AT_LOADED)  # the first start ever builds its caches

    said = what_a_start_said(tmp_path, CACHED_AT_LOADED)

    cached = said.split("CACHED\n", 1)[1].split()
    apps = tuple(str(ROOT / package) for package in ("kiosk", "ui", "sync"))
    assert [name for name in cached if name.startswith(apps)] == []  # none of the app's
    assert len(cached) <= 2  # PySide6 reads shiboken6's and enum's while it is imported
