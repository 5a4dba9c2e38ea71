"""A bound on the requests the server works on at once: past it, 503 with Retry-After.

When a Region's fleet reconnects after an outage, every device drains its backlog at
the same moment. Without a bound each request holds a task, its body's buffers and a
database turn, and every answer gets slower for everyone; with one, the excess is told
at once to come back (`Retry-After`), and the devices' backoff adds full jitter on top
of it (sync/engine.py), so they do not come back in the same millisecond. `/health`
is never refused: it is how a device decides that the platform is there at all.
"""

from __future__ import annotations

from dataclasses import dataclass

from starlette.types import ASGIApp, Receive, Scope, Send

from sync.protocol import PREFIX
from sync.server.errors import error_response

DEFAULT_MAX_CONCURRENT = 64
RETRY_AFTER_SECONDS = 1


@dataclass
class Admission:
    """The bound and what it has seen (`app.state.admission`; benchmarks read it)."""

    limit: int = DEFAULT_MAX_CONCURRENT
    in_flight: int = 0
    peak: int = 0  # the most requests at once so far
    refused: int = 0


class AdmissionLimit:
    """ASGI middleware; one event loop, so plain counters are exact."""

    def __init__(self, app: ASGIApp, admission: Admission) -> None:
        self.app = app
        self.admission = admission

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] == f"{PREFIX}/health":
            await self.app(scope, receive, send)
            return
        counts = self.admission
        if counts.in_flight >= counts.limit:
            counts.refused += 1
            response = error_response(
                503,
                "busy",
                "the platform is busy: try again shortly",
                {"Retry-After": str(RETRY_AFTER_SECONDS)},
                retry_after=RETRY_AFTER_SECONDS,
            )
            await response(scope, receive, send)
            return
        counts.in_flight += 1
        counts.peak = max(counts.peak, counts.in_flight)
        try:
            await self.app(scope, receive, send)
        finally:
            counts.in_flight -= 1
