"""Run the reference server in the foreground (`kiosk server`), for demos."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from sync.server.app import create_app
from sync.server.store import ServerStore
from sync.serving import serve_in_thread

DEMO_CATALOG = b"demo catalog bundle (unsigned placeholder until kiosk/catalog publishes one)"


def run_server(
    host: str,
    port: int,
    db_path: Path,
    say: Callable[[str], None] = print,
    stop: threading.Event | None = None,
) -> None:
    """Serve until `stop` is set (or Ctrl+C); tells the operator the URL and a fresh
    one-time enrolment code."""
    app = create_app(db_path)
    store: ServerStore = app.state.store
    if store.catalog() is None:
        store.publish_catalog(DEMO_CATALOG)
    code = store.create_enrolment_code("demo-office")
    with serve_in_thread(app, host=host, port=port) as running:
        say(f"Reference platform server on http://{running.host}:{running.port}/v1 (db: {db_path})")
        say(f"Enrolment code for one device: {code}")
        say("FAKE registry data only. Ctrl+C stops the server.")
        (stop or threading.Event()).wait()
