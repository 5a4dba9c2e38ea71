"""Hostile catalog bundles, made by hand: what zipfile will not write is patched into the
raw bytes (false sizes, flags, methods), and what only the Region's key could sign is
signed with the test Region's key (a stolen key, or a signing tool with a bug).

HOSTILE maps a case to (how to make it from the Signer, what the one-line refusal says).
"""

from __future__ import annotations

import hashlib
import io
import json
import struct
import warnings
import zipfile
import zlib
from collections.abc import Callable

from tests.kiosk.catalog.bundles import TAXI, Signer, entry, rezip

PROCEDURE = f"procedures/{TAXI}.json"
VERSION = "2026.12.1"
_LOCAL, _CENTRAL = b"PK\x03\x04", b"PK\x01\x02"


def good(signer: Signer) -> bytes:
    return signer.bundle(VERSION, "1.1.0")


# -- raw header edits ---------------------------------------------------------------------


def _headers(bundle: bytes, name: str) -> tuple[int, int]:
    """Offsets of the entry's local header and of its central directory record."""
    with zipfile.ZipFile(io.BytesIO(bundle)) as archive:
        local, start = archive.getinfo(name).header_offset, archive.start_dir
    at = start
    while bundle[at : at + 4] == _CENTRAL:
        name_len, extra_len, comment_len = struct.unpack_from("<HHH", bundle, at + 28)
        if bundle[at + 46 : at + 46 + name_len] == name.encode():
            return local, at
        at += 46 + name_len + extra_len + comment_len
    raise AssertionError(f"{name} not in the central directory")


def patch(
    bundle: bytes,
    name: str,
    *,
    flags: int | None = None,
    size: int | None = None,
    crc: int | None = None,
) -> bytes:
    """The same archive with the entry's flags, uncompressed size or CRC rewritten in
    both its local header and its central directory record."""
    data = bytearray(bundle)
    local, central = _headers(bundle, name)
    for value, local_at, central_at in ((flags, 6, 8), (crc, 14, 16), (size, 22, 24)):
        if value is None:
            continue
        form = "<H" if local_at == 6 else "<I"
        struct.pack_into(form, data, local + local_at, value)
        struct.pack_into(form, data, central + central_at, value)
    return bytes(data)


def zeros_deflated(size_mib: int) -> bytes:
    """A raw deflate stream inflating to `size_mib` MiB of zeros, ~1 KB per MiB: each
    MiB compressed after a full flush comes out the same, so it is made once."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    mib = bytes(1024 * 1024)
    first = compressor.compress(mib) + compressor.flush(zlib.Z_FULL_FLUSH)
    again = compressor.compress(mib) + compressor.flush(zlib.Z_FULL_FLUSH)
    return first + again * (size_mib - 1) + compressor.flush()


def bomb(bundle: bytes, *, inflates_mib: int = 1024, declares: int = 100) -> bytes:
    """The taxi definition replaced by a deflate stream of `inflates_mib` MiB whose
    headers declare `declares` bytes: a ~1 MiB file."""
    marker = b"B" * 64
    spoiled = rezip(bundle, {PROCEDURE: marker})
    with zipfile.ZipFile(io.BytesIO(spoiled)) as archive:
        compressed_size = archive.getinfo(PROCEDURE).compress_size
    local, _ = _headers(spoiled, PROCEDURE)
    start = local + 30 + len(PROCEDURE) + struct.unpack_from("<H", spoiled, local + 28)[0]
    stream = zeros_deflated(inflates_mib)
    # Splice the stream in place of the marker's compressed bytes and fix every offset
    # that follows by rebuilding the central directory from the patched local data.
    body = spoiled[:start] + stream + spoiled[start + compressed_size :]
    shift = len(stream) - compressed_size
    out = bytearray(body)
    with zipfile.ZipFile(io.BytesIO(spoiled)) as archive:
        cd_start = archive.start_dir
    cd_start += shift
    at = cd_start
    while out[at : at + 4] == _CENTRAL:
        name_len, extra_len, comment_len = struct.unpack_from("<HHH", out, at + 28)
        (offset,) = struct.unpack_from("<I", out, at + 42)
        if offset > local:
            struct.pack_into("<I", out, at + 42, offset + shift)
        if out[at + 46 : at + 46 + name_len] == PROCEDURE.encode():
            struct.pack_into("<I", out, at + 20, len(stream))
        at += 46 + name_len + extra_len + comment_len
    struct.pack_into("<I", out, local + 18, len(stream))
    eocd = out.rindex(b"PK\x05\x06")
    struct.pack_into("<I", out, eocd + 16, cd_start)
    return patch(bytes(out), PROCEDURE, size=declares)


# -- re-signing what only the Region's key can sign ------------------------------------


def resign(
    signer: Signer, bundle: bytes, files: dict[str, bytes], manifest: bytes | None = None
) -> bytes:
    """The bundle with some catalog files replaced and a manifest that lists their true
    hashes (or the manifest given), signed with the Region's key."""
    document = json.loads(entry(bundle, "manifest.json"))
    for name, data in files.items():
        document["files"][name] = hashlib.sha256(data).hexdigest()
    manifest_bytes = manifest if manifest is not None else json.dumps(document).encode()
    return rezip(
        bundle,
        {**files, "manifest.json": manifest_bytes, "manifest.sig": signer.key.sign(manifest_bytes)},
    )


def _manifest(bundle: bytes, **changes: object) -> dict[str, object]:
    document: dict[str, object] = json.loads(entry(bundle, "manifest.json"))
    document.update(changes)
    return document


def _signed_manifest(signer: Signer, manifest: bytes) -> bytes:
    return resign(signer, good(signer), {}, manifest)


def _nested(depth: int) -> bytes:
    return b'{"id": ' + b"[" * depth + b"]" * depth + b"}"


# -- archives zipfile writes only when asked nicely -------------------------------------


def _with_method(bundle: bytes, method: int, compressed: bytes) -> bytes:
    """The taxi definition written with another compression method, its compressed
    bytes then replaced by `compressed` (garbage, for a corrupt entry)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(bundle)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(
                info.filename,
                source.read(info),
                compress_type=(method if info.filename == PROCEDURE else zipfile.ZIP_DEFLATED),
            )
    data = out.getvalue()
    local, _ = _headers(data, PROCEDURE)
    start = local + 30 + len(PROCEDURE) + struct.unpack_from("<H", data, local + 28)[0]
    return data[:start] + compressed + data[start + len(compressed) :]


def _duplicated(bundle: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(bundle)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(info, source.read(info))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "Duplicate name": exactly the point
            target.writestr(PROCEDURE, b"{}")
    return out.getvalue()


def _added(bundle: bytes, info: zipfile.ZipInfo, data: bytes = b"") -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(bundle)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            target.writestr(item, source.read(item))
        target.writestr(info, data)
    return out.getvalue()


def _symlink(bundle: bytes) -> bytes:
    info = zipfile.ZipInfo("procedures/link.json")
    info.create_system = 3
    info.external_attr = (0o120777) << 16
    return _added(bundle, info, b"/etc/passwd")


def _many_entries(bundle: bytes, count: int = 20_000) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(bundle)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(info, source.read(info))
        for number in range(count):
            target.writestr(f"overrides/x{number}.json", b"")
    return out.getvalue()


Make = Callable[[Signer], bytes]

HOSTILE: dict[str, tuple[Make, str]] = {
    "false sizes: 1 MiB that inflates to 1 GiB, declaring 100 bytes": (
        lambda s: bomb(good(s)),
        f"entry {PROCEDURE}: the bundle is damaged or cut short (Bad CRC-32",
    ),
    "a size declared larger than a catalog file may be": (
        lambda s: patch(good(s), PROCEDURE, size=3_000_000_000),
        f"entry {PROCEDURE}: declares 3000000000 bytes",
    ),
    "an entry with the encryption flag": (
        lambda s: patch(good(s), PROCEDURE, flags=0x0001),
        f"entry {PROCEDURE}: encrypted",
    ),
    "a corrupt bzip2 entry": (
        lambda s: _with_method(good(s), zipfile.ZIP_BZIP2, b"BZh9" + b"\xff" * 40),
        f"entry {PROCEDURE}: compressed with bzip2",
    ),
    "a corrupt lzma entry": (
        lambda s: _with_method(good(s), zipfile.ZIP_LZMA, b"\x09\x14\x05\x00" + b"\xff" * 40),
        f"entry {PROCEDURE}: compressed with lzma",
    ),
    "deeply nested JSON in a definition": (
        lambda s: resign(s, good(s), {PROCEDURE: _nested(100_000)}),
        f"entry {PROCEDURE}: nested deeper than 64 levels",
    ),
    "deeply nested JSON in the manifest": (
        lambda s: _signed_manifest(s, b'{"files": ' + _nested(100_000) + b"}"),
        "entry manifest.json: nested deeper than 64 levels",
    ),
    "a catalog.json in invalid UTF-8": (
        lambda s: resign(s, good(s), {"catalog.json": b'{"title": "\xff\xfe"}'}),
        "entry catalog.json: not UTF-8 text (byte 0xff at offset 11)",
    ),
    "a catalog.json that is a list": (
        lambda s: resign(s, good(s), {"catalog.json": b'["periferia-sample"]'}),
        "entry catalog.json: a list where a JSON object is expected",
    ),
    "a manifest in invalid UTF-8": (
        lambda s: _signed_manifest(s, b'{"format": "\xc3\x28"}'),
        "entry manifest.json: not UTF-8 text",
    ),
    "a manifest missing fields": (
        lambda s: _signed_manifest(s, json.dumps({"format": "periferia-catalog-bundle"}).encode()),
        "not a catalog bundle (manifest.json: format_version: Field required)",
    ),
    "a manifest with wrong types": (
        lambda s: _signed_manifest(s, json.dumps(_manifest(good(s), files=["x"])).encode()),
        "not a catalog bundle (manifest.json: files: Input should be a valid dictionary or object)",
    ),
    "a signature of the wrong length": (
        lambda s: rezip(good(s), {"manifest.sig": b"0123456789"}),
        "manifest.sig is 10 bytes, an Ed25519 signature is 64",
    ),
    "a truncated zip": (
        lambda s: good(s)[: len(good(s)) // 2],
        "the bundle is damaged or cut short",
    ),
    "not a zip": (lambda s: b"%PDF-1.7\n a receipt, not a catalog", "not a catalog bundle"),
    "an empty file": (lambda s: b"", "not a catalog bundle: the file is empty"),
    "duplicate entry names": (lambda s: _duplicated(good(s)), f"entry {PROCEDURE} appears twice"),
    "an absolute path in a name": (
        lambda s: _added(good(s), zipfile.ZipInfo("/etc/cron.d/kiosk.json")),
        "entry '/etc/cron.d/kiosk.json': not a name a catalog file can have",
    ),
    "a .. path in a name": (
        lambda s: _added(good(s), zipfile.ZipInfo("procedures/../../escape.json")),
        "entry 'procedures/../../escape.json': not a name a catalog file can have",
    ),
    "a name with a newline": (
        lambda s: _added(good(s), zipfile.ZipInfo("catalog.json\n")),
        "entry 'catalog.json\\n': not a name a catalog file can have",
    ),
    "a directory entry": (
        lambda s: _added(good(s), zipfile.ZipInfo("procedures/")),
        "entry 'procedures/' is a folder",
    ),
    "a symlink entry": (
        lambda s: _symlink(good(s)),
        "entry 'procedures/link.json' is a symbolic link",
    ),
    "a huge number of entries": (
        lambda s: _many_entries(good(s)),
        "entries, more than a catalog bundle may (10000)",
    ),
}
