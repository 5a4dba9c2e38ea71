from __future__ import annotations

import socket
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

import httpx
from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route

from sync.serving import RunningServer, bind_socket


async def _hello(request: Any) -> JSONResponse:
    return JSONResponse({"hello": "κόσμε"})


def test_served_app_answers_on_loopback(
    serve_asgi: Callable[[Any], AbstractContextManager[RunningServer]],
) -> None:
    app = Starlette(routes=[Route("/hello", _hello)])
    with serve_asgi(app) as server:
        assert server.host == "127.0.0.1"
        response = httpx.get(f"{server.url}/hello", timeout=5)
    assert response.json() == {"hello": "κόσμε"}


def test_listening_socket_has_nagle_disabled() -> None:
    sock = bind_socket()
    try:
        assert sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0
    finally:
        sock.close()
