from __future__ import annotations

import os

import pytest

from benchmarks import probes


def test_a_probe_that_never_paints_is_reported_with_its_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(probes.PROBES, "broken", "raise SystemExit('no display available')")
    with pytest.raises(
        RuntimeError, match=r"broken probe never reached its first paint.*no display"
    ):
        probes.time_to_exit_ms("broken")


def test_memory_of_this_process_is_read_from_smaps_rollup() -> None:
    rss, pss = probes.memory_kib([os.getpid()])
    assert 0 < pss <= rss


def test_the_session_holds_this_process() -> None:
    assert os.getpid() in probes.session_pids(os.getsid(0))
