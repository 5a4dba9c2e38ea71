from __future__ import annotations

from pathlib import Path

import pytest

from sync.enrolment import enrol, is_enrolled, keyring_token
from sync.errors import AuthError
from sync.protocol import KEYRING_SERVICE, KEYRING_USERNAME
from tests.support.memory_keyring import MemoryKeyring
from tests.sync.conftest import Platform
from tests.sync.factories import make_submission


def test_enrolment_code_gives_a_token_kept_in_the_keyring(
    platform: Platform, memory_keyring: MemoryKeyring
) -> None:
    code = platform.store.create_enrolment_code()
    assert not is_enrolled()
    token = enrol(platform.url, code)
    assert memory_keyring.secrets[(KEYRING_SERVICE, KEYRING_USERNAME)] == token
    client = platform.client(token=keyring_token())
    submission = make_submission()
    assert client.put_submission(submission.submission_id, submission.to_json_bytes())


def test_enrolment_code_works_only_once(platform: Platform) -> None:
    code = platform.store.create_enrolment_code()
    enrol(platform.url, code)
    with pytest.raises(AuthError):
        enrol(platform.url, code)


def test_token_is_not_written_to_any_file(
    platform: Platform, isolated_dirs: dict[str, Path]
) -> None:
    token = enrol(platform.url, platform.store.create_enrolment_code())
    folders = [*isolated_dirs.values(), platform.db_path.parent]
    for path in (p for folder in folders for p in folder.rglob("*") if p.is_file()):
        assert token.encode() not in path.read_bytes(), path
