"""The platform's transport: one persistent httpx.Client, requests and the checking of
every answer (sync.client builds the protocol's calls on it).

One client per process, created once and reused (a new one costs ~24 ms of TLS setup,
STACK-NOTES); it is thread-safe for the network lane. Every answer is checked: success
is only a well-formed protocol document (`"protocol": "periferia/1"`, JSON, matching
ids). Everything else becomes a SyncError subclass that tells the engine what to do.
The device token is read from `token_provider` per request and never logged or put in
an exception message.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self

from sync.errors import (
    AuthError,
    ConflictError,
    RejectedError,
    RevokedError,
    TransientError,
    WrongOfficeError,
)
from sync.protocol import (
    PREFIX,
    ProtocolViolationError,
    now_utc,
    parse_document,
)
from sync.security import checked_base_url, platform_tls, refuse_insecure

if TYPE_CHECKING:
    import httpx

TokenProvider = Callable[[], str | None]
DEFAULT_CHUNK = 8 * 1024 * 1024
# The slowest link a chunk's answer is waited for: 0.5 Mbit/s. The answer to a PATCH
# comes once the whole chunk has crossed, and the OS takes it all into its send
# buffers at once, so on rural 3G (1 Mbit/s shared by a few uploads) the 15 s read
# timeout ran out while the chunk was still on its way (benchmarks/links.py).
SLOWEST_LINK_BYTES_PER_S = 64 * 1024
_RETRYABLE = {408, 424, 425, 429, 500, 502, 503, 504}
# 403s that refuse one item (a body claiming another office, device or clerk): the
# outbox quarantines it and sends the rest; any other 403 stops the drain.
_ITEM_REFUSALS = {"claim_mismatch"}


def retry_after_seconds(value: str | None, clock: Callable[[], datetime] = now_utc) -> float | None:
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    from email.utils import parsedate_to_datetime  # an HTTP date: rare, and ~5 ms to import

    try:
        return max(0.0, (parsedate_to_datetime(value) - clock()).total_seconds())
    except (TypeError, ValueError):
        return None


class PlatformTransport:
    def __init__(
        self,
        base_url: str,
        token_provider: TokenProvider,
        *,
        timeout: float = 15.0,
        connect_timeout: float = 5.0,
        ca_bundle: Path | None = None,
        chunk_size: int = DEFAULT_CHUNK,
        clock: Callable[[], datetime] = now_utc,
    ) -> None:
        refuse_insecure(base_url)  # httpx itself is imported at the first request
        self._base_url = base_url
        self._token_provider = token_provider
        self._clock = clock
        self.chunk_size = chunk_size
        self._ca_bundle = ca_bundle
        self._timeouts = (timeout, connect_timeout)

    @functools.cached_property
    def _url(self) -> httpx.URL:
        return checked_base_url(self._base_url)

    @functools.cached_property
    def _timeout(self) -> httpx.Timeout:
        import httpx

        timeout, connect = self._timeouts
        return httpx.Timeout(timeout, connect=connect)

    @functools.cached_property
    def _http(self) -> httpx.Client:
        # Made on first use, on the thread that talks (a device's start makes its clients
        # and imports no HTTP stack: ~30 ms); the TLS context is the process's one for
        # this CA bundle (sync.security). Each client has one user thread.
        import httpx

        return httpx.Client(
            base_url=str(self._url).rstrip("/") + PREFIX,
            timeout=self._timeout,
            verify=platform_tls(self._url, self._ca_bundle),
            headers={"User-Agent": "periferia-kiosk", "Accept": "application/json"},
            follow_redirects=False,  # a redirect is a portal or a misconfiguration
        )

    @property
    def base_url(self) -> str:
        base = str(self._url).rstrip("/") + PREFIX
        return base if base.endswith("/") else base + "/"  # as httpx.Client shows it

    def close(self) -> None:
        if "_http" in self.__dict__:  # never made, nothing to close
            self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- plumbing --------------------------------------------------------------------

    def _request(
        self, method: str, path: str, *, auth: bool = True, **kwargs: Any
    ) -> httpx.Response:
        import httpx

        headers: dict[str, str] = kwargs.pop("headers", {})
        if auth:
            token = self._token_provider()
            if not token:
                raise AuthError("this device is not enrolled (no token in the keyring)")
            headers["Authorization"] = f"Bearer {token}"
        stream = bool(kwargs.pop("stream", False))  # the caller reads and closes it
        try:
            if stream:
                request = self._http.build_request(method, path, headers=headers, **kwargs)
                return self._http.send(request, stream=True)
            return self._http.request(method, path, headers=headers, **kwargs)
        except httpx.TimeoutException as error:
            raise TransientError(f"{method} {path}: timed out ({type(error).__name__})") from None
        except httpx.TransportError as error:
            raise TransientError(f"{method} {path}: link failed ({type(error).__name__})") from None

    def _document(
        self, response: httpx.Response, expected: tuple[int, ...] = (200,)
    ) -> dict[str, Any]:
        where = f"{response.request.method} {response.request.url.path}"
        try:
            document = parse_document(response.headers.get("content-type"), response.content)
        except ProtocolViolationError as error:
            retry = retry_after_seconds(response.headers.get("retry-after"), self._clock)
            raise TransientError(f"{where}: HTTP {response.status_code}, {error}", retry) from None
        status = response.status_code
        if status in expected:
            return document
        message = f"{where}: HTTP {status} {document.get('error', '')}".rstrip()
        if status in _RETRYABLE:
            retry = retry_after_seconds(response.headers.get("retry-after"), self._clock)
            raise TransientError(message, retry)
        fields = document.get("field_errors") or {}
        field_errors = (
            {str(k): str(v) for k, v in fields.items()} if isinstance(fields, dict) else {}
        )
        if status == 403 and document.get("error") in _ITEM_REFUSALS:
            raise RejectedError(message, field_errors)  # this item, not the device
        if status == 403 and document.get("error") == "device_revoked":
            raise RevokedError(message)
        if status == 403 and document.get("error") == "wrong_office" and "code_office" in document:
            raise WrongOfficeError(message, str(document["code_office"]))
        if status in (401, 403):
            raise AuthError(message)
        if status == 409:
            raise ConflictError(message, field_errors)
        if 400 <= status < 500:
            raise RejectedError(message, field_errors)
        raise TransientError(message)
