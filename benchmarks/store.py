"""The device store: autosave of one answer vs. a raw sqlite3 single-row WAL commit with
the same synchronous setting (FULL), and a page of the clerk's list over many drafts."""

from __future__ import annotations

import sqlite3
import tempfile
import time
from pathlib import Path

import keyring

from benchmarks.timing import median_ms
from kiosk.store import open_store
from ui.demo_keyring import MemoryKeyring


def _raw_commit_ms(folder: Path, repeat: int) -> float:
    conn = sqlite3.connect(folder / "raw.sqlite3", isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("CREATE TABLE answers (k TEXT PRIMARY KEY, v BLOB)")
    counter = iter(range(10**9))

    def commit() -> None:
        with conn:
            conn.execute(
                "INSERT OR REPLACE INTO answers VALUES (?, ?)",
                (f"k{next(counter) % 50}", b"x" * 64),
            )

    result = median_ms(commit, repeat)
    conn.close()
    return result


def measure(smoke: bool) -> dict[str, float]:
    keyring.set_keyring(MemoryKeyring())
    repeat, drafts = (20, 2_000) if smoke else (500, 100_000)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        store = open_store(folder / "device.sqlite3")
        draft = store.drafts.create("bench", "1.0.0", "2", "kiosk")
        counter = iter(range(10**9))
        autosave = median_ms(
            lambda: store.drafts.save_answer(draft.submission_id, "surname", f"Ν{next(counter)}"),
            repeat,
        )
        raw = _raw_commit_ms(folder, repeat)
        store.close()
        start = time.perf_counter()
        store = open_store(folder / "device.sqlite3")
        open_empty_ms = (time.perf_counter() - start) * 1000
        with store.db.conn:
            store.db.conn.executemany(
                "INSERT INTO drafts (submission_id, procedure_id, procedure_version, region_code, channel, status, "
                "created_at, updated_at, day, attempts, purged) VALUES (?, ?, '1.0.0', '2', 'kiosk', ?, ?, ?, ?, 0, 0)",
                (
                    (f"00000000-0000-4000-8000-{n:012d}", f"p{n % 50}", ("draft", "queued", "accepted")[n % 3],
                     f"2026-11-{n % 28 + 1:02d}T10:00:00", f"2026-11-{n % 28 + 1:02d}T10:00:00", f"2026-11-{n % 28 + 1:02d}")
                    for n in range(drafts)
                ),
            )  # fmt: skip
        page = median_ms(
            lambda: store.drafts.list(day="2026-11-15", status="queued", limit=50),
            max(5, repeat // 10),
        )
        store.close()
        start = time.perf_counter()
        open_store(folder / "device.sqlite3").close()
        open_ms = (time.perf_counter() - start) * 1000
    return {
        "autosave_ms": autosave,
        "raw_wal_commit_ms": raw,
        "autosave_vs_raw_ratio": autosave / raw,
        "drafts": float(drafts),
        "list_page_ms": page,
        "open_with_one_draft_ms": open_empty_ms,
        "open_with_drafts_ms": open_ms,
    }
