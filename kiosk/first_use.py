"""A package's public names imported at their first use (PEP 562).

A package that re-exports its submodules' names makes every import of one submodule run
all of them: kiosk.documents would import pypdf and img2pdf (~100 ms), kiosk.engine the
whole engine, kiosk.scanning the SANE driver, at every start. Declared here instead, a
name's submodule is imported when the name is first read, and the name is kept on the
package then, so the next read is a plain attribute."""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from importlib import import_module
from typing import Any


def names_from_submodules(package: str, where: Mapping[str, str]) -> Callable[[str], Any]:
    """The package's `__getattr__`: `where` maps each name to the submodule defining it."""

    def __getattr__(name: str) -> Any:  # noqa: N807 - PEP 562's name
        if name not in where:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(import_module(f"{package}.{where[name]}"), name)
        setattr(sys.modules[package], name, value)
        return value

    return __getattr__
