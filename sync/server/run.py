"""Run the reference server in the foreground (`kiosk server`), for demos."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from sync.server.app import create_app
from sync.server.store import ENROLMENT_CODE_TTL, ServerStore
from sync.serving import serve_in_thread

CATALOG_KEY_SETTING = "catalog_signing_key"
# The sample catalog's manifest version last published from this --db: a newer one
# shipped with an upgrade is published (devices accept it as newer); the same one is not.
CATALOG_VERSION_SETTING = "demo_catalog_version"


def _sample_version(folder: Path) -> str:
    from kiosk.catalog.loader import load_catalog

    return str(load_catalog(folder).manifest.get("version", ""))


def demo_catalog(store: ServerStore) -> str:
    """Publish the sample catalog, signed with this server's own key, and return the
    public key as `catalog_public_key` takes it. The key is made once and kept in the
    --db, and the bundle is published only when none is: a restart must change nothing a
    device sees (a new key made every device refuse every catalog, "signed with another
    key", and a re-signed bundle would carry a new ETag). A real Region signs with its own
    key (kiosk catalog keygen / sign) and publishes on the real platform.

    An upgraded server whose shipped sample carries another manifest version publishes it
    once, signed with the same key: before, an existing --db served the old sample
    forever (the 14 procedures of an earlier release after 44 had shipped)."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from kiosk.catalog.bundle import build_bundle, public_key_bytes, public_key_text
    from kiosk.catalog.loader import sample_catalog_dir

    pem = store.setting(CATALOG_KEY_SETTING)
    if pem is None:
        key = Ed25519PrivateKey.generate()
        pem = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        store.put_setting(CATALOG_KEY_SETTING, pem)
        fresh = True
    else:
        loaded = serialization.load_pem_private_key(pem, password=None)
        assert isinstance(loaded, Ed25519PrivateKey)  # only this function writes it
        key, fresh = loaded, False
    shipped = _sample_version(sample_catalog_dir())
    published = store.setting(CATALOG_VERSION_SETTING)
    if fresh or store.catalog() is None or published != shipped.encode():
        store.publish_catalog(build_bundle(sample_catalog_dir(), key))
        store.put_setting(CATALOG_VERSION_SETTING, shipped.encode())
    return public_key_text(public_key_bytes(key))


def run_server(
    host: str,
    port: int,
    db_path: Path,
    say: Callable[[str], None] = print,
    stop: threading.Event | None = None,
    office_id: str = "demo-office",
) -> None:
    """Serve until `stop` is set (or Ctrl+C); tells the operator the URL and a fresh
    one-time enrolment code."""
    app = create_app(db_path)
    store: ServerStore = app.state.store
    public_key = demo_catalog(store)  # the same key and bundle at every start on one --db
    code = store.create_enrolment_code(office_id)
    with serve_in_thread(app, host=host, port=port) as running:
        # The URL as `kiosk enroll --server` and `server_url` take it (the protocol is
        # under /v1 of it).
        say(f"Reference platform server on http://{running.host}:{running.port} (db: {db_path})")
        say(f'Catalog signing key for office.toml: catalog_public_key = "{public_key}"')
        say(f"Enrolment code for one device of office {office_id}: {code}")
        say(f"The code works once, for {ENROLMENT_CODE_TTL.days} days.")
        say(
            f"Citizens sign in at http://{running.host}:{running.port}/citizen with FAKE "
            "accounts: AFM 099999999 / demo-citizen-1, AFM 099999987 / demo-citizen-2."
        )
        say("FAKE registry data only. Ctrl+C stops the server.")
        (stop or threading.Event()).wait()
