"""Signed catalog bundles: a whole catalog as ONE file (keys, signing, reading and
verifying). Installing one on a device is kiosk/catalog/install.py.

A bundle is a zip archive holding the catalog's files (`catalog.json`,
`procedures/*.json`, `overrides/*.json`), `manifest.json` (catalog id, version, when it
was signed, the signing key's id and the sha256 of every file) and `manifest.sig`, the
Ed25519 signature over the exact bytes of manifest.json. The office configuration holds
the public key (`catalog_public_key`); the private key stays with the Region.

Reading verifies the structure, every hash and the signature before anything is used;
the zip and its JSON are read within limits by kiosk/catalog/untrusted.py, and the
signature over the manifest is checked before any catalog file is inflated. The format,
what is refused and why: docs/catalog-bundles.md.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import io
import json
import os
import re
import tempfile
import zipfile
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Final, Literal

import msgspec
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from kiosk.catalog.loader import (
    CatalogLoad,
    load_catalog,
)
from kiosk.catalog.untrusted import (
    MAX_BUNDLE_BYTES,
    MIB,
    BoundedZip,
    json_object,
)
from kiosk.catalog.untrusted import BundleError as BundleError  # its home is untrusted.py
from kiosk.catalog.validation import DefinitionError, decode
from kiosk.records import Record, whole

FORMAT: Final = "periferia-catalog-bundle"
MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
SIGNATURE_BYTES = 64
_CATALOG_FILE = re.compile(
    r"^(catalog\.json|(procedures|overrides)/[A-Za-z0-9][A-Za-z0-9._-]*\.json)$"
)
_ENTRY_NAME = re.compile(rf"^(manifest\.json|manifest\.sig|{_CATALOG_FILE.pattern[2:-2]})$")
_CATALOG_ID = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"
_CATALOG_VERSION = r"^\d{1,9}(\.\d{1,9}){0,3}$"
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # same catalog, same bytes


class NotInstalledError(BundleError):
    """No signed catalog has been installed in that folder yet."""


class _Manifest(Record, frozen=True, kw_only=True):
    format: Literal["periferia-catalog-bundle"]
    format_version: Literal[1]
    catalog_id: Annotated[str, msgspec.Meta(pattern=whole(_CATALOG_ID))]
    version: Annotated[str, msgspec.Meta(pattern=whole(_CATALOG_VERSION))]
    created: str
    key_id: Annotated[str, msgspec.Meta(pattern=whole(r"^[0-9a-f]{16}$"))]
    files: dict[str, str]


class Bundle(msgspec.Struct, frozen=True, kw_only=True):
    """A bundle whose structure and hashes have been checked."""

    catalog_id: str
    version: str
    created: str
    key_id: str
    files: dict[str, bytes]  # catalog files by their path inside the catalog folder
    manifest_bytes: bytes
    signature: bytes


# -- keys ------------------------------------------------------------------------------


def key_id(public_key: bytes) -> str:
    """A short name for a public key, shown when a bundle was signed with another one."""
    return hashlib.sha256(public_key).hexdigest()[:16]


def public_key_bytes(private_key: Ed25519PrivateKey) -> bytes:
    from cryptography.hazmat.primitives import serialization

    return private_key.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )


def public_key_text(public_key: bytes) -> str:
    """Base64, the form `catalog_public_key` takes in the office configuration."""
    return base64.b64encode(public_key).decode("ascii")


def generate_key_file(path: Path) -> str:
    """A new Ed25519 private key in PEM (PKCS#8), readable by its owner only, and its
    public key beside it (`<path>.pub`). Returns the public key as base64. An existing
    file is never overwritten: losing the Region's signing key locks out every device."""
    from cryptography.hazmat.primitives import serialization

    private_key = Ed25519PrivateKey.generate()
    pem = private_key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise BundleError(
            f"{path} exists; a key file is never overwritten: choose a new path"
        ) from None
    except OSError as error:
        raise BundleError(f"cannot create {path}: {error.strerror}") from None
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(pem)
        handle.flush()
        os.fsync(handle.fileno())
    text = public_key_text(public_key_bytes(private_key))
    path.with_name(path.name + ".pub").write_text(text + "\n", encoding="ascii")
    return text


def load_private_key(path: Path) -> Ed25519PrivateKey:
    # The signing side only: a device verifies with the raw public key, and this module
    # (its serialization formats cost ~5 ms to import) loads behind every device's start.
    from cryptography.hazmat.primitives import serialization

    try:
        data = path.read_bytes()
    except OSError as error:
        raise BundleError(f"cannot read the key file {path}: {error.strerror}") from None
    try:
        key = serialization.load_pem_private_key(data, password=None)
    except (ValueError, TypeError):
        raise BundleError(
            f"{path} is not an unencrypted PEM private key; make one with `kiosk catalog keygen`"
        ) from None
    if not isinstance(key, Ed25519PrivateKey):
        raise BundleError(f"{path} holds a {type(key).__name__}, not an Ed25519 key")
    return key


# -- signing ---------------------------------------------------------------------------


def catalog_version_key(version: str) -> tuple[int, ...]:
    """'2026.11.1' -> (2026, 11, 1, 0): dotted numbers, compared as numbers."""
    parts = tuple(int(part) for part in version.split("."))
    return parts + (0,) * (4 - len(parts))


def catalog_files(folder: Path) -> dict[str, bytes]:
    """The files the loader reads, by their path inside the folder."""
    paths = [folder / "catalog.json"]
    paths += sorted((folder / "procedures").glob("*.json"))
    paths += sorted((folder / "overrides").glob("*.json"))
    return {
        path.relative_to(folder).as_posix(): path.read_bytes() for path in paths if path.is_file()
    }


def build_bundle(
    folder: Path, private_key: Ed25519PrivateKey, created: datetime | None = None
) -> bytes:
    """Sign a catalog folder; refuses one with any check problem."""
    if not (folder / "procedures").is_dir():
        raise BundleError(f"{folder}: not a catalog folder (no procedures/ inside)")
    load = load_catalog(folder)
    if load.problems:
        raise BundleError(
            f"{folder}: {len(load.problems)} problem(s); fix them (kiosk catalog check) and sign again",
            [str(problem) for problem in load.problems],
        )
    catalog_id, version = _identity(load, folder)
    files = catalog_files(folder)
    for name in files:
        if not _CATALOG_FILE.match(name):
            raise BundleError(f"{folder / name}: rename it to letters, digits, '.', '_' or '-'")
    manifest = _Manifest(
        format=FORMAT,
        format_version=1,
        catalog_id=catalog_id,
        version=version,
        created=(created or datetime.now(UTC)).isoformat(timespec="seconds"),
        key_id=key_id(public_key_bytes(private_key)),
        files={name: hashlib.sha256(data).hexdigest() for name, data in files.items()},
    )
    manifest_bytes = (
        json.dumps(msgspec.structs.asdict(manifest), ensure_ascii=False, indent=2, sort_keys=True)
        + "\n"
    ).encode("utf-8")
    signature = private_key.sign(manifest_bytes)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in [(MANIFEST, manifest_bytes), (SIGNATURE, signature), *files.items()]:
            info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return out.getvalue()


def _identity(load: CatalogLoad, folder: Path) -> tuple[str, str]:
    catalog_id = load.manifest.get("catalog_id")
    version = load.manifest.get("version")
    if not isinstance(catalog_id, str) or not re.fullmatch(_CATALOG_ID, catalog_id):
        raise BundleError(
            f"{folder / 'catalog.json'}: needs a \"catalog_id\" (letters, digits, '.', '_', '-')"
        )
    if not isinstance(version, str) or not re.fullmatch(_CATALOG_VERSION, version):
        raise BundleError(
            f'{folder / "catalog.json"}: needs a "version" of dotted numbers, e.g. "2026.11.1"'
        )
    return catalog_id, version


# -- reading and verifying -------------------------------------------------------------


def read_bundle(data: bytes) -> Bundle:
    """Structure and hashes, without the signature (for `kiosk catalog check`)."""
    archive = BoundedZip(data, _ENTRY_NAME)
    manifest_bytes, signature = _signed_parts(archive)
    return _read_files(archive, parse_manifest(manifest_bytes), manifest_bytes, signature)


def verify_bundle(data: bytes, public_key: bytes) -> Bundle:
    """Signature, every hash, no missing or extra file, and definitions without problems.
    The signature is checked over the manifest before any catalog file is inflated or
    parsed: an unsigned bundle costs no more than its two small signed parts."""
    archive = BoundedZip(data, _ENTRY_NAME)
    manifest_bytes, signature = _signed_parts(archive)
    verify_signature(manifest_bytes, signature, public_key)
    bundle = _read_files(archive, parse_manifest(manifest_bytes), manifest_bytes, signature)
    problems = check_definitions(bundle)
    if problems:
        raise BundleError(
            f"the bundle's definitions have {len(problems)} problem(s); it was signed from a "
            "folder that does not check: ask the Region for a corrected bundle",
            problems,
        )
    return bundle


def read_bundle_file(path: Path) -> bytes:
    """A bundle file's bytes; one larger than a bundle may be is refused unread."""
    try:
        with path.open("rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > MAX_BUNDLE_BYTES:
                raise BundleError(
                    f"the file is {size} bytes, more than a catalog bundle may be "
                    f"({MAX_BUNDLE_BYTES // MIB} MiB)"
                )
            return handle.read(MAX_BUNDLE_BYTES + 1)
    except OSError as error:
        raise BundleError(f"cannot read it: {error.strerror}") from None


def check_definitions(bundle: Bundle) -> list[str]:
    """The loader's problems with the bundle's files, and a catalog.json that disagrees
    with the signed manifest."""
    with tempfile.TemporaryDirectory(prefix="kiosk-bundle-") as scratch:
        folder = Path(scratch)
        write_files(folder, bundle.files, sync=False)
        load = load_catalog(folder)
    problems = [str(problem) for problem in load.problems]
    identity = (load.manifest.get("catalog_id"), load.manifest.get("version"))
    if identity != (bundle.catalog_id, bundle.version):
        problems.append(
            f"catalog.json says {identity[0]} {identity[1]}, the signed manifest "
            f"{bundle.catalog_id} {bundle.version}"
        )
    return problems


def _signed_parts(archive: BoundedZip) -> tuple[bytes, bytes]:
    for required in (MANIFEST, SIGNATURE):
        if required not in archive.infos:
            raise BundleError(f"not a catalog bundle (no {required} inside)")
    manifest_bytes, signature = archive.read(MANIFEST), archive.read(SIGNATURE)
    _check_signature_size(signature)  # also without the key: a cut file says so
    return manifest_bytes, signature


def _read_files(
    archive: BoundedZip, manifest: _Manifest, manifest_bytes: bytes, signature: bytes
) -> Bundle:
    """The catalog files, once the names agree with the manifest (nothing is inflated
    for a bundle whose list of files is wrong)."""
    names = [name for name in archive.names() if name not in (MANIFEST, SIGNATURE)]
    _check_names(names, manifest)
    entries = {name: archive.read(name) for name in names}
    return checked_entries({**entries, MANIFEST: manifest_bytes, SIGNATURE: signature}, manifest)


def _check_names(names: Iterable[str], manifest: _Manifest) -> None:
    present = set(names)
    extra = sorted(present - set(manifest.files))
    if extra:
        raise BundleError(f"{extra[0]} is there but the signed manifest does not list it")
    lacking = sorted(set(manifest.files) - present)
    if lacking:
        raise BundleError(f"the signed manifest lists {lacking[0]}, which is not there")


def _check_signature_size(signature: bytes) -> None:
    if len(signature) != SIGNATURE_BYTES:
        raise BundleError(
            f"manifest.sig is {len(signature)} bytes, an Ed25519 signature is {SIGNATURE_BYTES}: "
            "the bundle is damaged or was not made by `kiosk catalog sign`"
        )


def verify_signature(manifest_bytes: bytes, signature: bytes, public_key: bytes) -> None:
    _check_signature_size(signature)
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(signature, manifest_bytes)
    except InvalidSignature:
        claimed = _claimed_key_id(manifest_bytes)
        ours = key_id(public_key)
        if claimed and claimed != ours:
            raise BundleError(
                f"signed with another key (key id {claimed}), not the one this office trusts "
                f"(key id {ours}): check catalog_public_key in the office configuration, or "
                "ask the Region for a bundle signed with its catalog key"
            ) from None
        raise BundleError(
            "the signature does not match the manifest: the bundle was altered or damaged "
            "after signing; do not install it, get a fresh copy from the Region"
        ) from None
    except ValueError as error:  # a public key of the wrong size
        raise BundleError(f"the office's catalog key cannot be used: {error}") from None


def _claimed_key_id(manifest_bytes: bytes) -> str | None:
    """The key id an unverified manifest claims, only to word the refusal."""
    with contextlib.suppress(BundleError):
        value = json_object(MANIFEST, manifest_bytes).get("key_id")
        return value if isinstance(value, str) and re.fullmatch("[0-9a-f]{16}", value) else None
    return None


def parse_manifest(manifest_bytes: bytes) -> _Manifest:
    json_object(MANIFEST, manifest_bytes)  # UTF-8, nesting and an object, said plainly
    try:
        return decode(manifest_bytes, _Manifest)
    except DefinitionError as error:
        where, message = error.problems[0]
        raise BundleError(
            f"not a catalog bundle (manifest.json: {where or 'manifest'}: {message})"
        ) from None


def checked_entries(entries: dict[str, bytes], manifest: _Manifest) -> Bundle:
    files = {name: data for name, data in entries.items() if name not in (MANIFEST, SIGNATURE)}
    _check_names(files, manifest)
    for name, data in sorted(files.items()):
        if not _CATALOG_FILE.match(name):
            raise BundleError(f"the bundle holds {name!r}, which is not a catalog file")
        if hashlib.sha256(data).hexdigest() != manifest.files[name]:
            raise BundleError(
                f"{name} was changed after signing (its sha256 differs from the signed "
                "manifest); do not install it, get a fresh copy from the Region"
            )
        json_object(name, data)  # signed is not the same as well-formed
    if "catalog.json" not in files:
        raise BundleError("the bundle has no catalog.json")
    return Bundle(
        catalog_id=manifest.catalog_id,
        version=manifest.version,
        created=manifest.created,
        key_id=manifest.key_id,
        files=files,
        manifest_bytes=entries[MANIFEST],
        signature=entries[SIGNATURE],
    )


def write_files(folder: Path, files: dict[str, bytes], *, sync: bool) -> None:
    folders: set[Path] = set()
    for name, data in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        folders.add(path.parent)
        with path.open("wb") as handle:
            handle.write(data)
            if sync:
                handle.flush()
                os.fsync(handle.fileno())
    if sync:
        for directory in sorted(folders, key=lambda p: len(p.parts), reverse=True):
            fsync_dir(directory)
        fsync_dir(folder)


def fsync_dir(folder: Path) -> None:
    """Make a rename or a new file durable (POSIX); Windows cannot open folders."""
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


# -- the doctor's check ----------------------------------------------------------------
