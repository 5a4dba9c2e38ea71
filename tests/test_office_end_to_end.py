"""One office, two devices, one platform, every one its own process: a kiosk and a
counter (each with its own data folder and keyring file) against one `kiosk server`.

The kiosk submits one application and parks one draft while the server is down; the
server comes back on the same --db; the kiosk's next drain sends both; the counter sees
the kiosk's application and the parked draft waiting, opens the draft with its code and
PIN, finishes and submits it, and reprints the kiosk citizen's receipt from the
platform's copy; the fleet lists both devices with their state.

The devices are driven through the services the screens call (tests/support/
office_device.py), never by writing the server's database."""

from __future__ import annotations

import io
import json
import os
import re
import socket
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from pypdf import PdfReader

from tests.support.file_keyring import FILE_ENV, FileKeyring

ROOT = Path(__file__).resolve().parents[1]
KIOSK = Path(sys.executable).with_name("kiosk")
TIMEOUT = 120


@dataclass
class Device:
    role: str
    env: dict[str, str]

    def run(self, *args: str) -> dict[str, Any]:
        done = subprocess.run(
            [sys.executable, "-m", "tests.support.office_device", self.role, *args],
            cwd=ROOT, env=self.env, capture_output=True, text=True, timeout=TIMEOUT,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr[-3000:]
        answer: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
        return answer

    def enrol(self, url: str, code: str) -> None:
        done = subprocess.run(
            [str(KIOSK), "enroll", "--server", url, "--code", code],
            env=self.env, capture_output=True, text=True, timeout=TIMEOUT,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert "in office demo-office" in done.stdout


class Server:
    """`kiosk server` as its own process on a fixed port, so it can stop and come back."""

    def __init__(self, db: Path, env: dict[str, str]) -> None:
        self.db, self.env = db, env
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[str] | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [str(KIOSK), "server", "--port", str(self.port), "--db", str(self.db)],
            stdout=subprocess.PIPE, text=True, env=self.env,
        )  # fmt: skip
        assert self.process.stdout is not None
        first = self.process.stdout.readline()
        assert self.url in first, first
        for _ in range(4):  # the rest of the banner
            self.process.stdout.readline()

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            if self.process.stdout is not None:
                self.process.stdout.close()
            self.process = None

    def admin(self, *args: str) -> str:
        done = subprocess.run(
            [str(KIOSK), "server", "admin", "--db", str(self.db), *args],
            env=self.env, capture_output=True, text=True, timeout=TIMEOUT,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        return done.stdout.splitlines()[0].rsplit(":", 1)[1].strip()


def _device(role: str, tmp_path: Path, url: str) -> Device:
    home = tmp_path / role
    env = os.environ.copy() | {
        "KIOSK_DATA_DIR": str(home / "data"),
        "KIOSK_CONFIG_DIR": str(home / "config"),
        "KIOSK_LOG_DIR": str(home / "log"),
        "PYTHON_KEYRING_BACKEND": f"{FileKeyring.__module__}.{FileKeyring.__name__}",
        FILE_ENV: str(home / "keyring.json"),
        "OFFICE_DEVICE_SERVER": url,
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPATH": str(ROOT),
    }
    (home / "data").mkdir(parents=True)
    return Device(role, env)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    env = os.environ.copy() | {"KIOSK_DATA_DIR": str(tmp_path / "server-data")}
    running = Server(tmp_path / "platform.sqlite3", env)
    running.start()
    try:
        yield running
    finally:
        running.stop()


def test_a_kiosk_and_a_counter_work_together_through_the_platform(
    server: Server, tmp_path: Path
) -> None:
    kiosk = _device("kiosk", tmp_path, server.url)
    counter = _device("counter", tmp_path, server.url)
    kiosk.enrol(server.url, server.admin("codes", "create", "--office", "demo-office"))
    counter.enrol(server.url, server.admin("codes", "create", "--office", "demo-office"))
    assert (tmp_path / "kiosk" / "keyring.json").read_text() != (
        tmp_path / "counter" / "keyring.json"
    ).read_text()  # each its own keyring

    server.stop()  # the link is down
    submitted = kiosk.run("submit")
    assert submitted["protocol_number"] is None  # kept, waiting to be sent
    parked = kiosk.run("park")
    assert parked["sent"] is False and re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}", parked["code"])

    server.start()  # the link returns: the same --db, the same key and devices
    sent = kiosk.run("drain")
    assert (sent["error"], sent["accepted"], sent["parked_sent"]) == (None, 1, 1)

    day = counter.run("day")
    theirs = [i for i in day["items"] if i["submission_id"] == submitted["submission_id"]]
    assert [(i["source"], i["channel"]) for i in theirs] == [("office", "kiosk")]
    kiosk_number = theirs[0]["protocol_number"]
    assert kiosk_number and day["parked_waiting"] == 1 and day["as_of"]

    finished = counter.run("finish", parked["code"], parked["pin"])
    assert finished["protocol_number"]  # submitted from the counter, sent in line
    again = counter.run("day")
    ids = [i["submission_id"] for i in again["items"]]
    assert ids.count(submitted["submission_id"]) == 1  # nothing shown twice
    assert ids.count(finished["submission_id"]) == 1 and again["parked_waiting"] == 0

    pdf = tmp_path / "reprint.pdf"
    assert counter.run("reprint", submitted["submission_id"], str(pdf))["protocol_number"] == (
        kiosk_number
    )
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.read_bytes())).pages)
    assert kiosk_number in text

    token = server.admin("fleet-token")
    fleet = httpx.get(f"{server.url}/v1/fleet", headers={"Authorization": f"Bearer {token}"})
    devices = fleet.json()["devices"]
    assert sorted((d["heartbeat"]["mode"], d["state"]) for d in devices) == [
        ("counter", "ok"),
        ("kiosk", "ok"),
    ]
