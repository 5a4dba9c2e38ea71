"""The reference server in a process of its own, for figures that are the server's: its
peak memory (VmHWM of its own process, reset before each measurement), and timings that
must not share one interpreter's GIL with the devices driving it.

`with served(folder, devices=3) as server:` starts `python -m benchmarks.served` on a
fresh database, enrols `devices` devices (one office each unless `offices` is given) and
yields the URL, their tokens and the process id; closing stdin stops it, and it leaves
its bound's counts (most requests in progress at once, 503s) in `admission.json` beside
the database."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Served:
    url: str
    tokens: list[str]
    pid: int
    db_path: Path

    def _status_mib(self, key: str) -> float:
        with open(f"/proc/{self.pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(key + ":"):
                    return int(line.split()[1]) / 1024
        return 0.0

    def peak_rss_mib(self) -> float:
        return self._status_mib("VmHWM")

    def rss_mib(self) -> float:
        return self._status_mib("VmRSS")

    def reset_peak(self) -> None:
        """Start a new peak from the current RSS (Linux: 5 > clear_refs resets VmHWM)."""
        Path(f"/proc/{self.pid}/clear_refs").write_text("5")


@contextmanager
def served(
    folder: Path, devices: int = 1, offices: int | None = None, max_concurrent: int = 0
) -> Iterator[Served]:
    db_path = folder / "platform.sqlite3"
    command = [sys.executable, "-m", "benchmarks.served", str(db_path), str(devices)]
    command += [str(offices or devices), str(max_concurrent)]
    process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None and process.stdin is not None
        line = process.stdout.readline()
        if not line:
            raise RuntimeError("the reference server did not start")
        info = json.loads(line)
        yield Served(info["url"], info["tokens"], process.pid, db_path)
    finally:
        if process.stdin is not None:
            process.stdin.close()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stdout is not None:
            process.stdout.close()


def _serve(db_path: Path, devices: int, offices: int, max_concurrent: int) -> None:
    from sync.server.app import create_app
    from sync.serving import serve_in_thread

    app = create_app(db_path, max_concurrent=max_concurrent or None)
    store = app.state.store
    tokens = []
    for index in range(devices):
        redeemed = store.redeem_code(store.create_enrolment_code(f"office-{index % offices}"))
        assert redeemed is not None
        tokens.append(redeemed[1])
    with serve_in_thread(app) as running:
        print(json.dumps({"url": running.url, "tokens": tokens}), flush=True)
        sys.stdin.read()  # until the parent closes it
    admission = app.state.admission
    stats = {"peak": admission.peak, "refused": admission.refused, "limit": admission.limit}
    (db_path.parent / "admission.json").write_text(json.dumps(stats))


if __name__ == "__main__":
    _serve(Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]))
