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
