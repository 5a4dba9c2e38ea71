from __future__ import annotations

import base64
import os
import re
import subprocess
import sys
from pathlib import Path

from sync.enrolment import enrol


def test_kiosk_server_prints_a_code_that_enrols_a_device(tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("kiosk")
    db = tmp_path / "platform.sqlite3"
    process = subprocess.Popen(
        [str(script), "server", "--port", "0", "--db", str(db)],
        stdout=subprocess.PIPE,
        text=True,
        env=os.environ.copy(),
    )
    try:
        assert process.stdout is not None
        lines = [process.stdout.readline() for _ in range(3)]
        url = re.search(r"(http://127\.0\.0\.1:\d+) ", lines[0])
        key = re.search(r'catalog_public_key = "([A-Za-z0-9+/=]{44})"', lines[1])
        code = lines[2].rsplit(":", 1)[-1].strip()
        assert url and key, lines
        assert enrol(url.group(1), code)  # the URL exactly as printed
        # The catalog the server publishes verifies under the key it printed.
        from kiosk.catalog.bundle import verify_bundle
        from sync.client import PlatformClient
        from sync.enrolment import keyring_token

        with PlatformClient(url.group(1), keyring_token) as client:
            bundle = client.fetch_catalog().bundle
        assert bundle is not None
        verify_bundle(bundle, base64.b64decode(key.group(1)))
    finally:
        process.terminate()
        process.wait(timeout=10)
        if process.stdout is not None:
            process.stdout.close()  # else a ResourceWarning lands in whichever test runs next
    assert db.exists()


def _start_server(db: Path) -> tuple[subprocess.Popen[str], str, str, str]:
    """`kiosk server` as a process of its own: (process, URL, public key, code)."""
    script = Path(sys.executable).with_name("kiosk")
    process = subprocess.Popen(
        [str(script), "server", "--port", "0", "--db", str(db)],
        stdout=subprocess.PIPE,
        text=True,
        env=os.environ.copy(),
    )
    assert process.stdout is not None
    lines = [process.stdout.readline() for _ in range(3)]
    url = re.search(r"(http://127\.0\.0\.1:\d+) ", lines[0])
    key = re.search(r'catalog_public_key = "([A-Za-z0-9+/=]{44})"', lines[1])
    assert url and key, lines
    return process, url.group(1), key.group(1), lines[2].rsplit(":", 1)[-1].strip()


def _stop_server(process: subprocess.Popen[str]) -> None:
    process.terminate()
    process.wait(timeout=10)
    if process.stdout is not None:
        process.stdout.close()


def test_a_restart_on_the_same_db_changes_nothing_an_enrolled_device_sees(tmp_path: Path) -> None:
    from kiosk.catalog.bundle import verify_bundle
    from sync.client import PlatformClient
    from sync.enrolment import keyring_token

    db = tmp_path / "platform.sqlite3"
    first, url, first_key, code = _start_server(db)
    try:
        enrol(url, code)
        with PlatformClient(url, keyring_token) as client:
            before = client.fetch_catalog()
    finally:
        _stop_server(first)
    second, url, second_key, _code = _start_server(db)
    try:
        assert second_key == first_key  # the key in every device's office file still holds
        with PlatformClient(url, keyring_token) as client:
            # The device's token still signs it in, and its catalog is still the current one.
            assert client.fetch_catalog(before.etag).not_modified
            again = client.fetch_catalog()
    finally:
        _stop_server(second)
    assert again.etag == before.etag
    assert again.bundle is not None
    verify_bundle(again.bundle, base64.b64decode(first_key))
