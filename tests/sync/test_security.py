"""TLS for the platform: one verifying context per CA bundle for the whole process, none
loaded for plain http on loopback, and a real handshake that refuses an unknown
certificate and accepts the office's own CA (the reference server over TLS on 127.0.0.1)."""

from __future__ import annotations

import datetime
import ipaddress
import ssl
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from sync.client import PlatformClient
from sync.errors import TransientError
from sync.security import tls_context
from sync.server.app import create_app
from sync.serving import bind_socket


def _context_of(client: PlatformClient) -> ssl.SSLContext:
    pool = client._http._transport._pool  # type: ignore[attr-defined]
    context: ssl.SSLContext = pool._ssl_context
    return context


def _self_signed(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 that no system store trusts, and its key."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "office test CA")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "office-ca.pem", folder / "office-key.pem"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


@pytest.fixture
def tls_platform(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """The reference server over TLS on 127.0.0.1: its URL and the CA that signed it."""
    cert_path, key_path = _self_signed(tmp_path)
    app = create_app(tmp_path / "server" / "platform.sqlite3")
    config = uvicorn.Config(
        app,
        log_level="warning",
        access_log=False,
        ssl_certfile=str(cert_path),
        ssl_keyfile=str(key_path),
    )
    server, sock = uvicorn.Server(config), bind_socket()
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        assert thread.is_alive(), "the TLS server did not start"
        time.sleep(0.01)
    try:
        yield f"https://127.0.0.1:{sock.getsockname()[1]}", cert_path
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()
        app.state.store.close()


def test_every_client_of_a_ca_bundle_shares_one_context(tmp_path: Path) -> None:
    bundle, _ = _self_signed(tmp_path)
    clients = [
        PlatformClient("https://platform.example.gr", lambda: "t"),
        PlatformClient("https://platform.example.gr", lambda: "t"),
        PlatformClient("https://platform.example.gr", lambda: "t", ca_bundle=bundle),
        PlatformClient("https://platform.example.gr", lambda: "t", ca_bundle=bundle),
    ]
    try:
        system, system_too, office, office_too = (_context_of(c) for c in clients)
        assert system is system_too is tls_context(None)
        assert office is office_too is tls_context(bundle)
        assert office is not system
    finally:
        for client in clients:
            client.close()


def test_plain_http_on_loopback_loads_no_ca_store_and_would_still_verify() -> None:
    first = PlatformClient("http://127.0.0.1:9", lambda: "t")
    second = PlatformClient("http://localhost:9", lambda: "t")
    try:
        context = _context_of(first)
        assert context is _context_of(second)
        assert context.cert_store_stats()["x509_ca"] == 0  # nothing loaded, nothing trusted
        assert context.verify_mode == ssl.CERT_REQUIRED and context.check_hostname
    finally:
        first.close()
        second.close()


def test_the_transport_policy_imports_no_tls_until_a_client_connects() -> None:
    # A device makes its clients at start; ssl (~5 ms) comes with the first connection.
    check = (
        "import sys; import sync.security, sync.client; "
        "sync.client.PlatformClient('http://127.0.0.1:9', lambda: 't'); "
        "print('ssl' in sys.modules)"
    )
    run = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == ["False"]


def test_a_certificate_no_trusted_ca_signed_is_refused(tls_platform: tuple[str, Path]) -> None:
    url, _ = tls_platform
    client = PlatformClient(url, lambda: "t", timeout=5.0)
    try:
        with pytest.raises(TransientError, match="link failed"):
            client.health()
    finally:
        client.close()


def test_the_offices_own_ca_bundle_is_trusted(tls_platform: tuple[str, Path]) -> None:
    url, ca_bundle = tls_platform
    client = PlatformClient(url, lambda: "t", timeout=5.0, ca_bundle=ca_bundle)
    try:
        assert client.health().round_trip >= 0
    finally:
        client.close()
