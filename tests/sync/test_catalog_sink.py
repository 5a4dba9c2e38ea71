"""A catalog published on the reference server reaches the device catalog over HTTP; a
refused one leaves the installed catalog as it was and is not downloaded again."""

from __future__ import annotations

import gzip
import logging
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from kiosk.catalog.bundle import BundleError
from kiosk.catalog.install import InstallBusyError, _install_lock, verify_installed
from kiosk.catalog.loader import load_catalog, load_definition
from kiosk.paths import app_paths
from sync.catalog_sink import BundleCatalogSink
from sync.client import PlatformClient
from sync.engine import SyncEngine
from sync.errors import TransientError
from sync.server.app import create_app
from sync.server.store import ServerStore
from sync.serving import RunningServer, serve_in_thread
from tests.kiosk.catalog.bundles import TAXI, Signer, snapshot, with_lower_fee
from tests.kiosk.catalog.hostile_bundles import HOSTILE
from tests.support.memory_store import MemoryOutbox
from tests.sync.conftest import FAST_BACKOFF, Platform


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

    assert engine.pull_catalog(sink) is False

    refusal = engine.state().catalog_refused
    assert refusal is not None and "was changed after signing" in refusal
    assert snapshot(catalog_dir) == before
    assert engine.pull_catalog(sink) is False  # the refused bundle is not fetched again
    platform.store.publish_catalog(good)
    assert engine.pull_catalog(sink) is True
    assert load_catalog(catalog_dir).procedures[TAXI].version == "1.1.0"
    assert engine.state().catalog_refused is None


def test_a_bundle_signed_with_another_key_is_refused(
    platform: Platform, outbox: MemoryOutbox, signer: Signer
) -> None:
    engine, catalog_dir = platform.engine(outbox), app_paths().catalog_dir
    sink = BundleCatalogSink(catalog_dir, signer.public)
    platform.store.publish_catalog(Signer(signer.root / "other").bundle("2026.11.1"))

    assert engine.pull_catalog(sink) is False

    assert "signed with another key" in (engine.state().catalog_refused or "")
    assert not catalog_dir.exists()
    assert sink.current_etag() is not None  # remembered as refused, not as installed


# -- a hostile bundle on the platform: refused once, never downloaded again ----------------


class CountingApp:
    """The reference server, counting the catalog bundles it sends (200s, not 304s)."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.bundles_sent = 0

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        async def counted(message: Any) -> None:
            if (
                message["type"] == "http.response.start"
                and scope["path"].endswith("/catalog")
                and message["status"] == 200
            ):
                self.bundles_sent += 1
            await send(message)

        await self.app(scope, receive, counted)


@dataclass
class CountedPlatform:
    server: CountingApp
    store: ServerStore
    url: str
    token: str
    clients: list[PlatformClient]

    def engine(self, outbox: MemoryOutbox) -> SyncEngine:
        """A fresh client and engine: what a restart of the app makes."""
        client = PlatformClient(self.url, lambda: self.token, timeout=2.0, connect_timeout=1.0)
        self.clients.append(client)
        return SyncEngine(client, outbox, backoff=FAST_BACKOFF)


@pytest.fixture
def counted(tmp_path: Path) -> Iterator[CountedPlatform]:
    app = create_app(tmp_path / "server" / "platform.sqlite3")
    store: ServerStore = app.state.store
    redeemed = store.redeem_code(store.create_enrolment_code("office-thessaloniki"))
    assert redeemed is not None
    server = CountingApp(app)
    with serve_in_thread(server) as running:
        platform = CountedPlatform(server, store, running.url, redeemed[1], [])
        yield platform
        for client in platform.clients:
            client.close()
    store.close()


@pytest.mark.parametrize(
    "case",
    [
        "deeply nested JSON in a definition",
        "an entry with the encryption flag",
        "a catalog.json that is a list",
        "false sizes: 1 MiB that inflates to 1 GiB, declaring 100 bytes",
    ],
)
def test_a_hostile_bundle_is_downloaded_once_and_a_good_one_after_it_still_installs(
    case: str,
    counted: CountedPlatform,
    outbox: MemoryOutbox,
    signer: Signer,
    caplog: pytest.LogCaptureFixture,
) -> None:
    catalog_dir = app_paths().catalog_dir
    engine = counted.engine(outbox)
    sink = BundleCatalogSink(catalog_dir, signer.public)
    counted.store.publish_catalog(signer.bundle("2026.11.1"))
    assert engine.pull_catalog(sink) is True
    before = snapshot(catalog_dir)
    make, reason = HOSTILE[case]
    counted.store.publish_catalog(make(signer))

    with caplog.at_level(logging.WARNING, logger="sync.engine"):
        for _ in range(3):
            assert engine.pull_catalog(sink) is False
    restarted = counted.engine(outbox)  # a new process: the refusal was kept on disk
    assert restarted.pull_catalog(BundleCatalogSink(catalog_dir, signer.public)) is False

    assert counted.server.bundles_sent == 2  # the good one, then the hostile one once
    assert snapshot(catalog_dir) == before
    (logged,) = [r.getMessage() for r in caplog.records if "catalog refused" in r.getMessage()]
    assert reason in logged and "\n" not in logged
    for state in (engine.state(), restarted.state()):
        assert reason in (state.catalog_refused or "")
        assert (state.catalog_refused or "").startswith("catalog bundle from the platform (ETag ")

    counted.store.publish_catalog(signer.bundle("2026.12.1", "1.1.0"))
    assert restarted.pull_catalog(BundleCatalogSink(catalog_dir, signer.public)) is True
    assert counted.server.bundles_sent == 3
    assert load_catalog(catalog_dir).procedures[TAXI].version == "1.1.0"
    assert restarted.state().catalog_refused is None
    assert not BundleCatalogSink(catalog_dir, signer.public).refused_path.exists()


def test_the_same_refused_bytes_under_a_new_etag_are_not_verified_again(
    signer: Signer, tmp_path: Path
) -> None:
    """A server that changes the ETag (or sends none) still costs a download, but the
    same bytes are refused by their sha256 without being inflated again."""
    sink = BundleCatalogSink(tmp_path / "catalog", signer.public)
    hostile = HOSTILE["an entry with the encryption flag"][0](signer)
    with pytest.raises(BundleError, match="encrypted"):
        sink.install(hostile, '"one"')

    with pytest.raises(BundleError, match=r"^refused before: entry .*: encrypted"):
        sink.install(hostile, None)
    assert sink.current_etag() == '"one"'


def test_a_busy_installation_is_not_remembered_as_a_refusal(signer: Signer, tmp_path: Path) -> None:
    catalog_dir = tmp_path / "catalog"
    sink = BundleCatalogSink(catalog_dir, signer.public)
    bundle = signer.bundle("2026.11.1")
    with _install_lock(catalog_dir), pytest.raises(InstallBusyError):
        sink.install(bundle, '"v1"')

    assert sink.refused() is None
    sink.install(bundle, '"v1"')
    assert sink.current_etag() == '"v1"'


def test_a_bundle_larger_than_allowed_is_read_no_further_and_not_fetched_again(
    counted: CountedPlatform, outbox: MemoryOutbox, signer: Signer
) -> None:
    engine = counted.engine(outbox)
    sink = BundleCatalogSink(app_paths().catalog_dir, signer.public)
    counted.store.publish_catalog(b"PK\x03\x04" + bytes(40 * 1024 * 1024))

    assert engine.pull_catalog(sink) is False
    assert engine.pull_catalog(sink) is False

    assert counted.server.bundles_sent == 1
    assert "the bundle is over 32 MiB, more than a catalog bundle may be" in (
        engine.state().catalog_refused or ""
    )


def test_a_gzip_encoded_catalog_is_not_inflated(
    serve_asgi: Callable[[Any], AbstractContextManager[RunningServer]],
) -> None:
    """A bundle is a zip, compressed already; a body sent gzip-encoded anyway (a proxy,
    or a gzip bomb) is not read at all."""

    async def gzip_everything(scope: Any, receive: Any, send: Any) -> None:
        headers = [
            (b"content-type", b"application/octet-stream"),
            (b"content-encoding", b"gzip"),
            (b"etag", b'"x"'),
        ]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": gzip.compress(bytes(1024 * 1024))})

    with (
        serve_asgi(gzip_everything) as running,
        PlatformClient(running.url, lambda: "t") as client,
        pytest.raises(TransientError, match="sent gzip-encoded, asked for identity"),
    ):
        client.fetch_catalog()
