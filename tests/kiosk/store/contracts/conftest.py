"""One contract, two implementations: the SQLite store and the in-memory one the sync
tests use. A test here takes `repos` and runs once against each."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.store import open_store
from tests.kiosk.store.contracts.checks import Repos
from tests.support.memory_store import MemoryStore


@pytest.fixture(params=["sqlite", "memory"])
def repos(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Repos]:
    if request.param == "sqlite":
        store = open_store(tmp_path / "device.sqlite3")
        yield Repos("sqlite", store.drafts, store.outbox)
        store.close()
    else:
        memory = MemoryStore(tmp_path / "attachments")
        yield Repos("memory", memory.drafts, memory.outbox)
