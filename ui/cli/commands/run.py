"""`kiosk run`: the app as an office device runs it, from its office configuration.

Kiosk mode: the locked full-screen window with the idle wipe; counter mode: a normal
window. Drafts go to the device store as they are typed; a network lane (its own
thread and its own database connection) sends the outbox whenever the link allows."""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PySide6.QtCore import QCoreApplication

    from kiosk.config import OfficeConfig
    from kiosk.store import Store
    from sync.client import PlatformClient
    from ui.main_window import MainWindow
    from ui.sync_lane import SyncLane


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "run", help="start the app with this device's office configuration"
    )
    parser.add_argument("--config", type=Path, help="office configuration (default: the device's)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from kiosk.config import ConfigError, load_office_config
    from kiosk.store import StoreError

    try:
        config = load_office_config(args.config)
    except ConfigError as error:
        print(error, file=sys.stderr)
        return 2
    try:
        started = start(config)
    except StoreError as error:
        print(error, file=sys.stderr)
        return 2
    try:
        return started.app.exec()
    finally:
        started.close()


@dataclass
class Started:
    """What `start` built: the first screen is shown, the event loop not yet running."""

    app: QCoreApplication
    window: MainWindow
    store: Store
    lane: SyncLane | None
    # The flow or console, the idle watcher: alive as long as the window, whatever Qt does.
    parts: tuple[object, ...] = ()

    def close(self) -> None:
        if self.lane is not None:
            self.lane.stop()
        self.store.close()


def start(config: OfficeConfig) -> Started:
    """Open the stores, load the catalog and show the first screen; the network lane
    starts once that screen is painted (it has nothing the citizen waits for)."""
    from kiosk.store import open_store

    store = open_store(actor=f"kiosk:{config.device_id or config.office_id}")
    lane_store = open_store(actor="sync")

    # What needs no Qt is imported first: once PySide6 is loaded it reads the source of
    # every module imported after it (its __feature__ hook), which costs start-up time.
    from kiosk.analytics.events import UsageRecorder
    from kiosk.analytics.journey import SessionUsage
    from kiosk.catalog.loader import load_catalog, sample_catalog_dir
    from kiosk.catalog.search import indexes_kept_in
    from kiosk.paths import app_paths
    from sync.enrolment import is_enrolled, keyring_token

    paths = app_paths()
    installed = paths.catalog_dir
    catalog = load_catalog(
        installed if (installed / "procedures").is_dir() else sample_catalog_dir()
    )
    enrolled = is_enrolled()
    office, region = config.office_id, str(config.region_code)
    client: PlatformClient | None = None
    lane: SyncLane | None = None
    if enrolled:
        from sync.catalog_sink import BundleCatalogSink
        from sync.client import PlatformClient
        from sync.engine import SyncEngine

        # One HTTP client per thread: the screens' (clerks, parked drafts), the
        # registry worker's and the lane's; each trusts the office CA if one is set.
        def platform() -> PlatformClient:
            return PlatformClient(
                config.server_url, keyring_token, ca_bundle=config.ca_bundle_path()
            )

        client = platform()
        engine = SyncEngine(
            platform(),
            lane_store.outbox,
            aggregates=lane_store.usage.queue(office, region),
        )
        sink = BundleCatalogSink(
            installed, config.public_key_bytes(), lane_store.drafts.open_definition_versions
        )
    from kiosk.catalog.loader import load_definition

    parked = None
    if client is not None:
        from sync.parked import ParkedDrafts

        parked = ParkedDrafts(client, office)
    definitions = partial(load_definition, installed)  # versions open drafts still use

    from PySide6.QtWidgets import QApplication

    from ui.backend import StoreBackend
    from ui.main_window import MainWindow, after_first_paint

    app = QApplication.instance() or QApplication(sys.argv)
    registry = None
    if enrolled:
        from sync.registry import PlatformRegistry
        from ui.registry_lane import BackgroundRegistry
        from ui.sync_lane import SyncLane

        lane = SyncLane(engine, catalog_sink=sink)
        # Look-ups on their own worker thread and client: the screen never waits.
        registry = BackgroundRegistry(PlatformRegistry(platform()))
    usage = SessionUsage(UsageRecorder(store.usage))
    window: MainWindow
    parts: tuple[object, ...]
    # The finder's index is read back from the data folder while the catalog is
    # unchanged, instead of being stemmed again at every start.
    with indexes_kept_in(paths.search_index_dir):
        if config.mode == "kiosk":
            from ui.flow import ProcedureFlow
            from ui.kiosk_mode import IdleWatcher, KioskWindow, lock_kiosk

            window = KioskWindow(config.default_language, virtual_keyboard=config.virtual_keyboard)
            flow = ProcedureFlow(
                window,
                catalog,
                region_code=str(config.region_code),
                backend=StoreBackend(store, lane=lane, parked=parked),
                channel="kiosk",
                registry=registry,
                printer_name=config.printer,
                lane=lane,
                usage=usage,
                definitions=definitions,
            )
            watcher = IdleWatcher(config.idle_timeout_seconds * 1000, countdown_s=20, parent=window)
            lock_kiosk(window, watcher, flow.wipe)
            window.showFullScreen()
            flow.show_home()
            parts = (flow, watcher)
        else:
            from kiosk.clerks import ClerkSignIn
            from sync.clerks import PlatformClerkDirectory
            from ui.counter.console import CounterConsole

            window = MainWindow(config.default_language)
            directory = PlatformClerkDirectory(client) if client is not None else None
            console = CounterConsole(
                window,
                catalog,
                store,
                ClerkSignIn(directory),
                region_code=str(config.region_code),
                lane=lane,
                registry=registry,
                office_id=office,
                aggregates=office_aggregates(client, store, office, region),
                usage=usage,
                definitions=definitions,
                parked=parked,
            )
            window.resize(1280, 860)
            window.show()
            console.show_sign_in()
            parts = (console,)
    if lane is not None:
        after_first_paint(window, lane.start)
    return Started(app, window, store, lane, parts)


def office_aggregates(client: Any, store: Any, office: str, region: str) -> Any:
    """The dashboard's figures: every device of the office from the platform, or this
    device's own when the platform cannot answer."""
    from sync.errors import SyncError

    def read(first: date, last: date) -> list[Any]:
        if client is not None:
            try:
                return list(client.office_aggregates(office, first, last))
            except SyncError:
                pass
        return list(store.usage.daily(office, region, first, last))

    return read
