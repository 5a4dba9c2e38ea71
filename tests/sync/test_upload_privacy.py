"""Uploading a document never puts it, or its file name, on disk in clear: not in the
temp folder, not anywhere in the device's data folder, also when an attempt fails and
the upload resumes (through the reference server's fault injector)."""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from msgspec.structs import replace

from kiosk.store import Store, open_store
from kiosk.store.crypto import CHUNK_BYTES
from sync.server.faults import Fault
from tests.kiosk.store.factories import submission_for
from tests.sync.conftest import OFFICE, Platform, drain_until_empty

FILE_NAME = "ΠΑΠΑΔΟΠΟΥΛΟΣ_094259216_εκκαθαριστικό.pdf"


@pytest.fixture
def temp_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", None)  # forget the cached choice
    assert Path(tempfile.gettempdir()) == folder
    return folder


def _files(*folders: Path) -> Iterator[Path]:
    for folder in folders:
        for root, _, names in os.walk(folder):
            yield from (Path(root) / name for name in names)


def _is_recent_file(path: Path, since: float) -> bool:
    try:
        return path.is_file() and path.stat().st_mtime >= since
    except OSError:
        return False


def _leaks(path: Path, document: bytes) -> list[str]:
    try:
        content = path.read_bytes()
    except OSError:
        return []
    # Any 4 KiB run of the document, at a few places, or the name's sensitive parts.
    runs = [document[at : at + 4096] for at in range(0, len(document) - 4096, 50_000)]
    found = [f"bytes at {i * 50_000}" for i, run in enumerate(runs) if run in content]
    found += [s for s in ("ΠΑΠΑΔΟΠΟΥΛΟΣ", "094259216") if s.encode() in content]
    return found


def _queue_with_document(store: Store, document: bytes) -> None:
    draft = store.drafts.create("taxi-driver-licence", "1.0.0", "2", "kiosk")
    ref = store.attachments.put(document, FILE_NAME, "application/pdf")
    submission = submission_for(draft.submission_id, surname="Παπαδόπουλος")
    submission = replace(submission, attachments=[ref])
    store.drafts.finalise(draft.submission_id, submission)


def test_an_upload_that_fails_and_resumes_leaves_no_clear_copy_anywhere(
    platform: Platform, tmp_path: Path, temp_dir: Path
) -> None:
    started = time.time() - 1
    system_temp = Path("/tmp")
    data_dir = tmp_path / "device"
    store = open_store(data_dir / "device.sqlite3")
    document = b"%PDF-1.7\n" + os.urandom(10 * CHUNK_BYTES + 777)
    _queue_with_document(store, document)
    client = platform.client(chunk_size=3 * CHUNK_BYTES)
    # The second PATCH is cut midway (the link drops), the third answers 503.
    platform.faults.add(
        Fault("cut_request", "PATCH", "/v1/attachments", skip=1, after_bytes=100_000)
    )
    platform.faults.add(Fault("status", "PATCH", "/v1/attachments", skip=1, status=503))
    engine = platform.engine(store.outbox, client=client, attempts_per_drain=1)
    assert engine.drain_once().error  # the failed attempt
    drain_until_empty(engine)  # the resumed ones
    assert platform.faults.fired.count("cut_request") == 1
    assert platform.faults.fired.count("status") == 1
    # The server checked the plaintext's sha256 and holds exactly the document.
    digest = store.outbox.submission(store.drafts.list()[0].submission_id).attachments[0].sha256
    assert platform.store.final_path(OFFICE, digest).read_bytes() == document
    assert platform.state.bytes_received < 2 * len(document)  # resumed, not restarted
    store.close()
    assert list(temp_dir.iterdir()) == []
    leaks = {
        str(path): found
        for path in _files(temp_dir, data_dir, Path(tempfile.gettempdir()))
        if (found := _leaks(path, document))
    }
    # Code that ignored TMPDIR would write to the system's temp folder: its files made
    # during the test (top level only: other engineers' test trees live below it).
    recent = [
        path
        for path in system_temp.iterdir()
        if _is_recent_file(path, started) and not str(path).startswith(str(tmp_path))
    ]
    leaks.update({str(path): found for path in recent if (found := _leaks(path, document))})
    assert leaks == {}
