"""A start whose catalog is unchanged reads the copy the previous start kept
(kiosk.catalog.kept): nothing is checked again, so the CEL library, which only the
checker and the form engine need, waits for the first procedure a citizen opens."""

from __future__ import annotations

from pathlib import Path

from benchmarks.probes import enrolled_device
from tests.ui.startup.test_start_imports import AT_LOADED, what_a_start_said

CEL = {"cel", "kiosk.catalog.check"}  # the library, and the checker that compiles


def _modules_when_loaded(folder: Path) -> set[str]:
    """The modules imported at the moment the app said it had loaded."""
    return set(what_a_start_said(folder, AT_LOADED).split())


def test_a_second_start_has_loaded_without_importing_the_cel_library(tmp_path: Path) -> None:
    enrolled_device(tmp_path, "kiosk")
    first = _modules_when_loaded(tmp_path)  # loads and checks the catalog, keeps it
    kept = list((tmp_path / "data" / "kept-catalog").glob("catalog-*.msgpack"))

    second = _modules_when_loaded(tmp_path)

    assert first >= CEL  # the first start did check every expression
    assert len(kept) == 1
    assert "kiosk.catalog.kept" in second and "ui.flow" in second
    assert CEL & second == set()
