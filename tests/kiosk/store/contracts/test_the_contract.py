"""The SQLite store and the in-memory one keep the same repository contract: every
check in checks.py, once against each (`repos` is parametrized in conftest.py)."""

from __future__ import annotations

import pytest

from tests.kiosk.store.contracts.checks import CHECKS, Check, Repos


@pytest.mark.parametrize("check", CHECKS, ids=[c.__name__ for c in CHECKS])
def test_the_repositories_keep_the_contract(check: Check, repos: Repos) -> None:
    check(repos)


def test_both_implementations_are_checked(repos: Repos) -> None:
    assert repos.name in {"sqlite", "memory"} and len(CHECKS) >= 15
