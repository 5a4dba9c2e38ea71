"""Limits before work: bodies bounded while they stream, JSON depth checked before
parsing, enrolment codes that expire, and clerk sign-in failures counted by the
platform itself."""

from __future__ import annotations

import asyncio
import socket
import sqlite3
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest

from sync.server.clerks import ClerkDirectory
from sync.server.store import ServerStore
from tests.sync.conftest import Platform
from tests.sync.server.conftest import bearer, put_raw

DEEP = b"[" * 100_000 + b"]" * 100_000


def _enrol(platform: Platform, body: bytes | Iterator[bytes]) -> httpx.Response:
    return httpx.post(
        f"{platform.url}/v1/enrolment", content=body, headers={"Content-Type": "application/json"}
    )


def test_a_streamed_enrolment_body_is_cut_off_at_its_limit(platform: Platform) -> None:
    # Chunked: no Content-Length to refuse up front. 256 KiB, so that what the server
    # never reads still fits the loopback socket buffers (no reset while writing).
    def chunks() -> Iterator[bytes]:
        for _ in range(16):
            yield b" " * (16 * 1024)

    response = _enrol(platform, chunks())
    assert response.status_code == 413 and response.json()["error"] == "too_large"


def test_a_declared_huge_body_is_refused_before_a_byte_of_it_is_read(platform: Platform) -> None:
    with socket.create_connection((platform.host, platform.port), timeout=5) as raw:
        raw.sendall(
            b"POST /v1/enrolment HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Content-Length: 209715200\r\n\r\n{"
        )
        answer = raw.recv(4096)
    assert answer.startswith(b"HTTP/1.1 413")


@pytest.mark.parametrize(
    "path", ["/v1/enrolment", "/v1/clerks/verify", "/v1/registry/taxpayer/lookup"]
)
def test_json_nested_100000_deep_gets_a_message_not_a_500(platform: Platform, path: str) -> None:
    response = httpx.post(
        f"{platform.url}{path}", content=DEEP[:2000] + DEEP[-2000:], headers=bearer(platform.token)
    )
    assert response.status_code == 422 and response.json()["error"] == "too_deep"


def test_a_100000_deep_submission_is_refused_with_a_message(platform: Platform) -> None:
    response = put_raw(platform, platform.token, str(uuid.uuid4()), DEEP)
    assert response.status_code == 422
    assert response.json()["field_errors"] == {"body": "too deep"}


def test_brackets_inside_strings_do_not_count_as_depth(platform: Platform) -> None:
    document = b'{"code": "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\\"[[[["}'
    response = _enrol(platform, document)
    assert response.status_code == 403 and response.json()["error"] == "invalid_code"


def test_an_expired_enrolment_code_is_refused_with_a_clear_error(platform: Platform) -> None:
    platform.store.clock = lambda: datetime(2019, 3, 1, tzinfo=UTC)
    code = platform.store.create_enrolment_code("office-thessaloniki")
    platform.store.clock = lambda: datetime.now(UTC)
    response = _enrol(platform, b'{"code": "%s"}' % code.encode())
    assert response.status_code == 403
    assert response.json()["error"] == "expired_code" and "expired" in response.json()["message"]


def test_a_code_still_valid_on_its_seventh_day_enrols(platform: Platform) -> None:
    platform.store.clock = lambda: datetime.now(UTC) - timedelta(days=6, hours=23)
    code = platform.store.create_enrolment_code("office-thessaloniki")
    platform.store.clock = lambda: datetime.now(UTC)
    assert _enrol(platform, b'{"code": "%s"}' % code.encode()).status_code == 200


SUBMISSION_V1 = "5b0f8d52-3f7e-4b8e-9d6e-2a1c4f3e9b10"


def test_a_code_made_before_codes_expired_is_refused_after_the_upgrade(tmp_path: Path) -> None:
    """A version-1 database: a 2019 code never used, and a submission already accepted."""
    path = tmp_path / "old.sqlite3"
    old = sqlite3.connect(path)
    old.executescript(
        "CREATE TABLE enrolment_codes (code_sha256 TEXT PRIMARY KEY, office_id TEXT NOT NULL,"
        " created_at TEXT NOT NULL, used_at TEXT);"
        "CREATE TABLE devices (device_id TEXT PRIMARY KEY, token_sha256 TEXT NOT NULL UNIQUE,"
        " office_id TEXT NOT NULL, enrolled_at TEXT NOT NULL);"
        "CREATE TABLE submissions (submission_id TEXT PRIMARY KEY, device_id TEXT NOT NULL,"
        " body_sha256 TEXT NOT NULL, protocol_number TEXT NOT NULL UNIQUE,"
        " received_at TEXT NOT NULL, body BLOB NOT NULL);"
        "CREATE TABLE attachments (sha256 TEXT PRIMARY KEY, size INTEGER NOT NULL,"
        " complete INTEGER NOT NULL DEFAULT 0);"
    )
    from sync.server.store import digest

    old.execute(
        "INSERT INTO enrolment_codes VALUES (?, 'o', '2019-05-02T10:00:00Z', NULL)",
        (digest("AAAA-BBBB-CCCC"),),
    )
    old.execute("INSERT INTO devices VALUES ('d1', 'tok', 'o', '2019-05-02T10:00:00Z')")
    old.execute(
        "INSERT INTO submissions VALUES (?, 'd1', 'sha', '2019/000001', "
        "'2019-05-02T10:05:00Z', x'7b7d')",
        (SUBMISSION_V1,),
    )
    old.commit()
    old.close()
    store = ServerStore(path)
    from sync.server.store import CodeExpiredError

    with pytest.raises(CodeExpiredError):
        store.redeem_code("AAAA-BBBB-CCCC")
    assert store.acknowledgement(SUBMISSION_V1, "o") is not None  # kept, now the office's
    store.close()


def test_guessing_enrolment_codes_is_stopped_even_for_a_right_code(platform: Platform) -> None:
    for n in range(20):  # sync.server.store.ENROLMENT_MAX_FAILURES
        assert _enrol(platform, b'{"code": "GUES-S%03d-0000"}' % n).status_code == 403
    right = platform.store.create_enrolment_code("office-thessaloniki")
    refused = _enrol(platform, b'{"code": "%s"}' % right.encode())
    assert refused.status_code == 429 and refused.json()["error"] == "too_many_attempts"
    assert int(refused.headers["retry-after"]) > 0
    platform.store.clock = lambda: datetime.now(UTC) + timedelta(minutes=16)
    assert _enrol(platform, b'{"code": "%s"}' % right.encode()).status_code == 200


def test_twenty_wrong_passwords_lock_the_clerk_even_for_the_right_one_and_a_restart(
    platform: Platform,
) -> None:
    redeemed = platform.store.redeem_code(platform.store.create_enrolment_code("demo-office"))
    assert redeemed is not None
    url, headers = f"{platform.url}/v1/clerks/verify", bearer(redeemed[1])
    for _ in range(20):
        httpx.post(url, json={"clerk_id": "clerk01", "password": "guess"}, headers=headers)
    platform.stop()
    platform.start()
    right = httpx.post(
        url, json={"clerk_id": "clerk01", "password": "demo-pass-01"}, headers=headers
    )
    assert right.json()["verified"] is False and right.json()["locked"] is True
    assert right.json()["retry_after"] > 0


def test_a_device_guessing_many_clerk_ids_is_locked_for_every_clerk(platform: Platform) -> None:
    redeemed = platform.store.redeem_code(platform.store.create_enrolment_code("demo-office"))
    assert redeemed is not None
    url, headers = f"{platform.url}/v1/clerks/verify", bearer(redeemed[1])
    for n in range(20):  # sync.server.store.DEVICE_MAX_FAILURES
        httpx.post(url, json={"clerk_id": f"guess{n}", "password": "x"}, headers=headers)
    right = httpx.post(
        url, json={"clerk_id": "clerk02", "password": "demo-pass-02"}, headers=headers
    )
    assert right.json()["locked"] is True
    other_device = platform.store.redeem_code(platform.store.create_enrolment_code("demo-office"))
    assert other_device is not None
    elsewhere = httpx.post(
        url,
        json={"clerk_id": "clerk02", "password": "demo-pass-02"},
        headers=bearer(other_device[1]),
    )
    assert elsewhere.json()["verified"] is True


def test_parallel_guesses_cannot_all_slip_past_the_lockout(platform: Platform) -> None:
    redeemed = platform.store.redeem_code(platform.store.create_enrolment_code("demo-office"))
    assert redeemed is not None
    url, headers = f"{platform.url}/v1/clerks/verify", bearer(redeemed[1])

    def guess(_: int) -> bool:
        answer = httpx.post(url, json={"clerk_id": "clerk01", "password": "x"}, headers=headers)
        return bool(answer.json()["locked"])

    with ThreadPoolExecutor(max_workers=16) as pool:
        locked = list(pool.map(guess, range(32)))
    checked = locked.count(False)  # answers for which a password was really hashed
    assert 5 <= checked <= 5 + 1  # CLERK_MAX_FAILURES, plus one in flight beside it


def test_the_lockout_ends_after_its_window(platform: Platform) -> None:
    redeemed = platform.store.redeem_code(platform.store.create_enrolment_code("demo-office"))
    assert redeemed is not None
    url, headers = f"{platform.url}/v1/clerks/verify", bearer(redeemed[1])
    for _ in range(5):
        httpx.post(url, json={"clerk_id": "clerk01", "password": "guess"}, headers=headers)
    platform.store.clock = lambda: datetime.now(UTC) + timedelta(minutes=16)
    right = httpx.post(
        url, json={"clerk_id": "clerk01", "password": "demo-pass-01"}, headers=headers
    )
    assert right.json()["verified"] is True


def test_password_hashing_runs_off_the_event_loop(platform: Platform) -> None:
    directory: ClerkDirectory = platform.state.clerks
    real = directory.verify
    on_loop: list[bool] = []

    def watching(office_id: str, clerk_id: str, password: str) -> str | None:
        try:
            asyncio.get_running_loop()
            on_loop.append(True)
        except RuntimeError:
            on_loop.append(False)
        return real(office_id, clerk_id, password)

    directory.verify = watching  # type: ignore[method-assign]
    httpx.post(
        f"{platform.url}/v1/clerks/verify",
        json={"clerk_id": "clerk01", "password": "demo-pass-01"},
        headers=bearer(platform.token),
    )
    assert on_loop == [False]
