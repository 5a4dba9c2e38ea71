"""A package's names come from their submodules at first use, and stay on the package."""

from __future__ import annotations

import sys
import types
from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture
def package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[types.ModuleType]:
    (tmp_path / "lazy_pkg").mkdir()
    (tmp_path / "lazy_pkg" / "__init__.py").write_text(
        "from kiosk.first_use import names_from_submodules\n"
        "__getattr__ = names_from_submodules(__name__, {'answer': 'heavy'})\n"
    )
    (tmp_path / "lazy_pkg" / "heavy.py").write_text("answer = 42\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    yield __import__("lazy_pkg")
    for name in ("lazy_pkg", "lazy_pkg.heavy"):
        sys.modules.pop(name, None)


def test_a_name_s_submodule_is_imported_when_the_name_is_first_read(
    package: types.ModuleType,
) -> None:
    assert "lazy_pkg.heavy" not in sys.modules
    from lazy_pkg import answer  # type: ignore[import-not-found]

    assert answer == 42
    assert "lazy_pkg.heavy" in sys.modules
    assert vars(package)["answer"] == 42  # kept: the next read is a plain attribute


def test_a_name_the_package_does_not_declare_is_an_attribute_error(
    package: types.ModuleType,
) -> None:
    with pytest.raises(AttributeError, match="module 'lazy_pkg' has no attribute 'question'"):
        package.question  # noqa: B018 - the read is the test


def test_the_app_s_packages_give_the_same_objects_as_their_submodules() -> None:
    import kiosk.documents
    import kiosk.documents.limits
    import kiosk.engine
    import kiosk.engine.session
    import kiosk.scanning
    import kiosk.scanning.sane

    assert kiosk.documents.DocumentLimits is kiosk.documents.limits.DocumentLimits
    assert kiosk.engine.FillingSession is kiosk.engine.session.FillingSession
    assert kiosk.scanning.SaneCommand is kiosk.scanning.sane.SaneCommand
    with pytest.raises(AttributeError):
        kiosk.engine.not_a_name  # noqa: B018
