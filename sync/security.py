"""Transport policy: TLS with verification for every non-loopback platform URL.

Plain http:// is only allowed to 127.0.0.0/8, ::1 and localhost, where the reference
server runs for demos and tests: nothing leaves the machine there. There is no switch to
turn verification off; an office with its own CA passes its bundle (`ca_bundle`).
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from kiosk.config import is_loopback  # the office file's check: one rule for both
from sync.errors import InsecureURLError

if TYPE_CHECKING:
    import ssl

    import httpx


def refuse_insecure(base_url: str) -> None:
    """The rule of `checked_base_url` without importing httpx (~30 ms): a client made
    at start refuses a wrong URL at once, and its HTTP stack is imported when its
    network lane first talks. `checked_base_url` applies the rule again with httpx's own
    parser before any connection, so a URL the two parsers read differently is still
    checked by the one that connects."""
    try:
        parts = urlsplit(base_url)
        host = parts.hostname or ""
    except ValueError:
        return  # httpx's parser gives the error when the client is made
    if parts.scheme == "http" and not is_loopback(host):
        raise InsecureURLError(f"refusing http:// to {host}: use https:// (TLS is required)")
    if parts.scheme not in ("http", "https"):
        raise InsecureURLError(f"unsupported scheme {parts.scheme!r} in the platform URL")


def checked_base_url(base_url: str) -> httpx.URL:
    import httpx

    url = httpx.URL(base_url)
    if url.scheme == "https":
        return url
    if url.scheme == "http" and is_loopback(url.host):
        return url
    if url.scheme == "http":
        raise InsecureURLError(f"refusing http:// to {url.host}: use https:// (TLS is required)")
    raise InsecureURLError(f"unsupported scheme {url.scheme!r} in the platform URL")


# ssl is imported with the first context (~5 ms, the start makes none: a device's clients
# connect from its network lane, after the app has loaded).
# One context per CA bundle for the whole process (None: the system store), shared by
# every client: loading a CA store costs ~25 ms of CPU and ~1 MiB per context, and the
# app has a client per thread that talks to the platform. A configured SSLContext may be
# shared across threads; httpcore sets the same ALPN list ("http/1.1") on it at each
# connection, as it already did for the one client the send threads share.
_contexts: dict[Path | None, ssl.SSLContext] = {}
_contexts_lock = threading.Lock()
_loopback: ssl.SSLContext | None = None  # verifying, no CA: see platform_tls


def tls_context(ca_bundle: Path | None) -> ssl.SSLContext:
    """Verification always on: the system store, or the office's own CA bundle. Loaded
    once per process: a changed bundle is read at the next start."""
    import ssl

    with _contexts_lock:
        context = _contexts.get(ca_bundle)
        if context is None:
            cafile = None if ca_bundle is None else str(ca_bundle)
            context = _contexts[ca_bundle] = ssl.create_default_context(cafile=cafile)
        return context


def _loopback_context() -> ssl.SSLContext:
    # Made when a client first connects, not when this module is imported (~2 ms of the
    # start, before the network lane has anything to send).
    import ssl

    global _loopback
    with _contexts_lock:
        if _loopback is None:
            _loopback = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        return _loopback


def platform_tls(url: httpx.URL, ca_bundle: Path | None) -> ssl.SSLContext:
    """The context for a checked platform URL. Plain http to loopback never uses TLS
    (no redirects are followed), so no CA store is loaded for it; the context still
    verifies (CERT_REQUIRED, hostname checked) and trusts no CA: should TLS ever be
    attempted through it, every certificate is refused rather than accepted."""
    if url.scheme == "http" and is_loopback(url.host):
        return _loopback_context()
    return tls_context(ca_bundle)
