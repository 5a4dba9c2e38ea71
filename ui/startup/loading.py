"""What the app loads behind its first screen, on a worker thread: the office
configuration in full, the stores, the catalog, and the platform's clients when the
device is enrolled. No Qt object is made here; the GUI thread builds the widgets
(ui.startup.assembly) from what this returns."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from datetime import UTC, date, datetime
from functools import partial
from typing import TYPE_CHECKING, Any

import msgspec

if TYPE_CHECKING:
    from kiosk.analytics.journey import SessionUsage
    from kiosk.catalog.loader import CatalogLoad
    from kiosk.catalog.model import Procedure
    from kiosk.catalog.search import SearchIndex
    from kiosk.config import OfficeConfig
    from kiosk.office_file import OfficeFile
    from kiosk.store import Store
    from sync.catalog_sink import BundleCatalogSink
    from sync.client import PlatformClient
    from sync.engine import SyncEngine
    from sync.parked import ParkedDrafts

log = logging.getLogger(__name__)


class Platform(msgspec.Struct):
    """An enrolled device's ties to the platform, one HTTP client per thread that uses
    one: the screens' (clerks, parked drafts), the registry worker's and the lane's."""

    client: PlatformClient
    registry_client: PlatformClient
    engine: SyncEngine
    sink: BundleCatalogSink
    parked: ParkedDrafts


class Loaded(msgspec.Struct):
    config: OfficeConfig
    store: Store  # the screens' connection
    lane_store: Store  # the network lane's own connection
    catalog: CatalogLoad
    index: SearchIndex
    definitions: Callable[[str, str], Procedure]  # versions that open drafts still use
    usage: SessionUsage
    platform: Platform | None  # None: not enrolled, everything stays on the device

    def close(self) -> None:
        if self.platform is not None:  # else their sockets are left to the garbage collector
            platform = self.platform
            for client in (platform.client, platform.registry_client, platform.engine.client):
                client.close()
        self.store.close()
        self.lane_store.close()


def forgo_httpx_command_line() -> None:
    """httpx imports its command-line tool when rich and click are installed (the CEL
    library depends on rich): 50 ms and 6 MiB the app never uses. A None entry makes that
    import fail, which httpx expects and handles by leaving its `main` a stub."""
    sys.modules.setdefault("httpx._main", None)  # type: ignore[arg-type]


def load(office: OfficeFile, config: OfficeConfig | None) -> Loaded:
    """Everything behind the first screen. Raises ConfigError or StoreError, each
    saying what to do; opens nothing it does not close again when it raises."""
    from kiosk.config import parse_office_config
    from kiosk.logs import configure_logging
    from kiosk.office_file import remember_validated
    from kiosk.paths import app_paths

    configure_logging(app_paths().log_dir)
    forgo_httpx_command_line()
    if config is None:
        config = parse_office_config(office.text, office.path)
    remember_validated(office, config.first_screen())

    from kiosk.store import choose_platform_keyring, open_store

    choose_platform_keyring()  # before the store asks for its key: no backend discovery

    store = open_store(actor=f"kiosk:{config.device_id or config.office_id}")
    try:
        lane_store = open_store(actor="sync", cipher=store.cipher)  # one keyring read
    except BaseException:
        store.close()
        raise
    apply_retention(config, store)
    try:
        return _load_rest(config, store, lane_store)
    except BaseException:
        store.close()
        lane_store.close()
        raise


def apply_retention(config: OfficeConfig, store: Store) -> None:
    """The office file's retention, at every start, behind the first screen, and every
    few hours on the network lane (ui.sync_lane): answers of applications the platform
    has, abandoned kiosk drafts, then the scans nothing holds any more. A failure is
    logged and the app goes on: nothing is lost by keeping data a while longer, and a
    person is waiting at the screen."""
    try:
        report = store.purge(
            config.retention.accepted_submissions_days, config.retention.abandoned_drafts_days
        )
    except Exception as error:  # a locked or damaged database must not stop the start
        log.warning("retention did not run: %s", type(error).__name__)
        return
    log.info(
        "retention: %d answered applications purged, %d abandoned drafts, %d scans",
        report.accepted_purged,
        report.abandoned_deleted,
        report.attachments_deleted,
    )


def _load_rest(config: OfficeConfig, store: Store, lane_store: Store) -> Loaded:
    from kiosk.analytics.events import UsageRecorder
    from kiosk.analytics.journey import SessionUsage
    from kiosk.catalog.kept import kept_catalog
    from kiosk.catalog.loader import load_definition, sample_catalog_dir
    from kiosk.catalog.search import SearchIndex
    from kiosk.paths import app_paths
    from sync.enrolment import is_enrolled

    paths = app_paths()
    installed = paths.catalog_dir
    # Decoded from the copy kept at the last start while the folder is unchanged, instead
    # of validated and checked again (every expression compiled, the CEL library imported).
    kept = kept_catalog(
        installed if (installed / "procedures").is_dir() else sample_catalog_dir(),
        paths.kept_catalog_dir,
    )
    catalog = kept.load
    # Read back from the data folder while the catalog is unchanged, instead of being
    # stemmed again at every start; found by the digest kept with the catalog.
    index = SearchIndex(cache_dir=paths.search_index_dir)
    index.rebuild(catalog.procedures.values(), content=kept.procedures_digest)
    return Loaded(
        config=config,
        store=store,
        lane_store=lane_store,
        catalog=catalog,
        index=index,
        definitions=partial(load_definition, installed),
        usage=SessionUsage(UsageRecorder(store.usage)),
        platform=_platform(config, lane_store) if is_enrolled() else None,
    )


def _platform(config: OfficeConfig, lane_store: Store) -> Platform:
    from kiosk.paths import app_paths
    from kiosk.store import export_draft
    from sync.catalog_sink import BundleCatalogSink
    from sync.client import PlatformClient
    from sync.engine import SEND_CONCURRENCY, SyncEngine
    from sync.enrolment import keyring_token
    from sync.office_feed import HeartbeatSender, OfficeFeed, RefusedReporter
    from sync.parked import ParkedDrafts

    def client() -> PlatformClient:
        return PlatformClient(config.server_url, keyring_token, ca_bundle=config.ca_bundle_path())

    office, region = config.office_id, str(config.region_code)
    screens = client()
    sink = BundleCatalogSink(
        app_paths().catalog_dir,
        config.public_key_bytes(),
        lane_store.drafts.open_definition_versions,
    )
    return Platform(
        client=screens,
        registry_client=client(),
        engine=SyncEngine(
            client(),
            lane_store.outbox,
            aggregates=lane_store.usage.queue(office, region),
            parked=lane_store.parking,  # parked drafts go up with the submissions
            concurrency=SEND_CONCURRENCY,  # several at once: a round trip is not free
            office=OfficeFeed(office, lane_store.office) if config.mode == "counter" else None,
            heartbeat=HeartbeatSender(partial(heartbeat, config, lane_store, sink)),
            # No clerk at a kiosk: what the platform refuses goes to the office's counters.
            refused=RefusedReporter(
                office, lane_store.outbox, partial(export_draft, lane_store.drafts)
            )
            if config.mode == "kiosk"
            else None,
        ),
        sink=sink,
        parked=ParkedDrafts(screens, office),
    )


def heartbeat(
    config: OfficeConfig, lane_store: Store, sink: Any, last_sync_at: datetime | None
) -> Any:
    """This device's heartbeat, read on the network lane from the lane's own store."""
    from kiosk.status import PENDING
    from sync.heartbeat import device_heartbeat

    pending = lane_store.drafts.list(status=PENDING, limit=500)
    return device_heartbeat(
        mode=config.mode,
        region_code=str(config.region_code),
        catalog_version=sink.current_etag(),
        outbox_depth=lane_store.outbox.pending_count(),
        quarantined=len(lane_store.outbox.quarantined()),
        oldest_unsent_at=min((r.updated_at for r in pending), default=None),
        last_sync_at=last_sync_at,
        sent_at=datetime.now(UTC),
    )


def office_aggregates(loaded: Loaded) -> Callable[[date, date], list[Any]]:
    """The dashboard's figures: every device of the office from the platform, or this
    device's own when the platform cannot answer. Called on a lane (the dashboard page):
    the platform is asked there, the screens' store on the GUI thread, its owner."""
    from sync.errors import SyncError
    from ui.tasks import call_on_main

    config, store = loaded.config, loaded.store
    office, region = config.office_id, str(config.region_code)
    client = loaded.platform.client if loaded.platform else None

    def read(first: date, last: date) -> list[Any]:
        if client is not None:
            try:
                return list(client.office_aggregates(office, first, last))
            except SyncError:
                pass
        return call_on_main(lambda: list(store.usage.daily(office, region, first, last)))

    return read
