"""The real reference server on 127.0.0.1, an enrolled device, and fast clients.

Timeouts and backoff are short so that the fault tests stay quick."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from kiosk.ports import OutboxPort
from sync.client import PlatformClient
from sync.engine import Backoff, SyncEngine
from sync.server.app import create_app
from sync.server.faults import FaultInjector
from sync.server.store import ServerStore
from sync.serving import serve_in_thread
from tests.support.memory_store import MemoryOutbox

FAST_BACKOFF = Backoff(base=0.01, cap=0.05, max_retry_after=0.2)
OFFICE = "office-thessaloniki"  # the office of the `platform` fixture's device


@dataclass
class Platform:
    db_path: Path
    host: str
    port: int
    faults: FaultInjector
    token: str
    stack: ExitStack
    clients: list[PlatformClient] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def state(self) -> Any:
        return self.faults.state

    @property
    def store(self) -> ServerStore:
        store: ServerStore = self.faults.state.store
        return store

    def client(self, token: str | None = "", **options: Any) -> PlatformClient:
        options.setdefault("timeout", 2.0)
        options.setdefault("connect_timeout", 1.0)
        chosen = self.token if token == "" else token
        client = PlatformClient(self.url, lambda: chosen, **options)
        self.clients.append(client)
        return client

    def engine(
        self, outbox: OutboxPort, client: PlatformClient | None = None, **options: Any
    ) -> SyncEngine:
        options.setdefault("backoff", FAST_BACKOFF)
        return SyncEngine(client or self.client(), outbox, **options)

    def stop(self) -> None:
        """Stop the server (the port closes: connections are refused)."""
        self.stack.close()
        self.store.close()

    def start(self, faults: FaultInjector | None = None) -> None:
        """Start a fresh server process-alike over the same database, on the same port."""
        self.faults = faults or FaultInjector()
        self.stack = ExitStack()
        self.stack.enter_context(
            serve_in_thread(create_app(self.db_path, faults=self.faults), port=self.port)
        )


@pytest.fixture
def platform(tmp_path: Path) -> Iterator[Platform]:
    db_path = tmp_path / "server" / "platform.sqlite3"
    faults = FaultInjector()
    app = create_app(db_path, catalog_bundle=b"signed-bundle-v1", faults=faults)
    stack = ExitStack()
    running = stack.enter_context(serve_in_thread(app))
    code = faults.state.store.create_enrolment_code(OFFICE)
    redeemed = faults.state.store.redeem_code(code)
    assert redeemed is not None
    harness = Platform(db_path, running.host, running.port, faults, redeemed[1], stack)
    yield harness
    for client in harness.clients:
        client.close()
    harness.stack.close()


@pytest.fixture
def outbox(tmp_path: Path) -> MemoryOutbox:
    return MemoryOutbox(attachment_dir=tmp_path / "attachments")


def drain_until_empty(engine: SyncEngine, rounds: int = 10) -> None:
    """What the network lane does: drain again until nothing is pending."""
    for _ in range(rounds):
        engine.drain_once()
        if engine.outbox.pending_count() == 0:
            return
    raise AssertionError(f"still pending after {rounds} drains: {engine.state()}")
