from __future__ import annotations

import os
from pathlib import Path

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


def test_the_app_probe_starts_the_same_device_twice_and_reuses_its_search_index(
    tmp_path: Path,
) -> None:
    # The figure is a device that has run before: its store opens again with its key,
    # the finder's index kept by the first start is read back, not rebuilt, and the
    # configuration's first screen comes from the note of its validation.
    first = probes.time_to_exit_ms("app", tmp_path)
    kept = sorted((tmp_path / "data" / "search-index").glob("index-*.sqlite3"))
    note = (tmp_path / "data" / "office-config.validated.json").read_text()
    second = probes.time_to_exit_ms("app", tmp_path)

    assert 0 < first.ready_ms <= first.loaded_ms <= first.exit_ms
    assert 0 < second.ready_ms <= second.loaded_ms <= second.exit_ms
    assert '"mode": "kiosk"' in note
    assert len(kept) == 1
    assert sorted((tmp_path / "data" / "search-index").glob("index-*.sqlite3")) == kept
    assert (tmp_path / "data" / "kiosk.sqlite3").is_file()
