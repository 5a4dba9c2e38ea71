"""The link-emulating proxy of the benchmarks, at tiny sizes: it forwards bytes intact,
it delays them, it limits their rate, it loses packets and resets connections as its
seed says, and the same seed loses the same packets."""

from __future__ import annotations

import asyncio
import contextlib
import socket
import threading
import time
from collections.abc import Iterator

import pytest

from benchmarks.link import LinkProfile, LinkProxy


@pytest.fixture
def echo() -> Iterator[tuple[str, int]]:
    """A TCP echo server on 127.0.0.1 (the proxy's target)."""
    loop = asyncio.new_event_loop()
    started = threading.Event()
    address: list[tuple[str, int]] = []
    writers: set[asyncio.StreamWriter] = set()

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        # A reset from the proxy raises here; the writer is closed either way, or its
        # transport is left to the garbage collector, which warns (and fails the test).
        writers.add(writer)
        try:
            while data := await reader.read(65536):
                writer.write(data)
                await writer.drain()
        except ConnectionError:
            pass
        finally:
            writer.close()

    async def main() -> asyncio.Server:
        server = await asyncio.start_server(handle, "127.0.0.1", 0)
        address.append(server.sockets[0].getsockname()[:2])
        started.set()
        return server

    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    server = asyncio.run_coroutine_threadsafe(main(), loop).result(timeout=10)
    started.wait(10)
    yield address[0]
    server.close()

    async def close_connections() -> None:
        for writer in list(writers):
            writer.close()
            with contextlib.suppress(ConnectionError):
                await writer.wait_closed()

    asyncio.run_coroutine_threadsafe(close_connections(), loop).result(timeout=10)
    asyncio.run_coroutine_threadsafe(server.wait_closed(), loop).result(timeout=10)
    loop.call_soon_threadsafe(loop.stop)
    thread.join(timeout=10)
    loop.close()


def _round_trip(proxy: LinkProxy, payload: bytes) -> tuple[bytes, float]:
    started = time.perf_counter()
    with socket.create_connection(("127.0.0.1", proxy.port), timeout=20) as conn:
        conn.sendall(payload)
        conn.shutdown(socket.SHUT_WR)
        received = b""
        while chunk := conn.recv(65536):
            received += chunk
    return received, time.perf_counter() - started


LOSSLESS = LinkProfile("test", rtt_ms=100, loss=0.0, mbit_s=8)


def test_the_proxy_forwards_every_byte_intact_and_not_instantly(echo: tuple[str, int]) -> None:
    payload = bytes(range(256)) * 40
    with LinkProxy(echo, LOSSLESS, seed=1) as proxy:
        received, took = _round_trip(proxy, payload)
    assert received == payload
    assert proxy.stats.bytes_up == proxy.stats.bytes_down == len(payload)
    assert proxy.stats.packets >= 2 * len(payload) // 1460
    assert took >= 0.1  # at least one round trip: half of it each way


def test_the_link_limits_the_rate_to_its_bandwidth(echo: tuple[str, int]) -> None:
    slow = LinkProfile("slow", rtt_ms=2, loss=0.0, mbit_s=0.8)  # 100,000 bytes/s
    with LinkProxy(echo, slow, seed=1) as proxy:
        received, took = _round_trip(proxy, b"x" * 30_000)
    assert len(received) == 30_000
    assert took >= 0.3  # 30 kB over 100 kB/s, at least


def test_a_lossy_link_loses_packets_and_resets_connections_as_its_seed_says(
    echo: tuple[str, int],
) -> None:
    lossy = LinkProfile("lossy", rtt_ms=2, loss=0.5, mbit_s=100)  # a reset every 400 packets
    outcomes = []
    for _ in range(2):
        with LinkProxy(echo, lossy, seed=7) as proxy:
            for _ in range(3):
                with contextlib.suppress(OSError):
                    _round_trip(proxy, b"y" * 14_600)
            outcomes.append((proxy.stats.lost, proxy.stats.resets))
    assert outcomes[0] == outcomes[1]  # deterministic with a seed
    assert outcomes[0][0] > 0


def test_a_reset_connection_is_cut_not_completed(echo: tuple[str, int]) -> None:
    cutting = LinkProfile("cutting", rtt_ms=2, loss=1.0, mbit_s=100)  # loss/200 per packet
    with LinkProxy(echo, cutting, seed=3) as proxy:
        cut = 0
        for _ in range(5):
            try:
                received, _ = _round_trip(proxy, b"z" * 146_000)  # 100 packets
            except OSError:
                cut += 1
                continue
            cut += len(received) < 146_000
        assert proxy.stats.resets > 0
    assert cut > 0
