"""What the one-folder bundle may hold: decided here, by name, not by what happens to be
installed on the build machine (issue #22).

Read by the PyInstaller spec (to filter what PyInstaller collected) and by
installers/check_bundle.py (to verify the built folder). PyInstaller copies every library
that a collected binary links, wherever it finds it: with Debian's libpulse0 on the build
host it bundled libsndfile and seven codecs that a bare Debian 12 does not have. So:

- a library from the Python environment (the interpreter's prefix, the venv, a wheel) is
  the app's own and is bundled;
- a library from the host system (/lib, /usr/lib, ...) is not, unless it is named in
  HOST_LIBS_BUNDLED; the .deb's Depends bring it on the device instead;
- what the bundle links from the system must be on the list of sonames that a bare
  Debian 12 with the package's Depends provides (installers/linux/debian12-sonames.txt,
  made by `scripts/test-deb-chroot.sh --list-sonames`).
"""

from __future__ import annotations

import sys
from pathlib import Path

# Host libraries bundled on purpose, by name prefix. The interpreter's own libpython (on a
# build host whose Python is Debian's, it lives in /usr/lib); nothing else today.
HOST_LIBS_BUNDLED: tuple[str, ...] = ("libpython3",)

# Qt plugins kept, per folder under PySide6/Qt/plugins/ (file stems); None keeps the folder.
KEEP_PLUGINS_BASE: dict[str, set[str] | None] = {
    "platforms": {"libqoffscreen", "libqxcb", "qoffscreen", "qwindows", "qminimal"},
    "imageformats": {"libqsvg", "libqjpeg", "qsvg", "qjpeg"},  # PNG is built into QtGui
    "platforminputcontexts": {"libcomposeplatforminputcontextplugin"},
    "platformthemes": set(),  # GTK theme: drags GTK, cairo, pango
    "printsupport": None,
    # Widgets paint in software; GL integrations only serve QML/OpenGL widgets.
    "xcbglintegrations": set(),
    "iconengines": None,
    "tls": None,
    "styles": None,
}


def keep_plugins(virtual_keyboard: bool) -> dict[str, set[str] | None]:
    plugins = {
        folder: (None if kept is None else set(kept)) for folder, kept in KEEP_PLUGINS_BASE.items()
    }
    if virtual_keyboard:
        contexts = plugins["platforminputcontexts"]
        assert contexts is not None
        contexts.add("libqtvirtualkeyboardplugin")
        plugins["xcbglintegrations"] = None  # QtQuick draws through them
    return plugins


def python_roots() -> tuple[Path, ...]:
    """Where the app's own binaries come from: the interpreter and its environments."""
    roots = {Path(p).resolve() for p in (sys.prefix, sys.base_prefix, sys.exec_prefix)}
    return tuple(sorted(roots))


def is_host_library(source: str, roots: tuple[Path, ...] | None = None) -> bool:
    """A library PyInstaller found on the build host's system, not in Python's tree."""
    path = Path(source).resolve()
    return not any(path.is_relative_to(root) for root in roots or python_roots())


def host_library_allowed(name: str) -> bool:
    return name.startswith(HOST_LIBS_BUNDLED)


def plugin_allowed(relative: str, virtual_keyboard: bool) -> bool:
    """`relative` is a path under PySide6/Qt/plugins/: folder/file."""
    folder, _, file = relative.partition("/")
    allowed = keep_plugins(virtual_keyboard).get(folder, set())
    return allowed is None or file.split(".")[0] in allowed
