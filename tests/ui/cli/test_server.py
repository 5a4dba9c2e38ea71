from __future__ import annotations

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
        url_line, code_line = process.stdout.readline(), process.stdout.readline()
        url = re.search(r"(http://127\.0\.0\.1:\d+)/v1", url_line)
        code = code_line.rsplit(":", 1)[-1].strip()
        assert url, url_line
        assert enrol(url.group(1), code)
    finally:
        process.terminate()
        process.wait(timeout=10)
    assert db.exists()
