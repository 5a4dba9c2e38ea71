"""The demo server's sample catalog: kept across restarts, republished after an upgrade."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from kiosk.catalog.loader import sample_catalog_dir
from sync.server.run import CATALOG_VERSION_SETTING, demo_catalog
from sync.server.store import ServerStore


def _etag(store: ServerStore) -> str:
    served = store.catalog()
    assert served is not None
    return served[0]


def test_a_second_start_on_the_same_db_publishes_nothing_new(tmp_path: Path) -> None:
    store = ServerStore(tmp_path / "platform.sqlite3")
    key = demo_catalog(store)
    first = _etag(store)
    assert demo_catalog(store) == key
    assert _etag(store) == first


def test_an_upgrade_shipping_a_newer_sample_publishes_it_with_the_same_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shipped = tmp_path / "catalog"
    shutil.copytree(sample_catalog_dir(), shipped)
    monkeypatch.setattr("kiosk.catalog.loader.sample_catalog_dir", lambda: shipped)
    _set_version(shipped, "2026.11.0")  # what the earlier release shipped
    store = ServerStore(tmp_path / "platform.sqlite3")
    key = demo_catalog(store)
    first = _etag(store)
    _set_version(shipped, "2026.12.1")  # the upgrade's sample
    assert demo_catalog(store) == key  # every device's office file still holds
    assert _etag(store) != first
    assert store.setting(CATALOG_VERSION_SETTING) == b"2026.12.1"
    assert demo_catalog(store) == key
    assert store.setting(CATALOG_VERSION_SETTING) == b"2026.12.1"


def _set_version(catalog: Path, version: str) -> None:
    manifest = catalog / "catalog.json"
    data = json.loads(manifest.read_text("utf-8"))
    data["version"] = version
    manifest.write_text(json.dumps(data), "utf-8")
