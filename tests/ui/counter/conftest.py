"""A counter device: the reference server on loopback (enrolled as the demo office, whose
FAKE clerks are clerk01/clerk02), a device store, the network lane, the console."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.analytics.events import UsageRecorder
from kiosk.analytics.journey import SessionUsage
from kiosk.catalog.loader import load_catalog, sample_catalog_dir
from kiosk.clerks import ClerkSignIn
from kiosk.store import Store, open_store
from sync.clerks import PlatformClerkDirectory
from sync.client import PlatformClient
from sync.demo_citizen import demo_clerk_credentials
from sync.engine import Backoff, SyncEngine
from sync.office_feed import OfficeFeed
from sync.registry import PlatformRegistry
from sync.server.app import create_app
from sync.serving import RunningServer, serve_in_thread
from ui.citizen_sign_in import clerk_registry_maker
from ui.counter.console import CounterConsole
from ui.main_window import MainWindow
from ui.sync_lane import SyncLane


@dataclass
class Counter:
    window: MainWindow
    console: CounterConsole
    store: Store
    lane: SyncLane
    server: RunningServer
    server_app: object


@pytest.fixture
def counter(qtbot: QtBot, tmp_path: Path) -> Iterator[Counter]:
    app = create_app(tmp_path / "server" / "platform.sqlite3")
    code = app.state.store.create_enrolment_code("demo-office")
    with serve_in_thread(app) as running:
        token = app.state.store.redeem_code(code)[1]
        screens_client = PlatformClient(running.url, lambda: token, timeout=2.0)
        lane_client = PlatformClient(running.url, lambda: token, timeout=2.0)
        clerk = demo_clerk_credentials(screens_client)
        store = open_store(tmp_path / "device.sqlite3", actor="counter")
        lane_store = open_store(tmp_path / "device.sqlite3", actor="sync")
        engine = SyncEngine(
            lane_client,
            lane_store.outbox,
            backoff=Backoff(0.01, 0.05, 0.2),
            office=OfficeFeed("demo-office", lane_store.office),  # the office's other devices
        )
        lane = SyncLane(engine, interval_s=3600)
        window = MainWindow()
        qtbot.addWidget(window)
        directory = PlatformClerkDirectory(screens_client)
        console = CounterConsole(
            window,
            load_catalog(sample_catalog_dir()),
            store,
            ClerkSignIn(directory),
            region_code="2",
            lane=lane,
            # A FAKE clerk's platform session and identity check (issue #16).
            registry=PlatformRegistry(screens_client, lambda: clerk),
            office_id="demo-office",
            usage=SessionUsage(UsageRecorder(store.usage)),
            # The identity check in person opens the registries on the clerk's session.
            clerk_registry=clerk_registry_maker(screens_client, lambda: directory.session),
            platform=screens_client,
        )
        window.resize(1280, 860)
        window.show()
        lane.start()
        # The lane's first drain is over before a test seeds the outbox: with an hour's
        # interval nothing else is sent unless a submission kicks it.
        qtbot.waitUntil(lambda: lane.last_result is not None, timeout=10_000)
        console.show_sign_in()
        try:
            yield Counter(window, console, store, lane, running, app)
        finally:
            lane.stop()
            for client in (screens_client, lane_client):
                client.close()
            store.close()
            lane_store.close()
