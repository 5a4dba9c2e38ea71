"""PySide6 reads the source of every module imported after it, through `inspect` and
`linecache`, looking for the word "PySide6" to decide whether its `__feature__` switches
(snake_case, true_property) may apply there (shibokensupport.feature._mod_uses_pyside).
`kiosk run` imports ~75 modules after PySide6 before its first paint and ~180 more while
it loads: the scan cost ~14 ms before the first screen and ~18 ms in all, and left
~1.8 MiB of source lines in `linecache`.

The app selects no feature, so the answer only matters for the app's own Qt modules
(`ui`): those are still asked, by reading the file's bytes (the same answer for UTF-8
source, without tokenizing it into lines that stay cached); every other module is
"ignore" (-1), which is what the scan answers for a module without the word. Harmless if
a PySide6 release moves this: the scan then just costs its time again."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType


def narrow_pyside_source_scan() -> None:
    """Before the app's first PySide6 import: from then on, only `ui` modules are read,
    as bytes. Once per process (a second call keeps the first narrowing)."""
    import shiboken6  # noqa: F401 - loads shibokensupport.feature, which holds the scan

    feature = sys.modules.get("shibokensupport.feature")
    scan: Callable[[ModuleType], bool] | None = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or scan is None or getattr(scan, "narrowed", False):
        return
    upstream = scan

    def uses_pyside(module: ModuleType) -> bool:
        if str(getattr(module, "__name__", "")).partition(".")[0] != "ui":
            return False
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return bool(upstream(module))  # no plain source file: PySide6's own way
        try:
            return b"PySide6" in Path(path).read_bytes()
        except OSError:
            return False  # as PySide6 answers when it cannot read the source

    uses_pyside.narrowed = True  # type: ignore[attr-defined]
    feature._mod_uses_pyside = uses_pyside  # type: ignore[attr-defined]
