"""The reference server on loopback with every request it receives counted (an ASGI
wrapper around the real app: nothing in the server changes), and a device enrolled."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sync.client import PlatformClient
from sync.server.app import create_app
from sync.serving import serve_in_thread


@dataclass
class CountedPlatform:
    client: PlatformClient
    app: Any
    url: str
    seen: list[tuple[str, str]] = field(default_factory=list)  # (method, path)

    def asked(self, prefix: str) -> list[tuple[str, str]]:
        return [(m, p) for m, p in self.seen if p.startswith(prefix)]


@contextmanager
def counted_platform() -> Iterator[CountedPlatform]:
    with tempfile.TemporaryDirectory(prefix="kiosk-onceonly-server-") as folder:
        app = create_app(Path(folder) / "platform.sqlite3")
        code = app.state.store.create_enrolment_code("demo-office")
        seen: list[tuple[str, str]] = []

        async def counting(scope: Any, receive: Any, send: Any) -> None:
            if scope["type"] == "http":
                seen.append((scope["method"], scope["path"]))
            await app(scope, receive, send)

        with serve_in_thread(counting) as running:
            token: dict[str, str | None] = {"value": None}
            client = PlatformClient(running.url, lambda: token["value"])
            token["value"] = client.redeem_enrolment_code(code)[1]
            try:
                yield CountedPlatform(client, app, running.url, seen)
            finally:
                client.close()
