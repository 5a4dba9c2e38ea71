"""Fault injection for the reference server (tests and demos of bad links).

An ASGI wrapper that, for requests matching a method and path prefix, misbehaves the
way real links and middleboxes do: errors with Retry-After, slow answers, a captive
portal's HTML page, the connection dropped after the server committed but before the
answer left, a truncated body, a request body cut midway. The server underneath is the
real one, so what it committed is real and can be counted.

Dropping relies on uvicorn closing the connection when an app starts a response and
returns without finishing it.
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from typing import Any, Literal

from sync.protocol import envelope

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]

FaultKind = Literal["status", "delay", "captive", "drop_after_commit", "truncate", "cut_request"]

CAPTIVE_HTML = b"<html><head><title>Wi-Fi login</title></head><body>Sign in</body></html>"


@dataclass
class Fault:
    kind: FaultKind
    method: str = "*"
    path_prefix: str = "/"
    times: int = 1  # how many matching requests misbehave
    skip: int = 0  # matching requests let through first
    status: int = 503
    retry_after: float | None = None
    delay: float = 0.0
    after_bytes: int = 0  # cut_request: body bytes passed on before the cut

    def matches(self, method: str, path: str) -> bool:
        return (self.method in ("*", method)) and path.startswith(self.path_prefix)


class FaultInjector:
    def __init__(self) -> None:
        self._faults: list[Fault] = []
        self._lock = threading.Lock()
        self.app: Any = None
        self.fired: list[FaultKind] = []

    def wrap(self, app: Any) -> None:
        self.app = app

    @property
    def state(self) -> Any:
        return self.app.state

    def add(self, fault: Fault) -> None:
        with self._lock:
            self._faults.append(fault)

    def clear(self) -> None:
        with self._lock:
            self._faults.clear()

    def _take(self, method: str, path: str) -> Fault | None:
        with self._lock:
            for fault in self._faults:
                if fault.times > 0 and fault.matches(method, path):
                    if fault.skip > 0:
                        fault.skip -= 1
                        return None
                    fault.times -= 1
                    self.fired.append(fault.kind)
                    return fault
        return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        fault = self._take(scope["method"], scope["path"]) if scope["type"] == "http" else None
        if fault is None:
            await self.app(scope, receive, send)
            return
        if fault.kind == "delay":
            await asyncio.sleep(fault.delay)
            await self.app(scope, receive, send)
        elif fault.kind == "status":
            await _status(send, fault)
        elif fault.kind == "captive":
            await _plain(send, 200, b"text/html; charset=utf-8", CAPTIVE_HTML)
        elif fault.kind == "cut_request":
            await self.app(scope, _cut_after(receive, fault.after_bytes), _swallow)
            await _start_and_abandon(send)
        else:
            messages: list[Message] = []

            async def capture(message: Message) -> None:
                messages.append(message)

            await self.app(scope, receive, capture)
            await send(messages[0])
            if fault.kind == "truncate":
                body = b"".join(m.get("body", b"") for m in messages[1:])
                await send(
                    {
                        "type": "http.response.body",
                        "body": body[: len(body) // 2],
                        "more_body": True,
                    }
                )


async def _status(send: Send, fault: Fault) -> None:
    body = json.dumps(envelope(error="injected", message=f"injected {fault.status}")).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    if fault.retry_after is not None:
        headers.append((b"retry-after", str(fault.retry_after).encode()))
    await send({"type": "http.response.start", "status": fault.status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


async def _plain(send: Send, status: int, media_type: bytes, body: bytes) -> None:
    headers = [(b"content-type", media_type), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


async def _start_and_abandon(send: Send) -> None:
    await send(
        {"type": "http.response.start", "status": 200, "headers": [(b"content-length", b"100")]}
    )


async def _swallow(message: Message) -> None:
    return None


def _cut_after(receive: Receive, limit: int) -> Receive:
    passed = 0

    async def cut() -> Message:
        nonlocal passed
        if passed >= limit:
            return {"type": "http.disconnect"}
        message = await receive()
        if message["type"] == "http.request":
            body = bytes(message.get("body", b""))[: limit - passed]
            passed += len(body)
            more = bool(message.get("more_body", False)) or passed >= limit
            return {"type": "http.request", "body": body, "more_body": more}
        return message

    return cut
