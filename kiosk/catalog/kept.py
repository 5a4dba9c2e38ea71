"""A kept, already-checked copy of the catalog, read back at the next start.

`kiosk run` loads its catalog at every start, and the catalog folder changes only when a
bundle is installed: reading, validating and checking the same files again (every CEL
expression compiled) was ~35 ms of each start. After a full load, `load_catalog_kept`
keeps what `load_catalog` returned in one msgpack file; the next start whose key is
the same decodes it instead (a typed decode: the records are rebuilt as Structs and
their own rules, patterns, ranges and `__post_init__` checks, run again).

The key is a hash of everything the result depends on: the name and bytes of every
file `load_catalog` reads (mtimes are not enough: a copied folder keeps them), the
format of the kept file, and the code that reads, validates and checks (its sources,
or the app's version in a frozen build without sources; msgspec's version; the CEL
library's files). A kept file is only a speed-up: missing, unreadable, cut short,
tampered with or naming another key, it is logged and the catalog loaded in full;
a cache folder that cannot be written is logged too. Nothing here raises."""

from __future__ import annotations

import hashlib
import logging
import os
from contextlib import suppress
from importlib.util import find_spec
from pathlib import Path

import msgspec

from kiosk.catalog.loader import CatalogLoad, load_catalog
from kiosk.catalog.search import procedures_digest

log = logging.getLogger(__name__)

FORMAT_VERSION = 1  # bumped when what is kept changes shape
PREFIX = "catalog-"
SUFFIX = ".msgpack"
MAX_KEPT_BYTES = 64 * 1024 * 1024  # as untrusted.MAX_TOTAL_BYTES: a whole catalog inflated
PACKAGE = Path(__file__).resolve().parent.parent  # where CODE is read from
# The modules whose code decides what load_catalog returns, relative to the `kiosk`
# package: reading the files (loader, untrusted), the records and their validation
# (records, model, validation, record_problems), the checks (check, dependencies,
# expressions, cel_syntax), this module's own encoding and search, whose
# procedures_digest is kept too. A module that joins that path belongs here, or a kept
# copy would outlive a change to the rules.
CODE = (
    "catalog/kept.py",
    "catalog/search.py",
    "catalog/loader.py",
    "catalog/untrusted.py",
    "catalog/model.py",
    "catalog/validation.py",
    "catalog/check.py",
    "catalog/dependencies.py",
    "records.py",
    "record_problems.py",
    "expressions.py",
    "cel_syntax.py",
)


class Kept(msgspec.Struct, kw_only=True):
    key: str  # the name says it too: a file copied under another name is not read
    load: CatalogLoad
    # The search index's digest of the procedures (kiosk.catalog.search): the index
    # kept for them is found without encoding them all again.
    procedures_digest: bytes


def load_catalog_kept(folder: Path, cache_dir: Path) -> CatalogLoad:
    """What `load_catalog(folder)` returns, decoded from the copy kept in `cache_dir`
    when the folder and the code are unchanged since it was written."""
    return kept_catalog(folder, cache_dir).load


def kept_catalog(folder: Path, cache_dir: Path) -> Kept:
    """`load_catalog_kept`, with the digest of the procedures loaded (for the search
    index's `rebuild`); its key is "" when the folder could not be kept."""
    key = catalog_key(folder)
    if key is not None:
        kept = _read(cache_dir / f"{PREFIX}{key}{SUFFIX}", key)
        if kept is not None:
            return kept
    load = load_catalog(folder)
    kept = Kept(key="", load=load, procedures_digest=procedures_digest(load.procedures.values()))
    # Written only if the folder did not change while it was read (a bundle installed
    # meanwhile): the key must name exactly the files that were loaded.
    if key is not None and catalog_key(folder) == key:
        kept.key = key
        _keep(cache_dir / f"{PREFIX}{key}{SUFFIX}", kept)
    return kept


def catalog_key(folder: Path) -> str | None:
    """The hash of what a load of `folder` depends on; None when a file cannot be read
    (the full load reports it, and nothing is kept)."""
    digest = hashlib.sha256(f"kept catalog {FORMAT_VERSION}\n".encode())
    digest.update(_code_key())
    manifest = folder / "catalog.json"
    files = [("", manifest)] if manifest.exists() else []
    for kind in ("procedures", "overrides"):  # as load_catalog finds them, in its order
        files.extend((kind, path) for path in sorted((folder / kind).glob("*.json")))
    try:
        for kind, path in files:
            data = path.read_bytes()
            name = os.fsencode(f"{kind}/{path.name}")
            # Lengths first: no two different lists of files can hash the same bytes.
            digest.update(b"%d:%s%d:" % (len(name), name, len(data)))
            digest.update(data)
    except OSError as error:
        log.warning("catalog not kept: %s cannot be read (%s)", path.name, type(error).__name__)
        return None
    return digest.hexdigest()[:32]


def _code_key() -> bytes:
    """The code's part of the key: its sources (else the app's version), msgspec's
    version and the installed CEL library, which decides what compiles."""
    from kiosk import __version__

    digest = hashlib.sha256(f"msgspec {msgspec.__version__}\n".encode())
    for source in CODE:
        try:
            digest.update((PACKAGE / source).read_bytes())
        except OSError:  # a frozen bundle without sources: its version stands for them
            digest.update(f"app {__version__}\n".encode())
    try:  # found, not imported: importing CEL at a start is what this module avoids
        spec = find_spec("cel")
        for place in (spec.submodule_search_locations or []) if spec else []:
            for entry in sorted(os.scandir(place), key=lambda entry: entry.name):
                if entry.is_file():
                    info = entry.stat()
                    digest.update(f"{entry.name} {info.st_size} {info.st_mtime_ns}\n".encode())
    except (OSError, ImportError, ValueError):  # a frozen bundle: its version stands for it
        digest.update(f"app {__version__}\n".encode())
    return digest.digest()


def _read(path: Path, key: str) -> Kept | None:
    """The kept load at `path`, or None (logged unless there is none yet)."""
    try:
        with path.open("rb") as file:
            data = file.read(MAX_KEPT_BYTES + 1)
    except FileNotFoundError:
        return None
    except OSError as error:
        log.warning("kept catalog %s unreadable (%s): loading in full", path.name, error)
        return None
    try:
        if len(data) > MAX_KEPT_BYTES:
            raise ValueError(f"larger than {MAX_KEPT_BYTES} bytes")
        kept = msgspec.msgpack.decode(data, type=Kept)
        if kept.key != key:
            raise ValueError("it was kept for another catalog")
        load = kept.load
        if any(pid != procedure.id for pid, procedure in load.procedures.items()) or any(
            override.procedure_id not in load.procedures for override in load.overrides
        ):
            raise ValueError("its procedures and overrides do not match")
        if len(kept.procedures_digest) != hashlib.sha256().digest_size:
            raise ValueError("its digest of the procedures is cut short")
    # Any failure, whatever a damaged file makes the decoder or a record's own check
    # raise (deep nesting, a Decimal that cannot compare): the start must go on.
    except Exception as error:
        log.warning(
            "kept catalog %s refused (%s: %s): loading in full",
            path.name,
            type(error).__name__,
            str(error)[:200],
        )
        return None
    return kept


def _keep(path: Path, kept: Kept) -> None:
    """Write the load to the cache, whole or not at all, then drop the stale copies
    there. Only a speed-up: a failure is logged and the app goes on."""
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    try:
        data = msgspec.msgpack.encode(kept)
    # A manifest may hold what msgpack cannot: an integer above 2**64, a lone surrogate.
    except (TypeError, ValueError, OverflowError) as error:
        log.warning("catalog not kept for the next start: %s", type(error).__name__)
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(data)
        os.replace(partial, path)  # whole or absent: a reader never sees half a file
        for stale in path.parent.glob(f"{PREFIX}*{SUFFIX}"):
            if stale != path:
                stale.unlink(missing_ok=True)
    except OSError as error:
        log.warning("catalog not kept for the next start: %s", error)
        with suppress(OSError):
            partial.unlink(missing_ok=True)
