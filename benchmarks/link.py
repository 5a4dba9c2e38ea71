"""A link-emulating TCP proxy on loopback, for benchmarks only (not product code).

These machines' kernel has no netem (`tc qdisc add ... netem` answers "Specified qdisc
kind is unknown"), so the link is emulated where the benchmark can reach it: between the
client and the reference server, both on 127.0.0.1.

What it does to the bytes, in each direction:

- **rate**: one shared bottleneck per direction: every connection's bytes queue for it
  in arrival order, and take `size / rate` each (a FIFO link, as a DSL modem's);
- **delay**: half the round trip, after the bottleneck;
- **loss**: each packet (1,460 bytes) is lost with probability `loss`; TCP recovers it
  by retransmission, which holds that connection's stream (head-of-line) for
  `max(2 × RTT, 200 ms)` (a retransmission timeout's floor on Linux is 200 ms) while
  the other connections keep using the link; and a connection is reset outright with
  probability `loss / 200` per packet (a NAT or a mobile cell dropping it);
- **window**: a connection has at most `max(64 KiB, 2 × bandwidth × RTT)` in flight,
  as a TCP window would: one connection cannot fill the link's queue for everyone.

Deterministic with a seed: the n-th connection accepted draws its losses from
`Random(f"{seed}:{n}")`, so the same run loses the same packets of the same connection.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import socket
import threading
from dataclasses import dataclass

PACKET = 1460
MIN_RTO = 0.2


@dataclass(frozen=True)
class LinkProfile:
    name: str
    rtt_ms: float
    loss: float  # probability per packet, 0..1
    mbit_s: float

    @property
    def bytes_per_second(self) -> float:
        return self.mbit_s * 1_000_000 / 8

    @property
    def window(self) -> int:
        return max(64 * 1024, int(2 * self.bytes_per_second * self.rtt_ms / 1000))

    def limit_seconds(self, upload: int, download: int = 0) -> float:
        """The link's own limit: the bytes over the bandwidth, plus one round trip."""
        wire = max(upload, download) / self.bytes_per_second
        return wire + self.rtt_ms / 1000


OFFICE_DSL = LinkProfile("office DSL", rtt_ms=40, loss=0.005, mbit_s=20)
RURAL_3G = LinkProfile("rural 3G", rtt_ms=300, loss=0.02, mbit_s=1)


@dataclass
class _Bottleneck:
    """One direction of the link: a FIFO of transmission times."""

    bytes_per_second: float
    free_at: float = 0.0

    def transmit(self, size: int, now: float) -> float:
        """When the last of these bytes leaves the bottleneck."""
        self.free_at = max(self.free_at, now) + size / self.bytes_per_second
        return self.free_at


@dataclass
class LinkStats:
    connections: int = 0
    packets: int = 0
    lost: int = 0
    resets: int = 0
    bytes_up: int = 0
    bytes_down: int = 0


class LinkProxy:
    """`with LinkProxy(("127.0.0.1", port), OFFICE_DSL, seed=1) as proxy:` listens on
    `proxy.url` and forwards every connection to the target through the emulated link."""

    def __init__(self, target: tuple[str, int], profile: LinkProfile, seed: int = 0) -> None:
        self.target, self.profile, self.seed = target, profile, seed
        self.stats = LinkStats()
        self._up = _Bottleneck(profile.bytes_per_second)
        self._down = _Bottleneck(profile.bytes_per_second)
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._server: asyncio.Server | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self._writers: set[asyncio.StreamWriter] = set()
        self.port = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> LinkProxy:
        self._thread.start()
        future = asyncio.run_coroutine_threadsafe(self._start(), self._loop)
        self.port = future.result(timeout=10)
        return self

    def __exit__(self, *exc: object) -> None:
        asyncio.run_coroutine_threadsafe(self._stop(), self._loop).result(timeout=10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)
        self._loop.close()

    async def _start(self) -> int:
        self._server = await asyncio.start_server(self._accept, "127.0.0.1", 0)
        port: int = self._server.sockets[0].getsockname()[1]
        return port

    async def _stop(self) -> None:
        assert self._server is not None
        self._server.close()
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        for writer in list(self._writers):  # a connection whose task never started
            _abort(writer)
        self._writers.clear()
        await self._server.wait_closed()

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        index = self.stats.connections
        self.stats.connections += 1
        rng = random.Random(f"{self.seed}:{index}")
        try:
            up_reader, up_writer = await asyncio.open_connection(*self.target)
        except OSError:
            writer.close()
            return
        self._writers.update((writer, up_writer))
        for sock_writer in (writer, up_writer):
            sock = sock_writer.get_extra_info("socket")
            if sock is not None:
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        reset = asyncio.Event()
        pipes = [
            asyncio.ensure_future(self._pipe(reader, up_writer, self._up, rng, reset, True)),
            asyncio.ensure_future(self._pipe(up_reader, writer, self._down, rng, reset, False)),
        ]
        task = asyncio.ensure_future(self._run(pipes, reset, writer, up_writer))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _run(
        self,
        pipes: list[asyncio.Future[None]],
        reset: asyncio.Event,
        writer: asyncio.StreamWriter,
        up_writer: asyncio.StreamWriter,
    ) -> None:
        both = asyncio.gather(*pipes, return_exceptions=True)
        waiter = asyncio.ensure_future(reset.wait())
        try:
            await asyncio.wait([both, waiter], return_when=asyncio.FIRST_COMPLETED)
        except asyncio.CancelledError:
            reset.set()
        finally:
            waiter.cancel()
            for pipe in pipes:
                pipe.cancel()
            try:
                await asyncio.gather(*pipes, waiter, return_exceptions=True)
            finally:
                # Closed even when the proxy stops (cancelling this task) mid-gather: a
                # writer left to the garbage collector warns "unclosed transport".
                for each in (writer, up_writer):
                    if reset.is_set():
                        _abort(each)
                    else:
                        each.close()
                    self._writers.discard(each)

    async def _pipe(
        self,
        source: asyncio.StreamReader,
        sink: asyncio.StreamWriter,
        bottleneck: _Bottleneck,
        rng: random.Random,
        reset: asyncio.Event,
        upstream: bool,
    ) -> None:
        """Read, queue at the bottleneck, deliver after the delay; in order."""
        profile, loop = self.profile, asyncio.get_running_loop()
        one_way = profile.rtt_ms / 2000
        stall = max(2 * profile.rtt_ms / 1000, MIN_RTO)
        in_flight = asyncio.Semaphore(max(1, profile.window // PACKET))
        queue: asyncio.Queue[tuple[float, bytes] | None] = asyncio.Queue()
        held_until = 0.0  # head-of-line: nothing is delivered before a lost packet

        async def deliver() -> None:
            while (item := await queue.get()) is not None:
                at, data = item
                delay = at - loop.time()
                if delay > 0:
                    await asyncio.sleep(delay)
                sink.write(data)
                await sink.drain()
                for _ in range((len(data) + PACKET - 1) // PACKET):
                    in_flight.release()
            if sink.can_write_eof():
                sink.write_eof()

        delivering = asyncio.ensure_future(deliver())
        try:
            while not reset.is_set():
                data = await source.read(PACKET)
                if not data:
                    break
                await in_flight.acquire()
                self.stats.packets += 1
                if upstream:
                    self.stats.bytes_up += len(data)
                else:
                    self.stats.bytes_down += len(data)
                draw = rng.random()
                if draw < profile.loss / 200:
                    self.stats.resets += 1
                    reset.set()
                    break
                leaves = bottleneck.transmit(len(data), loop.time())
                at = leaves + one_way
                if draw < profile.loss:
                    self.stats.lost += 1
                    at += stall
                held_until = max(held_until, at)
                queue.put_nowait((held_until, data))
        except (ConnectionError, OSError):
            reset.set()
        finally:
            queue.put_nowait(None)
            try:
                await delivering
            except (ConnectionError, OSError):
                reset.set()
            except asyncio.CancelledError:
                delivering.cancel()
                await asyncio.gather(delivering, return_exceptions=True)
                raise


def _abort(writer: asyncio.StreamWriter) -> None:
    transport = writer.transport
    with contextlib.suppress(Exception):
        transport.abort()
