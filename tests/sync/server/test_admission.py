"""The server bounds the requests it works on at once: past the bound it answers 503
with Retry-After at once (a protocol document), keeps /health answering, and takes
requests again as soon as the ones in progress end."""

from __future__ import annotations

import socket
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from sync.client import PlatformClient
from sync.errors import TransientError
from sync.server.admission import Admission
from sync.server.app import create_app
from sync.serving import RunningServer, serve_in_thread

SHA = "a" * 64


@pytest.fixture
def bounded(tmp_path: Path) -> Iterator[tuple[RunningServer, Admission, str]]:
    app = create_app(tmp_path / "platform.sqlite3", max_concurrent=2)
    redeemed = app.state.store.redeem_code(app.state.store.create_enrolment_code())
    assert redeemed is not None
    with serve_in_thread(app) as running:
        yield running, app.state.admission, redeemed[1]


def _hold_a_request_open(running: RunningServer, token: str, sha: str) -> socket.socket:
    """A PATCH whose body never comes: the server works on it until the socket closes."""
    held = socket.create_connection((running.host, running.port))
    held.sendall(
        f"PATCH /v1/attachments/{sha} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\n"
        "Upload-Offset: 0\r\nUpload-Length: 10\r\nContent-Length: 10\r\n\r\n".encode()
    )
    return held


def _wait_for(condition: Callable[[], bool]) -> None:
    deadline = time.monotonic() + 10
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.01)


def test_past_the_bound_the_server_answers_busy_with_retry_after_and_health_still_answers(
    bounded: tuple[RunningServer, Admission, str],
) -> None:
    running, admission, token = bounded
    held = [_hold_a_request_open(running, token, str(n) * 64) for n in (1, 2)]
    _wait_for(lambda: admission.in_flight == 2)
    try:
        refused = httpx.get(
            f"{running.url}/v1/attachments/{SHA}", headers={"Authorization": f"Bearer {token}"}
        )
        assert refused.status_code == 503
        assert refused.headers["Retry-After"] == "1"
        assert refused.json()["error"] == "busy" and refused.json()["protocol"] == "periferia/1"
        assert httpx.get(f"{running.url}/v1/health").status_code == 200
        client = PlatformClient(running.url, lambda: token)
        with pytest.raises(TransientError) as told:
            client.attachment_status(SHA)
        assert told.value.retry_after == 1
        client.close()
    finally:
        for sock in held:
            sock.close()
    _wait_for(lambda: admission.in_flight == 0)
    again = httpx.get(
        f"{running.url}/v1/attachments/{SHA}", headers={"Authorization": f"Bearer {token}"}
    )
    assert again.status_code == 200
    assert admission.peak == 2 and admission.refused == 2
