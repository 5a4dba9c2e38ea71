"""A catalog published on the reference server reaches the device catalog over HTTP."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.catalog.bundle import BundleError
from kiosk.catalog.install import verify_installed
from kiosk.catalog.loader import load_catalog, load_definition
from kiosk.paths import app_paths
from sync.catalog_sink import BundleCatalogSink
from tests.kiosk.catalog.bundles import TAXI, Signer, snapshot, with_lower_fee
from tests.support.memory_store import MemoryOutbox
from tests.sync.conftest import Platform


@pytest.fixture
def signer(tmp_path: Path) -> Signer:
    (tmp_path / "region").mkdir()
    return Signer(tmp_path / "region")


def test_a_signed_bundle_published_on_the_platform_reaches_the_device_catalog(
    platform: Platform, outbox: MemoryOutbox, signer: Signer
) -> None:
    engine, catalog_dir = platform.engine(outbox), app_paths().catalog_dir
    sink = BundleCatalogSink(catalog_dir, signer.public, lambda: {(TAXI, "1.0.0")})
    platform.store.publish_catalog(signer.bundle("2026.11.1"))

    assert engine.pull_catalog(sink) is True
    assert load_catalog(catalog_dir).procedures[TAXI].version == "1.0.0"
    assert "version 2026.11.1" in verify_installed(catalog_dir, signer.public)
    assert engine.pull_catalog(sink) is False  # same ETag: 304, nothing downloaded

    platform.store.publish_catalog(signer.bundle("2026.12.1", "1.1.0"))
    assert engine.pull_catalog(sink) is True
    assert load_catalog(catalog_dir).procedures[TAXI].version == "1.1.0"
    assert load_definition(catalog_dir, TAXI, "1.0.0").version == "1.0.0"  # an open draft's
    assert sink.last_result is not None and sink.last_result.kept == [(TAXI, "1.0.0")]


def test_a_tampered_bundle_from_the_platform_is_refused_and_the_old_catalog_stays(
    platform: Platform, outbox: MemoryOutbox, signer: Signer
) -> None:
    engine, catalog_dir = platform.engine(outbox), app_paths().catalog_dir
    sink = BundleCatalogSink(catalog_dir, signer.public)
    platform.store.publish_catalog(signer.bundle("2026.11.1"))
    engine.pull_catalog(sink)
    before = snapshot(catalog_dir)
    good = signer.bundle("2026.12.1", "1.1.0")
    platform.store.publish_catalog(with_lower_fee(good))

    with pytest.raises(BundleError, match="was changed after signing"):
        engine.pull_catalog(sink)

    assert snapshot(catalog_dir) == before
    assert engine.pull_catalog(sink) is False  # the refused bundle is not fetched again
    platform.store.publish_catalog(good)
    assert engine.pull_catalog(sink) is True
    assert load_catalog(catalog_dir).procedures[TAXI].version == "1.1.0"


def test_a_bundle_signed_with_another_key_is_refused(
    platform: Platform, outbox: MemoryOutbox, signer: Signer
) -> None:
    engine, catalog_dir = platform.engine(outbox), app_paths().catalog_dir
    sink = BundleCatalogSink(catalog_dir, signer.public)
    platform.store.publish_catalog(Signer(signer.root / "other").bundle("2026.11.1"))

    with pytest.raises(BundleError, match="signed with another key"):
        engine.pull_catalog(sink)
    assert not catalog_dir.exists()
    assert sink.current_etag() is not None  # remembered as refused, not as installed
