from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import pytest

from sync.protocol import KEYRING_SERVICE, KEYRING_USERNAME
from sync.server.app import create_app
from sync.serving import RunningServer
from tests.support.memory_keyring import MemoryKeyring
from ui.cli import main


def test_enrolment_stores_the_token_in_the_keyring_and_never_prints_it(
    tmp_path: Path,
    serve_asgi: Callable[[Any], AbstractContextManager[RunningServer]],
    memory_keyring: MemoryKeyring,
    capsys: pytest.CaptureFixture[str],
) -> None:
    app = create_app(tmp_path / "platform.sqlite3")
    with serve_asgi(app) as server:
        code = app.state.store.create_enrolment_code()
        assert main(["enroll", "--server", server.url, "--code", code]) == 0
        token = memory_keyring.secrets[(KEYRING_SERVICE, KEYRING_USERNAME)]
        assert main(["enroll", "--server", server.url, "--code", code]) == 1
    printed = capsys.readouterr()
    assert token not in printed.out + printed.err
    assert "ask the Region's IT desk for a new one" in printed.err


def test_enrolment_over_plain_http_to_a_remote_host_is_refused(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["enroll", "--server", "http://platform.example.gov.gr", "--code", "X"]) == 2
    assert "https" in capsys.readouterr().err
