"""Installing a signed catalog bundle on a device, atomically, keeping what open drafts
need (the bundle format and its verification are kiosk/catalog/bundle.py).

Installing verifies everything first (signature, every hash, no file missing or extra,
the definitions themselves, a newer version), in memory and in a scratch folder beside
the installed one, so a refused bundle leaves the installed catalog byte for byte as it
was. The new folder is written and fsynced, then swapped in by two renames; a crash
between them is repaired on the next install (the old folder comes back). Definition
versions that open drafts still use are copied into `versions/<id>/<version>.json` of
the new folder, so a draft started on version 1 stays completable after version 2.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sys
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import msgspec

from kiosk.catalog.bundle import (
    MANIFEST,
    SIGNATURE,
    Bundle,
    BundleError,
    NotInstalledError,
    catalog_files,
    catalog_version_key,
    checked_entries,
    fsync_dir,
    parse_manifest,
    verify_bundle,
    verify_signature,
    write_files,
)
from kiosk.catalog.loader import (
    VERSIONS_DIR,
    DefinitionUnavailableError,
    find_definition,
    load_definition,
)

INSTALL_INFO = "install.json"  # local facts (when, ETag, kept versions): not signed


class InstallBusyError(BundleError):
    """Another installation holds the lock: nothing is wrong with the bundle itself, so
    the network lane tries it again rather than remembering it as refused."""


class InstallResult(msgspec.Struct, frozen=True):
    catalog_id: str
    version: str
    previous_version: str | None
    procedures: int
    overrides: int
    kept: list[tuple[str, str]] = []  # archived for open drafts
    missing: list[tuple[str, str]] = []  # wanted, found nowhere

    def __str__(self) -> str:
        was = f" (was {self.previous_version})" if self.previous_version else ""
        text = (
            f"installed catalog {self.catalog_id} version {self.version}{was}: "
            f"{self.procedures} procedures, {self.overrides} Region overrides"
        )
        if self.kept:
            text += "; kept for open drafts: " + ", ".join(f"{i} {v}" for i, v in self.kept)
        if self.missing:
            text += "; NOT found for open drafts: " + ", ".join(f"{i} {v}" for i, v in self.missing)
        return text


# -- installing ------------------------------------------------------------------------


def _staging(catalog_dir: Path) -> Path:
    return catalog_dir.with_name(f".{catalog_dir.name}.installing")


def _previous(catalog_dir: Path) -> Path:
    return catalog_dir.with_name(f".{catalog_dir.name}.previous")


def recover_interrupted_install(catalog_dir: Path) -> None:
    """After a crash between the two renames the installed folder is missing and the old
    one waits beside it: put it back. Leftover scratch folders are removed."""
    previous = _previous(catalog_dir)
    if previous.exists():
        if catalog_dir.exists():
            shutil.rmtree(previous)
        else:
            os.replace(previous, catalog_dir)
            fsync_dir(catalog_dir.parent)
    if _staging(catalog_dir).exists():
        shutil.rmtree(_staging(catalog_dir))


def installed_version(catalog_dir: Path) -> tuple[str, str] | None:
    """(catalog id, version) of the installed bundle, from its manifest."""
    try:
        manifest = parse_manifest((catalog_dir / MANIFEST).read_bytes())
    except (OSError, BundleError):
        return None
    return manifest.catalog_id, manifest.version


def install_bundle(
    data: bytes,
    catalog_dir: Path,
    public_key: bytes,
    keep: Iterable[tuple[str, str]] = (),
    etag: str | None = None,
) -> InstallResult:
    """Verify, then replace the installed catalog atomically; raises BundleError and
    changes nothing when the bundle is refused. `keep`: (procedure id, version) pairs
    still used by open drafts."""
    with _install_lock(catalog_dir):
        recover_interrupted_install(catalog_dir)
        bundle = verify_bundle(data, public_key)
        installed = installed_version(catalog_dir)
        if installed is not None:
            _refuse_not_newer(bundle, *installed)
        archive, kept, missing = _archive(bundle, catalog_dir, keep)
        info = {
            "installed_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "etag": etag,
            "kept_versions": [list(pair) for pair in kept],
        }
        _write_and_swap(
            catalog_dir,
            {
                **bundle.files,
                **archive,
                MANIFEST: bundle.manifest_bytes,
                SIGNATURE: bundle.signature,
                INSTALL_INFO: json.dumps(info, indent=2).encode(),
            },
        )
    overrides = sum(name.startswith("overrides/") for name in bundle.files)
    return InstallResult(
        catalog_id=bundle.catalog_id,
        version=bundle.version,
        previous_version=installed[1] if installed else None,
        procedures=sum(name.startswith("procedures/") for name in bundle.files),
        overrides=overrides,
        kept=kept,
        missing=missing,
    )


@contextlib.contextmanager
def _install_lock(catalog_dir: Path) -> Iterator[None]:
    """One installation at a time (the sync lane and an IT officer's command could
    meet); the OS drops the lock if the process dies, so it never goes stale."""
    catalog_dir.parent.mkdir(parents=True, exist_ok=True)
    with catalog_dir.with_name(f".{catalog_dir.name}.lock").open("a+b") as handle:
        try:
            if sys.platform == "win32":
                import msvcrt

                msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise InstallBusyError(
                "another catalog installation is running on this device; try again when it ends"
            ) from None
        yield  # closing the file releases the lock


def _write_and_swap(catalog_dir: Path, files: dict[str, bytes]) -> None:
    staging = _staging(catalog_dir)
    staging.mkdir()
    try:
        write_files(staging, files, sync=True)
        _swap(staging, catalog_dir)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


def _refuse_not_newer(bundle: Bundle, installed_id: str, installed: str) -> None:
    if bundle.catalog_id != installed_id:
        raise BundleError(
            f"the bundle is catalog {bundle.catalog_id}, this device has catalog "
            f"{installed_id}: a device follows one catalog; ask the Region which is right"
        )
    if catalog_version_key(bundle.version) <= catalog_version_key(installed):
        same = "the same as" if bundle.version == installed else "older than"
        raise BundleError(
            f"the bundle's version {bundle.version} is {same} the installed version "
            f"{installed}: only a newer catalog is installed"
        )


def _archive(
    bundle: Bundle, catalog_dir: Path, keep: Iterable[tuple[str, str]]
) -> tuple[dict[str, bytes], list[tuple[str, str]], list[tuple[str, str]]]:
    """Definition versions the open drafts need and the new bundle does not carry."""
    carried = set()
    for name, data in bundle.files.items():
        if name.startswith("procedures/"):
            with contextlib.suppress(ValueError, AttributeError):
                document = json.loads(data)
                carried.add((document.get("id"), document.get("version")))
    archive: dict[str, bytes] = {}
    kept: list[tuple[str, str]] = []
    missing: list[tuple[str, str]] = []
    for procedure_id, version in sorted(set(keep)):
        if (procedure_id, version) in carried:
            continue
        source = find_definition(catalog_dir, procedure_id, version)
        if source is None:
            missing.append((procedure_id, version))
            continue
        archive[f"{VERSIONS_DIR}/{procedure_id}/{version}.json"] = source.read_bytes()
        kept.append((procedure_id, version))
    return archive, kept, missing


def _swap(staging: Path, catalog_dir: Path) -> None:
    """Two renames; if the second fails the first is undone, and if the process dies
    between them recover_interrupted_install() undoes it on the next run."""
    previous = _previous(catalog_dir)
    had_one = catalog_dir.exists()
    if had_one:
        os.replace(catalog_dir, previous)
    try:
        os.replace(staging, catalog_dir)
    except OSError:
        if had_one:
            os.replace(previous, catalog_dir)
        raise
    fsync_dir(catalog_dir.parent)
    if had_one:
        shutil.rmtree(previous, ignore_errors=True)


def verify_installed(catalog_dir: Path, public_key: bytes) -> str:
    """Re-verify the installed catalog: signature, every file's hash, no file added
    beside them, archived versions loadable. Returns a one-line summary."""
    manifest_path = catalog_dir / MANIFEST
    if not manifest_path.is_file():
        raise NotInstalledError(f"no signed catalog installed in {catalog_dir}")
    try:
        manifest_bytes = manifest_path.read_bytes()
        signature = (catalog_dir / SIGNATURE).read_bytes()
    except OSError as error:
        raise BundleError(f"cannot read the installed manifest: {error.strerror}") from None
    verify_signature(manifest_bytes, signature, public_key)
    manifest = parse_manifest(manifest_bytes)
    on_disk = catalog_files(catalog_dir)
    entries = {**on_disk, MANIFEST: manifest_bytes, SIGNATURE: signature}
    checked_entries(entries, manifest)  # a file changed, missing or added raises
    archived = sorted((catalog_dir / VERSIONS_DIR).glob("*/*.json"))
    for path in archived:
        try:
            load_definition(catalog_dir, path.parent.name, path.stem)
        except DefinitionUnavailableError as error:
            raise BundleError(f"an archived version for open drafts is unusable: {error}") from None
    procedures = sum(name.startswith("procedures/") for name in on_disk)
    return (
        f"catalog {manifest.catalog_id} version {manifest.version} (signed {manifest.created}), "
        f"{procedures} procedures, {len(archived)} archived version(s) for open drafts"
    )
