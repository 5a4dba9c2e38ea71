"""The device's updater against the real reference server's TUF repository on 127.0.0.1:
attacks and faults leave the running version alone and say what happened."""

from __future__ import annotations

import errno
import io
import os
import shutil
import stat
import tarfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from kiosk.updates.installs import Installs
from sync.server.faults import Fault
from sync.server.updates import UpdateRepository, refresh_repository
from sync.updates.updater import DeviceUpdater
from tests.sync.conftest import Platform


def make_build(folder: Path, version: str, *, self_test_passes: bool = True) -> Path:
    """A tiny stand-in for the PyInstaller bundle: a `kiosk` script that answers --self-test."""
    script = f"#!/bin/sh\necho {version}\nexit {0 if self_test_passes else 1}\n".encode()
    archive = folder / f"build-{version}.tar"
    with tarfile.open(archive, "w") as tar:
        entry = tarfile.TarInfo("kiosk")
        entry.size, entry.mode = len(script), 0o755
        tar.addfile(entry, io.BytesIO(script))
    return archive


def repository(platform: Platform) -> UpdateRepository:
    repo = UpdateRepository(platform.db_path.parent / "updates")
    platform.state.updates = repo
    return repo


def device(platform: Platform, tmp_path: Path, repo: UpdateRepository, **kw: Any) -> DeviceUpdater:
    installs = Installs(tmp_path / "device" / "install")
    updater = DeviceUpdater(
        installs,
        platform.url,
        device_id=kw.get("device_id", "dev-1"),
        office_id=kw.get("office_id", "office-thessaloniki"),
    )
    updater.pin_root(repo.root_bytes())
    return updater


NEEDS_SH = pytest.mark.skipif(os.name == "nt", reason="the test build is a shell script")


@NEEDS_SH
def test_a_new_version_is_installed_and_runs_from_the_next_start(
    platform: Platform, tmp_path: Path
) -> None:
    repo = repository(platform)
    repo.publish(make_build(tmp_path, "1.1.0"), "1.1.0")
    updater = device(platform, tmp_path, repo)

    outcome = updater.apply()

    assert outcome.ok, outcome.message
    assert updater.installs.read().pending == "1.1.0"
    folder, said = updater.installs.start()
    assert folder == updater.installs.versions / "1.1.0" and said == "switched to 1.1.0"
    assert updater.installs.read().current == "1.1.0"
    assert updater.check().message == "up to date"


@NEEDS_SH
def test_a_version_that_fails_its_self_test_is_refused_and_the_old_one_keeps_running(
    platform: Platform, tmp_path: Path
) -> None:
    repo = repository(platform)
    repo.publish(make_build(tmp_path, "1.1.0"), "1.1.0")
    updater = device(platform, tmp_path, repo)
    assert updater.apply().ok
    updater.installs.start()
    repo.publish(make_build(tmp_path, "1.2.0", self_test_passes=False), "1.2.0")
    assert updater.apply().ok

    folder, said = updater.installs.start()

    assert folder == updater.installs.versions / "1.1.0"
    assert said == "1.2.0 failed its self-test; still on 1.1.0"
    assert updater.report(platform.token)
    speaking = platform.store.device_for_token(platform.token)
    assert speaking is not None
    assert repo.device_status(speaking.device_id) == {"current": "1.1.0", "result": said}
    assert updater.check().message == "up to date"  # 1.2.0 is not offered again


def test_a_rollback_attack_with_older_metadata_is_refused(
    platform: Platform, tmp_path: Path
) -> None:
    repo = repository(platform)
    old_timestamp = (repo.metadata / "timestamp.json").read_bytes()
    repo.publish(make_build(tmp_path, "1.1.0"), "1.1.0")
    updater = device(platform, tmp_path, repo)
    assert updater.check().ok
    (repo.metadata / "timestamp.json").write_bytes(old_timestamp)

    outcome = updater.check()

    assert not outcome.ok and "rollback" in outcome.message
    assert updater.installs.read().last_result == outcome.message


def test_a_freeze_attack_with_an_expired_timestamp_is_refused(
    platform: Platform, tmp_path: Path
) -> None:
    repo = repository(platform)
    expired = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1)
    repo.publish(make_build(tmp_path, "1.1.0"), "1.1.0", timestamp_expires=expired)
    updater = device(platform, tmp_path, repo)

    outcome = updater.apply()

    assert not outcome.ok and "expired" in outcome.message and "freeze" in outcome.message
    assert updater.installs.read().pending is None


def test_a_build_changed_after_signing_is_refused(platform: Platform, tmp_path: Path) -> None:
    repo = repository(platform)
    target = repo.publish(make_build(tmp_path, "1.1.0"), "1.1.0")
    stored = repo.targets / f"{target.hashes['sha256']}.{target.path}"
    stored.write_bytes(stored.read_bytes().replace(b"exit 0", b"exit 7"))
    updater = device(platform, tmp_path, repo)

    outcome = updater.apply()

    assert not outcome.ok and "signed hash or length" in outcome.message
    assert not updater.installs.versions.exists() or not any(updater.installs.versions.iterdir())


def test_a_snapshot_from_another_version_is_refused(platform: Platform, tmp_path: Path) -> None:
    repo = repository(platform)
    repo.publish(make_build(tmp_path, "1.1.0"), "1.1.0")
    repo.publish(make_build(tmp_path, "1.2.0"), "1.2.0")
    version = repo.load("snapshot").signed.version
    # The timestamp names snapshot N; the server serves N-1's body under N's name.
    shutil.copy(
        repo.metadata / f"{version - 1}.snapshot.json", repo.metadata / f"{version}.snapshot.json"
    )
    updater = device(platform, tmp_path, repo)

    outcome = updater.apply()

    assert not outcome.ok and "mix-and-match" in outcome.message
    assert updater.installs.read().pending is None


def test_an_interrupted_download_is_retried_cleanly(platform: Platform, tmp_path: Path) -> None:
    repo = repository(platform)
    repo.publish(make_build(tmp_path, "1.1.0"), "1.1.0")
    updater = device(platform, tmp_path, repo)
    platform.faults.add(Fault("truncate", "GET", "/v1/updates/targets/"))

    outcome = updater.apply()

    assert outcome.ok, outcome.message
    assert platform.faults.fired == ["truncate"]
    assert (updater.installs.versions / "1.1.0" / "kiosk").read_bytes().startswith(b"#!/bin/sh")


@NEEDS_SH
def test_a_full_disk_while_unpacking_leaves_the_running_version_and_says_so(
    platform: Platform, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = repository(platform)
    repo.publish(make_build(tmp_path, "1.1.0"), "1.1.0")
    updater = device(platform, tmp_path, repo)
    assert updater.apply().ok
    updater.installs.start()
    repo.publish(make_build(tmp_path, "1.2.0"), "1.2.0")

    def no_space(*_args: object, **_kw: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(tarfile.TarFile, "extractall", no_space)
    outcome = updater.apply()

    assert not outcome.ok and "not enough disk space" in outcome.message
    assert sorted(p.name for p in updater.installs.versions.iterdir()) == ["1.1.0"]
    assert updater.installs.read().current == "1.1.0" and updater.installs.read().pending is None
    assert os.stat(updater.installs.versions / "1.1.0" / "kiosk").st_mode & stat.S_IXUSR


def test_a_platform_that_is_down_is_said_plainly(platform: Platform, tmp_path: Path) -> None:
    repo = repository(platform)
    updater = device(platform, tmp_path, repo)
    platform.stop()

    outcome = updater.check()

    assert not outcome.ok and "cannot be reached" in outcome.message
    assert updater.installs.read().last_check is not None


def test_a_device_without_a_trusted_root_says_what_to_do(
    platform: Platform, tmp_path: Path
) -> None:
    repo = repository(platform)
    updater = device(platform, tmp_path, repo)
    (updater.metadata_dir / "root.json").unlink()

    outcome = updater.check()

    assert not outcome.ok and "no trusted root.json" in outcome.message


def test_a_staged_rollout_reaches_the_named_office_and_not_others(
    platform: Platform, tmp_path: Path
) -> None:
    repo = repository(platform)
    repo.publish(make_build(tmp_path, "1.1.0"), "1.1.0", percent=0, offices=["office-a"])

    inside = device(platform, tmp_path / "a", repo, office_id="office-a").check()
    outside = device(platform, tmp_path / "b", repo, office_id="office-b").check()

    assert inside.version == "1.1.0"
    assert outside.message == "up to date"


def test_the_platform_re_signs_its_timestamp_and_snapshot_before_they_expire(
    tmp_path: Path,
) -> None:
    start = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    clock = [start]
    repo = UpdateRepository(tmp_path / "updates", clock=lambda: clock[0])
    assert repo.refresh() == []  # fresh: nothing to do

    clock[0] = start + timedelta(hours=19)  # the 1-day timestamp has 5 hours left
    assert repo.refresh() == ["timestamp"]
    timestamp = repo.load("timestamp").signed
    assert timestamp.version == 2 and timestamp.expires == clock[0] + timedelta(days=1)
    assert repo.load("snapshot").signed.version == 1

    clock[0] = start + timedelta(days=6, hours=19)  # the 7-day snapshot has 5 hours left
    assert repo.refresh() == ["snapshot", "timestamp"]
    assert repo.load("snapshot").signed.expires == clock[0] + timedelta(days=7)
    assert repo.load("timestamp").signed.snapshot_meta.version == 2


def test_a_device_checking_after_the_platform_re_signed_a_nearly_expired_timestamp_installs(
    platform: Platform, tmp_path: Path
) -> None:
    repo = repository(platform)
    soon = datetime.now(UTC).replace(microsecond=0) + timedelta(minutes=30)
    repo.publish(make_build(tmp_path, "1.1.0"), "1.1.0", timestamp_expires=soon)

    assert refresh_repository(platform.faults) == ["timestamp"]  # the server's periodic look

    outcome = device(platform, tmp_path, repo).apply()
    assert outcome.ok, outcome.message
