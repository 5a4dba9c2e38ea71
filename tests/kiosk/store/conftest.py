from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.store import Store, open_store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(tmp_path / "device.sqlite3")
    yield opened
    opened.close()
