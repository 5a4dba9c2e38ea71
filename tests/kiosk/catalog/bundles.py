"""Test helpers for signed catalogs: real keys, real folders, real zip archives."""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk.catalog.bundle import build_bundle, public_key_bytes
from kiosk.catalog.loader import sample_catalog_dir

TAXI = "taxi-driver-licence"


class Signer:
    """The Region's side: a key, and sample catalogs signed with it."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.key = Ed25519PrivateKey.generate()
        self.made = 0
        self.public = public_key_bytes(self.key)

    def folder(self, version: str, taxi_version: str = "1.0.0", name: str = "") -> Path:
        """A copy of the sample catalog at that catalog version."""
        self.made += 1
        folder = self.root / (name or f"catalog-{self.made}")
        shutil.copytree(sample_catalog_dir(), folder)
        edit_json(folder / "catalog.json", version=version)
        edit_json(folder / "procedures" / f"{TAXI}.json", version=taxi_version)
        return folder

    def bundle(self, version: str, taxi_version: str = "1.0.0") -> bytes:
        return build_bundle(self.folder(version, taxi_version), self.key)


def edit_json(path: Path, **changes: object) -> None:
    data = json.loads(path.read_text("utf-8"))
    data.update(changes)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), "utf-8")


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under the folder, by relative path: for byte-for-byte comparisons."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def rezip(bundle: bytes, replace: dict[str, bytes | None]) -> bytes:
    """The same archive with some entries replaced (None: removed) or added: what
    someone tampering with a bundle would produce, with valid zip checksums."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(bundle)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            if info.filename in replace:
                data = replace[info.filename]
                if data is not None:
                    target.writestr(info, data)
            else:
                target.writestr(info, source.read(info))
        for name, data in replace.items():
            if name not in source.namelist() and data is not None:
                target.writestr(name, data)
    return out.getvalue()


def with_lower_fee(bundle: bytes) -> bytes:
    """The taxi licence's fee of 50.00 changed to 10.00 (one byte), re-zipped cleanly:
    a tampered definition that only the signed hashes can catch."""
    name = f"procedures/{TAXI}.json"
    text = entry(bundle, name)
    assert text.count(b'"50.00"') == 1
    return rezip(bundle, {name: text.replace(b'"50.00"', b'"10.00"')})


def entry(bundle: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(bundle)) as archive:
        return archive.read(name)


def flip_byte(data: bytes, at: int) -> bytes:
    return data[:at] + bytes([data[at] ^ 0x01]) + data[at + 1 :]
