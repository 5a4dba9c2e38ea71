"""A python-tuf fetcher over httpx, with the transport rules of sync.client.

The same rules as PlatformClient: TLS with verification (the office's CA bundle when it
has one) for every host, plain http only to loopback, no redirects (a portal)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
from tuf.api.exceptions import DownloadError, DownloadHTTPError
from tuf.ngclient.fetcher import FetcherInterface

from sync.security import checked_base_url, platform_tls

CHUNK = 64 * 1024


def platform_http(
    base_url: str, ca_bundle: Path | None = None, timeout: float = 15.0
) -> httpx.Client:
    url = checked_base_url(base_url)
    return httpx.Client(
        timeout=httpx.Timeout(timeout, connect=min(timeout, 5.0)),
        verify=platform_tls(url, ca_bundle),  # the process's context (sync.security)
        headers={"User-Agent": "periferia-kiosk"},
        follow_redirects=False,
    )


class HttpxFetcher(FetcherInterface):
    def __init__(self, http: httpx.Client) -> None:
        self._http = http

    def _fetch(self, url: str) -> Iterator[bytes]:
        checked_base_url(url)  # metadata may name no other scheme or host rule
        try:
            with self._http.stream("GET", url) as response:
                if response.status_code != 200:
                    raise DownloadHTTPError(f"HTTP {response.status_code}", response.status_code)
                yield from response.iter_bytes(CHUNK)
        except httpx.HTTPError as error:
            raise DownloadError(f"link failed ({type(error).__name__})") from None
