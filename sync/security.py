"""Transport policy: TLS with verification for every non-loopback platform URL.

Plain http:// is only allowed to 127.0.0.0/8, ::1 and localhost, where the reference
server runs for demos and tests: nothing leaves the machine there. There is no switch to
turn verification off; an office with its own CA passes its bundle (`ca_bundle`).
"""

from __future__ import annotations

import ssl
from pathlib import Path

import httpx

from kiosk.config import is_loopback  # the office file's check: one rule for both
from sync.errors import InsecureURLError


def checked_base_url(base_url: str) -> httpx.URL:
    url = httpx.URL(base_url)
    if url.scheme == "https":
        return url
    if url.scheme == "http" and is_loopback(url.host):
        return url
    if url.scheme == "http":
        raise InsecureURLError(f"refusing http:// to {url.host}: use https:// (TLS is required)")
    raise InsecureURLError(f"unsupported scheme {url.scheme!r} in the platform URL")


def tls_context(ca_bundle: Path | None) -> ssl.SSLContext:
    """Verification always on: the system store, or the office's own CA bundle."""
    if ca_bundle is None:
        return ssl.create_default_context()
    return ssl.create_default_context(cafile=str(ca_bundle))
