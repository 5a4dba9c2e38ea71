from __future__ import annotations

from pathlib import Path

import msgspec
import pytest

from kiosk.catalog.loader import load_catalog, sample_catalog_dir
from kiosk.catalog.model import Procedure
from kiosk.catalog.search import SearchIndex


@pytest.fixture(scope="module")
def procedures() -> list[Procedure]:
    return list(load_catalog(sample_catalog_dir()).procedures.values())


def _kept(folder: Path) -> list[Path]:
    return sorted(folder.glob("index-*.sqlite3"))


def test_the_next_start_with_the_same_catalog_reads_the_kept_index_back(
    tmp_path: Path, procedures: list[Procedure]
) -> None:
    first = SearchIndex(cache_dir=tmp_path)
    assert first.rebuild(procedures) == len(procedures)
    assert not first.restored_from_cache
    assert len(_kept(tmp_path)) == 1

    second = SearchIndex(cache_dir=tmp_path)
    assert second.rebuild(procedures) == len(procedures)
    assert second.restored_from_cache
    for query in ("άδεια ταξί", "adeia taxi", "ταξ", "κτηνιατρ"):
        assert second.search(query) == first.search(query)
    assert second.all_titles("en") == first.all_titles("en")


def test_a_changed_catalog_is_indexed_afresh_and_the_stale_copy_dropped(
    tmp_path: Path, procedures: list[Procedure]
) -> None:
    SearchIndex(cache_dir=tmp_path).rebuild(procedures)
    stale = _kept(tmp_path)
    renamed = msgspec.structs.replace(
        procedures[0], title=msgspec.structs.replace(procedures[0].title, el="Ζωοκλοπή ελέφαντα")
    )

    index = SearchIndex(cache_dir=tmp_path)
    index.rebuild([renamed, *procedures[1:]])

    assert not index.restored_from_cache
    assert index.search("ελεφαντα")[0].procedure_id == renamed.id
    assert len(_kept(tmp_path)) == 1 and _kept(tmp_path) != stale


def test_an_unreadable_kept_index_is_rebuilt_and_replaced(
    tmp_path: Path, procedures: list[Procedure]
) -> None:
    SearchIndex(cache_dir=tmp_path).rebuild(procedures)
    (kept,) = _kept(tmp_path)
    kept.write_bytes(b"not a database at all" * 100)

    index = SearchIndex(cache_dir=tmp_path)
    index.rebuild(procedures)

    assert not index.restored_from_cache
    assert index.search("άδεια ταξί")[0].procedure_id == "taxi-driver-licence"
    assert SearchIndex(cache_dir=tmp_path).rebuild(procedures) == len(procedures)


def test_a_cache_folder_that_cannot_be_written_only_costs_the_speed_up(
    tmp_path: Path, procedures: list[Procedure]
) -> None:
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")

    index = SearchIndex(cache_dir=blocker / "cache")

    assert index.rebuild(procedures) == len(procedures)
    assert index.search("άδεια ταξί")[0].procedure_id == "taxi-driver-licence"


def test_without_a_cache_folder_nothing_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, procedures: list[Procedure]
) -> None:
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    SearchIndex().rebuild(procedures)
    assert list(here.iterdir()) == []
