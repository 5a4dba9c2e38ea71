"""Power cuts at random moments: a writer killed with SIGKILL loses no committed answer,
and the database always opens clean. The writer is a forked child (cheap, so 200 kills
fit in seconds); it reports each answer on a pipe only after save_answer returned."""

from __future__ import annotations

import os
import random
import signal
from pathlib import Path

import pytest

from kiosk.store import open_store

TRIALS = 200


def _writer(path: Path, submission_id: str, start: int, pipe: int) -> None:
    from uuid import UUID

    store = open_store(path)
    number = start
    while True:
        store.drafts.save_answer(UUID(submission_id), f"a{number}", number)
        os.write(pipe, f"{number}\n".encode())
        number += 1


@pytest.mark.slow
def test_no_committed_answer_is_lost_when_the_writer_is_killed(tmp_path: Path) -> None:
    path = tmp_path / "device.sqlite3"
    store = open_store(path)
    submission_id = store.drafts.create("taxi-driver-licence", "1.0.0", "2", "kiosk").submission_id
    store.close()
    rng = random.Random(20261122)
    confirmed: set[int] = set()
    next_number = 0
    for _ in range(TRIALS):
        read_end, write_end = os.pipe()
        child = os.fork()
        if child == 0:  # pragma: no cover - runs in the child
            os.close(read_end)
            try:
                _writer(path, str(submission_id), next_number, write_end)
            finally:
                os._exit(0)
        os.close(write_end)
        wanted, buffer = rng.randint(0, 25), b""
        with os.fdopen(read_end, "rb", buffering=0) as reader:
            while buffer.count(b"\n") < wanted:
                chunk = reader.read(64)
                if not chunk:
                    break
                buffer += chunk
            os.kill(child, signal.SIGKILL)
            os.waitpid(child, 0)
            buffer += reader.read()  # what the child reported before it died
        reported = [int(line) for line in buffer.split()]
        confirmed.update(reported)
        next_number = max([next_number - 1, *reported]) + 1
        reopened = open_store(path)
        assert reopened.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        answers = reopened.drafts.answers(submission_id)
        reopened.close()
        missing = [n for n in confirmed if answers.get(f"a{n}") != n]
        assert not missing, f"committed answers lost: {missing[:5]}"
    assert len(confirmed) > TRIALS  # the trials really wrote
