"""Attachments at rest: chunked encryption readable from any offset, old files still
open, damage detected, and file names sealed (also those stored in clear before v4)."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from kiosk.store import Store, open_store
from kiosk.store.crypto import CHUNK_BYTES, CHUNKED_MAGIC
from kiosk.store.database import MIGRATIONS, open_database
from kiosk.store.errors import AttachmentUnreadableError, MissingAttachmentError

SENSITIVE_NAME = "ΠΑΠΑΔΟΠΟΥΛΟΣ ΓΕΩΡΓΙΟΣ ΑΦΜ 094259216.pdf"


def _document(size: int) -> bytes:
    return (b"%PDF-1.7 citizen scan " + os.urandom(size))[:size]


def _raw_database(path: Path) -> bytes:
    files = [path, path.with_name(path.name + "-wal")]
    return b"".join(f.read_bytes() for f in files if f.exists())


@pytest.mark.parametrize(
    "offset", [0, 1, CHUNK_BYTES - 1, CHUNK_BYTES, CHUNK_BYTES + 7, 3 * CHUNK_BYTES - 5]
)
def test_an_attachment_reads_back_from_any_offset_across_chunk_boundaries(
    store: Store, offset: int
) -> None:
    data = _document(3 * CHUNK_BYTES + 123)
    ref = store.attachments.put(data, "scan.pdf", "application/pdf")
    with store.attachments.open(ref.sha256) as reader:
        assert reader.seek(0, os.SEEK_END) == len(data)
        reader.seek(offset)
        assert reader.read(CHUNK_BYTES + 10) == data[offset : offset + CHUNK_BYTES + 10]
        assert reader.read() == data[offset + CHUNK_BYTES + 10 :]
        assert reader.read(5) == b""


@pytest.mark.parametrize("size", [0, 1, CHUNK_BYTES, CHUNK_BYTES + 1])
def test_sizes_at_the_edges_round_trip(store: Store, size: int) -> None:
    data = _document(size)
    ref = store.attachments.put(data, "scan.pdf", "application/pdf")
    assert store.attachments.read(ref.sha256) == data


def test_an_attachment_encrypted_whole_before_schema_4_still_opens(
    store: Store, tmp_path: Path
) -> None:
    data = _document(200_000)
    digest = hashlib.sha256(data).hexdigest()
    # The original format: one nonce and one seal over the whole file.
    legacy = store.attachments._cipher.encrypt(data, f"attachment:{digest}")
    (tmp_path / "attachments" / digest).write_bytes(legacy)
    with store.attachments.open(digest) as reader:
        reader.seek(150_000)
        assert reader.read(10) == data[150_000:150_010]
    assert not legacy.startswith(CHUNKED_MAGIC)


def test_a_damaged_or_cut_attachment_is_refused_not_half_read(store: Store, tmp_path: Path) -> None:
    data = _document(2 * CHUNK_BYTES + 50)
    ref = store.attachments.put(data, "scan.pdf", "application/pdf")
    path = tmp_path / "attachments" / ref.sha256
    sealed = bytearray(path.read_bytes())
    sealed[-100] ^= 0x01  # inside the last chunk
    path.write_bytes(bytes(sealed))
    with store.attachments.open(ref.sha256) as reader:
        assert reader.read(CHUNK_BYTES) == data[:CHUNK_BYTES]  # the intact chunk
        with pytest.raises(AttachmentUnreadableError, match="damaged"):
            reader.read()
    path.write_bytes(bytes(sealed[:-10]))
    with pytest.raises(AttachmentUnreadableError, match="cut short"):
        store.attachments.open(ref.sha256)
    path.unlink()
    with pytest.raises(MissingAttachmentError, match="missing"):
        store.attachments.open(ref.sha256)


def test_the_encrypted_file_holds_no_run_of_the_document(store: Store, tmp_path: Path) -> None:
    data = b"AFM 094259216 " * 20_000
    ref = store.attachments.put(data, "scan.pdf", "application/pdf")
    sealed = (tmp_path / "attachments" / ref.sha256).read_bytes()
    assert b"094259216" not in sealed


def test_file_names_are_never_stored_in_clear(tmp_path: Path) -> None:
    path = tmp_path / "device.sqlite3"
    store = open_store(path)
    ref = store.attachments.put(_document(5000), SENSITIVE_NAME, "application/pdf")
    raw = _raw_database(path)
    for secret in (SENSITIVE_NAME, "ΠΑΠΑΔΟΠΟΥΛΟΣ", "094259216"):
        assert secret.encode() not in raw
    assert store.attachments.file_name(ref.sha256) == SENSITIVE_NAME
    store.close()
    assert b"094259216" not in _raw_database(path)


@pytest.mark.parametrize("start", [2, 3])  # the schemas that kept names in clear
def test_names_stored_in_clear_by_an_earlier_schema_are_sealed_on_upgrade(
    tmp_path: Path, start: int
) -> None:
    open_store(tmp_path / "first.sqlite3").close()  # the device key exists already
    path = tmp_path / "old.sqlite3"
    old = open_database(path, target=start)
    with old.conn:
        old.execute(
            "INSERT INTO attachments VALUES (?,?,?,?,?)",
            ("a" * 64, SENSITIVE_NAME, "application/pdf", 10, "2026-01-01T00:00:00+00:00"),
        )
    old.conn.close()
    assert b"094259216" in _raw_database(path)  # the finding, as measured
    store = open_store(path)
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    assert store.attachments.file_name("a" * 64) == SENSITIVE_NAME
    raw = _raw_database(path)
    for secret in (SENSITIVE_NAME, "ΠΑΠΑΔΟΠΟΥΛΟΣ", "094259216"):
        assert secret.encode() not in raw
    store.close()
