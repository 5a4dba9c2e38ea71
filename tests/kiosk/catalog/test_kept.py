from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import msgspec
import pytest

from kiosk.catalog import check, kept
from kiosk.catalog.kept import Kept, catalog_key, kept_catalog, load_catalog_kept
from kiosk.catalog.loader import CatalogLoad, Problem, load_catalog, sample_catalog_dir
from kiosk.catalog.search import SearchIndex, procedures_digest

ROOT = Path(__file__).resolve().parents[3]
TAXI = "taxi-driver-licence"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A copy of the sample catalog: its manifest, procedures and overrides."""
    copy = tmp_path / "catalog"
    shutil.copytree(sample_catalog_dir(), copy, ignore=shutil.ignore_patterns("sheets"))
    return copy


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids of the procedures the checker was given (the real checker runs)."""
    seen: list[str] = []
    real = check.check_procedure

    def counting(procedure: check.Procedure) -> list[Problem]:
        seen.append(procedure.id)
        return real(procedure)

    monkeypatch.setattr(check, "check_procedure", counting)
    return seen


def _kept_files(cache: Path) -> list[Path]:
    return sorted(cache.glob("catalog-*.msgpack"))


def _edit(path: Path, change: Callable[[dict[str, Any]], None]) -> None:
    data = json.loads(path.read_text("utf-8"))
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")


def test_the_kept_copy_gives_the_same_catalog_as_a_full_load(
    tmp_path: Path, checks: list[str]
) -> None:
    cache = tmp_path / "kept"
    first = load_catalog_kept(sample_catalog_dir(), cache)
    assert len(checks) == len(first.procedures) and len(_kept_files(cache)) == 1
    checks.clear()

    second = load_catalog_kept(sample_catalog_dir(), cache)

    assert checks == []  # decoded, not checked again
    assert second == first == load_catalog(sample_catalog_dir())
    assert second.overrides and second.manifest["catalog_id"] == "periferia-sample"
    amounts = [fee.amount for p in second.procedures.values() for fee in p.fees if fee.amount]
    assert amounts and all(type(amount) is Decimal for amount in amounts)
    assert all(type(p) is type(first.procedures[TAXI]) for p in second.procedures.values())


def test_problems_and_overrides_are_reported_again_from_the_kept_copy(
    folder: Path, tmp_path: Path, checks: list[str]
) -> None:
    (folder / "procedures" / "half-written.json").write_text('{"id": "x", "ver', "utf-8")
    _edit(
        folder / "procedures" / f"{TAXI}.json",
        lambda data: data.update(steps=[*data["steps"], {"id": "late", "title": {"el": "Α"}}]),
    )
    shutil.copy(
        folder / "overrides" / "olive-grove-gis-register.13.json",
        folder / "overrides" / "nowhere.13.json",
    )
    _edit(folder / "overrides" / "nowhere.13.json", lambda d: d.update(procedure_id="no-such"))
    cache = tmp_path / "kept"
    full = load_catalog_kept(folder, cache)
    checks.clear()

    again = load_catalog_kept(folder, cache)

    assert checks == []
    assert again == full and again.overrides == full.overrides
    assert len(again.problems) >= 3 and again.problems == full.problems
    assert {p.procedure_id for p in again.problems} >= {"half-written.json", "no-such", TAXI}


def _same_size_other_bytes(path: Path) -> None:
    """Another version, same length and mtime: only the bytes tell."""
    before, data = path.stat(), bytearray(path.read_bytes())
    at = data.index(b'"version": "') + len(b'"version": "')
    data[at] = data[at] + 1 if data[at] < ord("9") else data[at] - 1
    path.write_bytes(data)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size


CHANGES: dict[str, Callable[[Path], None]] = {
    "a procedure's bytes": lambda f: _same_size_other_bytes(f / "procedures" / f"{TAXI}.json"),
    "an added procedure": lambda f: _edit(
        Path(shutil.copy(f / "procedures" / f"{TAXI}.json", f / "procedures" / "copy.json")),
        lambda data: data.update(id="taxi-copy"),
    ),
    "a removed procedure": lambda f: (f / "procedures" / "vineyard-register.json").unlink(),
    "an override": lambda f: _edit(
        f / "overrides" / f"{TAXI}.9.json", lambda data: data.update(note={"el": "Νέο"})
    ),
    "the manifest": lambda f: _edit(f / "catalog.json", lambda data: data.update(version="2")),
    "a removed manifest": lambda f: (f / "catalog.json").unlink(),
}


@pytest.mark.parametrize("change", CHANGES.values(), ids=CHANGES.keys())
def test_a_changed_folder_is_loaded_afresh_at_the_next_start(
    folder: Path, tmp_path: Path, change: Callable[[Path], None]
) -> None:
    cache = tmp_path / "kept"
    before = load_catalog_kept(folder, cache)
    stale = _kept_files(cache)

    change(folder)
    after = load_catalog_kept(folder, cache)

    assert after == load_catalog(folder) != before
    assert len(_kept_files(cache)) == 1 and _kept_files(cache) != stale


def _wrong_value(data: bytes) -> bytes:
    """A valid encoding of a value that breaks a record's own rule (a fee below zero)."""
    raw = msgspec.msgpack.decode(data)
    for procedure in raw["load"]["procedures"].values():
        for fee in procedure.get("fees", []):
            if fee.get("amount") is not None:
                fee["amount"] = "-5"
                return msgspec.msgpack.encode(raw)
    raise AssertionError("no fee with an amount in the sample catalog")


def _another_catalog(data: bytes) -> bytes:
    """A well-formed kept copy, of another catalog, under this catalog's name."""
    assert msgspec.msgpack.decode(data, type=Kept).key != "0" * 32
    other = Kept(key="0" * 32, load=CatalogLoad(), procedures_digest=bytes(32))
    return msgspec.msgpack.encode(other)


def _nested_without_end(data: bytes) -> bytes:
    """This catalog's key, and a manifest nested 200,000 lists deep."""
    key, encode = msgspec.msgpack.decode(data)["key"], msgspec.msgpack.encode
    head = b"\x82" + encode("key") + encode(key) + encode("load") + b"\x81"
    return head + encode("manifest") + b"\x81" + encode("x") + b"\x91" * 200_000 + b"\xc0"


def _mismatched_ids(data: bytes) -> bytes:
    raw = msgspec.msgpack.decode(data)
    procedures = raw["load"]["procedures"]
    procedures["renamed"] = procedures.pop(TAXI)
    return msgspec.msgpack.encode(raw)


def _short_digest(data: bytes) -> bytes:
    raw = msgspec.msgpack.decode(data)
    raw["procedures_digest"] = raw["procedures_digest"][:4]
    return msgspec.msgpack.encode(raw)


DAMAGE: dict[str, Callable[[bytes], bytes]] = {
    "cut short": lambda data: data[: len(data) // 2],
    "garbage": lambda data: b"\xc1\xff garbage " * 100,
    "empty": lambda data: b"",
    "nested without end": _nested_without_end,
    "a record's rule broken": _wrong_value,
    "another catalog's copy": _another_catalog,
    "a procedure under another id": _mismatched_ids,
    "a digest cut short": _short_digest,
}


@pytest.mark.parametrize("damage", DAMAGE.values(), ids=DAMAGE.keys())
def test_a_damaged_kept_copy_gives_the_full_load_a_warning_and_is_replaced(
    folder: Path,
    tmp_path: Path,
    damage: Callable[[bytes], bytes],
    checks: list[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    cache = tmp_path / "kept"
    full = load_catalog_kept(folder, cache)
    (path,) = _kept_files(cache)
    path.write_bytes(damage(path.read_bytes()))
    checks.clear()

    with caplog.at_level(logging.WARNING, logger="kiosk.catalog.kept"):
        again = load_catalog_kept(folder, cache)

    assert again == full and checks  # loaded and checked in full
    assert "kept catalog" in caplog.text and "loading in full" in caplog.text
    checks.clear()
    assert load_catalog_kept(folder, cache) == full and checks == []  # replaced


def test_a_cache_folder_that_cannot_be_written_still_loads(
    folder: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", "utf-8")

    with caplog.at_level(logging.WARNING, logger="kiosk.catalog.kept"):
        load = load_catalog_kept(folder, blocked / "kept")

    assert load == load_catalog(folder)
    assert "catalog not kept for the next start" in caplog.text


def test_a_manifest_msgpack_cannot_hold_is_loaded_and_not_kept(
    folder: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (folder / "catalog.json").write_text('{"catalog_id": "x", "big": ' + "9" * 30 + "}")
    cache = tmp_path / "kept"

    with caplog.at_level(logging.WARNING, logger="kiosk.catalog.kept"):
        load = load_catalog_kept(folder, cache)

    assert load == load_catalog(folder) and load.manifest["big"] == int("9" * 30)
    assert _kept_files(cache) == [] and "catalog not kept" in caplog.text


def test_the_key_changes_with_the_code_that_checks(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "kiosk"
    shutil.copytree(kept.PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(kept, "PACKAGE", package)
    before = catalog_key(folder)

    with (package / "catalog" / "check.py").open("a", encoding="utf-8") as source:
        source.write("# a rule changed\n")
    changed = catalog_key(folder)
    shutil.rmtree(package)  # a frozen build: no sources, its version stands for them
    frozen = catalog_key(folder)

    assert len({before, changed, frozen}) == 3 and None not in {before, changed, frozen}


def test_a_start_with_a_kept_copy_imports_neither_the_checker_nor_cel(tmp_path: Path) -> None:
    cache = tmp_path / "kept"
    load_catalog_kept(sample_catalog_dir(), cache)
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from kiosk.catalog.kept import load_catalog_kept\n"
        "from kiosk.catalog.loader import sample_catalog_dir\n"
        f"load = load_catalog_kept(sample_catalog_dir(), Path({str(cache)!r}))\n"
        "print(len(load.procedures), sorted({'cel', 'kiosk.catalog.check'} & set(sys.modules)))\n"
    )

    run = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60
    )

    assert run.returncode == 0, run.stderr[-2000:]
    count = len(load_catalog(sample_catalog_dir()).procedures)
    assert run.stdout.split(maxsplit=1) == [str(count), "[]\n"]


def test_the_search_index_kept_for_the_catalog_is_found_by_the_kept_digest(
    tmp_path: Path,
) -> None:
    procedures = list(load_catalog(sample_catalog_dir()).procedures.values())
    SearchIndex(cache_dir=tmp_path / "index").rebuild(procedures)  # found by encoding them
    first = kept_catalog(sample_catalog_dir(), tmp_path / "kept")  # a full load
    second = kept_catalog(sample_catalog_dir(), tmp_path / "kept")  # its kept copy

    assert first.procedures_digest == second.procedures_digest == procedures_digest(procedures)
    index = SearchIndex(cache_dir=tmp_path / "index")
    index.rebuild(second.load.procedures.values(), content=second.procedures_digest)
    assert index.restored_from_cache
    index.rebuild(second.load.procedures.values(), content=bytes(32))  # it is the key
    assert not index.restored_from_cache


def test_a_folder_changed_while_it_was_loaded_is_not_kept(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def installed_meanwhile(loading: Path) -> CatalogLoad:
        load = load_catalog(loading)
        (loading / "procedures" / "vineyard-register.json").unlink()  # a bundle installed
        return load

    monkeypatch.setattr(kept, "load_catalog", installed_meanwhile)
    cache = tmp_path / "kept"
    load_catalog_kept(folder, cache)

    assert _kept_files(cache) == []
    monkeypatch.undo()
    assert load_catalog_kept(folder, cache) == load_catalog(folder)
    assert len(_kept_files(cache)) == 1
