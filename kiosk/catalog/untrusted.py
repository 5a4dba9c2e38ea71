"""Reading a bundle's bytes before anything is trusted: the zip archive and its JSON.

A bundle arrives from a USB stick or the network, so every size it declares may be a
lie. The zip central directory is checked as a whole before one entry is inflated
(how many entries, their names, flags, compression methods, declared sizes); entries
are then inflated in chunks and the bytes actually produced are counted against a
per-entry and a total limit, so a small file claiming small sizes cannot make the
device allocate gigabytes. Only stored and deflate entries are read: no bzip2 or lzma
decompressor ever runs on untrusted input, and encrypted entries are refused.

JSON is decoded as UTF-8 and its nesting measured before it is parsed, so a deeply
nested document is refused with a message instead of exhausting Python's recursion
limit; a document that is not an object is refused too. Every refusal is a
`BundleError` with one line that names the entry and the problem. The limits and
messages are documented in docs/catalog-bundles.md.
"""

from __future__ import annotations

import io
import json
import re
import stat
import struct
import zipfile
import zlib
from collections.abc import Iterable
from itertools import accumulate
from typing import Any

MIB = 1024 * 1024
MAX_BUNDLE_BYTES = 32 * MIB  # the file itself; 500 procedures deflate to well under 5 MiB
MAX_ENTRY_BYTES = 2 * MIB  # one file once inflated; the largest definition is ~20 KB
MAX_TOTAL_BYTES = 64 * MIB  # every file once inflated: ~10x a 500-procedure catalog
MAX_ENTRIES = 10_000  # 500 procedures, an override of each for all 13 Regions, and room
MAX_NAME_BYTES = 200
MAX_JSON_DEPTH = 64  # the deepest file in the sample catalog nests 10 levels
_CHUNK = 64 * 1024
_EOCD = b"PK\x05\x06"
_ZIP64_LOCATOR = b"PK\x06\x07"
_EOCD_SIZE = 22
_CENTRAL_RECORD = 46
_READABLE_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
_METHOD_NAMES = {12: "bzip2", 14: "lzma", 93: "zstandard", 99: "AES encryption"}
_ENCRYPTED = 0x0001 | 0x0040 | 0x2000  # traditional, strong, central directory encryption
# What zipfile and zlib raise on damaged input (a cut or altered archive).
_DAMAGE = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    NotImplementedError,
    ValueError,
    OSError,
    struct.error,
    IndexError,
    KeyError,
    OverflowError,
)


class BundleError(Exception):
    """A bundle refused, or a catalog that cannot be signed: the message says why and
    what to do. `problems` lists the definition problems, one per line, if any."""

    def __init__(self, message: str, problems: Iterable[str] = ()) -> None:
        super().__init__(printable(message))
        self.problems = [printable(problem) for problem in problems]


def printable(text: str) -> str:
    """One line whatever a hostile file put in a name: control characters escaped."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


class BoundedZip:
    """The entries of a zip archive, read within limits. Every name must match
    `allowed` in full; a name that does not is refused before any entry is read."""

    def __init__(self, data: bytes, allowed: re.Pattern[str]) -> None:
        if not data:
            raise BundleError("not a catalog bundle: the file is empty")
        if len(data) > MAX_BUNDLE_BYTES:
            raise BundleError(
                f"the bundle is over {MAX_BUNDLE_BYTES // MIB} MiB, more than a catalog "
                "bundle may be"
            )
        if not data.startswith(b"PK\x03\x04"):
            raise BundleError(
                "not a catalog bundle (not a zip archive made by `kiosk catalog sign`)"
            )
        _check_end_record(data)
        try:
            self._archive = zipfile.ZipFile(io.BytesIO(data))
            infos = self._archive.infolist()
        except _DAMAGE as error:
            raise _damaged(error) from None
        if len(infos) > MAX_ENTRIES:
            raise BundleError(
                f"the bundle holds {len(infos)} entries, more than a catalog bundle may "
                f"({MAX_ENTRIES})"
            )
        self.infos: dict[str, zipfile.ZipInfo] = {}
        declared = 0
        for info in infos:
            _check_entry(info, allowed)
            if info.filename in self.infos:
                raise BundleError(f"entry {info.filename} appears twice")
            self.infos[info.filename] = info
            declared += info.file_size
        if declared > MAX_TOTAL_BYTES:
            raise BundleError(
                f"the entries declare {declared} bytes, more than a catalog may hold "
                f"({MAX_TOTAL_BYTES // MIB} MiB)"
            )
        self._total = 0

    def names(self) -> list[str]:
        return list(self.infos)

    def read(self, name: str) -> bytes:
        """One entry, inflated in chunks; the bytes really produced are counted, whatever
        the headers say."""
        info = self.infos[name]
        chunks: list[bytes] = []
        size = 0
        try:
            with self._archive.open(info) as stream:
                while chunk := stream.read(_CHUNK):
                    size += len(chunk)
                    self._total += len(chunk)
                    if size > MAX_ENTRY_BYTES:
                        raise BundleError(
                            f"entry {name}: more than {MAX_ENTRY_BYTES // MIB} MiB once "
                            "inflated, more than a catalog file may be"
                        )
                    if self._total > MAX_TOTAL_BYTES:
                        raise BundleError(
                            f"entry {name}: the entries inflate to more than "
                            f"{MAX_TOTAL_BYTES // MIB} MiB, more than a catalog may hold"
                        )
                    chunks.append(chunk)
        except _DAMAGE as error:
            raise _damaged(error, name) from None
        return b"".join(chunks)


def _check_end_record(data: bytes) -> None:
    """Before zipfile builds one object per entry: the end record says how many entries
    and how large the central directory is; a catalog never needs ZIP64."""
    at = data.rfind(_EOCD, max(0, len(data) - _EOCD_SIZE - 0xFFFF))
    if at < 0 or len(data) < at + _EOCD_SIZE:
        raise BundleError(
            "the bundle is damaged or cut short (no zip end record); download or copy it again"
        )
    entries, directory_size = struct.unpack_from("<HI", data, at + 10)
    if entries == 0xFFFF or data[max(0, at - 20) : at].startswith(_ZIP64_LOCATOR):
        raise BundleError(
            "not a catalog bundle (a ZIP64 archive; `kiosk catalog sign` never makes one)"
        )
    if entries > MAX_ENTRIES or directory_size > MAX_ENTRIES * (_CENTRAL_RECORD + MAX_NAME_BYTES):
        raise BundleError(
            f"the bundle holds {entries} entries, more than a catalog bundle may ({MAX_ENTRIES})"
        )


def _check_entry(info: zipfile.ZipInfo, allowed: re.Pattern[str]) -> None:
    name = info.filename
    if info.is_dir():
        raise BundleError(f"entry {name!r} is a folder; a bundle holds only files")
    kind = stat.S_IFMT(info.external_attr >> 16) if info.create_system == 3 else 0
    if kind == stat.S_IFLNK:
        raise BundleError(f"entry {name!r} is a symbolic link; a bundle holds only files")
    if kind not in (0, stat.S_IFREG):
        raise BundleError(f"entry {name!r} is not a regular file")
    if len(name.encode("utf-8", "surrogateescape")) > MAX_NAME_BYTES or not allowed.fullmatch(name):
        raise BundleError(f"entry {name!r}: not a name a catalog file can have")
    if info.flag_bits & _ENCRYPTED:
        raise BundleError(f"entry {name}: encrypted; a catalog bundle is signed, never encrypted")
    if info.compress_type not in _READABLE_METHODS:
        method = _METHOD_NAMES.get(info.compress_type, f"method {info.compress_type}")
        raise BundleError(
            f"entry {name}: compressed with {method}; a catalog bundle uses only stored or deflate"
        )
    if info.file_size > MAX_ENTRY_BYTES:
        raise BundleError(
            f"entry {name}: declares {info.file_size} bytes, more than a catalog file may be "
            f"({MAX_ENTRY_BYTES // MIB} MiB)"
        )


def _damaged(error: BaseException, name: str | None = None) -> BundleError:
    where = f"entry {name}: " if name else ""
    detail = str(error).splitlines()[0] if str(error) else type(error).__name__
    return BundleError(
        f"{where}the bundle is damaged or cut short ({detail}); download or copy it again"
    )


# -- JSON --------------------------------------------------------------------------------

_STRING = re.compile(rb'"(?:[^"\\]++|\\.)*+"', re.DOTALL)
_NOT_BRACKET = bytes(byte for byte in range(256) if byte not in b"[]{}")
_SQUARE = bytes.maketrans(b"{}", b"[]")
_STEP = {ord("["): 1, ord("{"): 1, ord("]"): -1, ord("}"): -1}
_KINDS = {list: "a list", str: "a string", int: "a number", float: "a number", bool: "true/false"}


def json_depth(data: bytes, limit: int = MAX_JSON_DEPTH) -> int:
    """How deep brackets nest outside strings (beyond `limit`, possibly just limit + 1):
    measured without parsing, so without recursion, in time linear in the number of
    brackets; a mismatched or unbalanced one is for the parser to refuse."""
    brackets = _STRING.sub(b"", data).translate(None, _NOT_BRACKET)
    if b"[" * (limit + 1) in brackets.translate(_SQUARE):  # the usual bomb, at C speed
        return limit + 1
    return max(accumulate(map(_STEP.__getitem__, brackets)), default=0)


def json_object(name: str, data: bytes, *, prefix: str | None = None) -> dict[str, Any]:
    """A JSON object from untrusted bytes, or a BundleError naming `name` and why (each
    message starts with `prefix`, by default "entry NAME: ")."""
    where = f"entry {name}: " if prefix is None else prefix
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise BundleError(
            f"{where}not UTF-8 text (byte 0x{data[error.start]:02x} at offset {error.start})"
        ) from None
    if json_depth(data) > MAX_JSON_DEPTH:
        raise BundleError(f"{where}nested deeper than {MAX_JSON_DEPTH} levels")
    try:
        document = json.loads(text)
    except ValueError as error:
        raise BundleError(f"{where}not valid JSON ({error})") from None
    if not isinstance(document, dict):
        kind = _KINDS.get(type(document), "null")
        raise BundleError(f"{where}{kind} where a JSON object is expected")
    return document
