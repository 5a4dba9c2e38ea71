"""Install folders, the start-time switch and the rollout rule, on real files."""

from __future__ import annotations

import io
import tarfile
from pathlib import Path

from kiosk.updates.installs import EXECUTABLE, Installs
from kiosk.updates.rollout import Rollout, bucket


def build(tmp_path: Path, name: str, members: dict[str, bytes]) -> Path:
    archive = tmp_path / f"{name}.tar"
    with tarfile.open(archive, "w") as tar:
        for member, data in members.items():
            entry = tarfile.TarInfo(member)
            entry.size, entry.mode = len(data), 0o755
            tar.addfile(entry, io.BytesIO(data))
    return archive


def test_a_device_always_falls_in_the_same_share_and_shares_grow_monotonically() -> None:
    assert bucket("device-7") == bucket("device-7")
    devices = [f"device-{n}" for n in range(400)]
    twenty = {d for d in devices if Rollout(20).includes(d, "x")}
    fifty = {d for d in devices if Rollout(50).includes(d, "x")}
    assert twenty < fifty and 40 < len(twenty) < 120


def test_named_offices_get_a_build_before_anyone_else() -> None:
    rule = Rollout.from_custom({"rollout": {"percent": 0, "offices": ["thess"]}})
    assert rule.includes("any", "thess") and not rule.includes("any", "athens")


def test_a_malformed_rollout_rule_reaches_nobody() -> None:
    assert not Rollout.from_custom({"rollout": {"percent": "all"}}).includes("d", "o")


def test_an_archive_escaping_its_folder_is_refused_and_nothing_is_pending(tmp_path: Path) -> None:
    installs = Installs(tmp_path / "install")
    archive = build(tmp_path, "evil", {"../../outside": b"x"})

    try:
        installs.unpack("2.0.0", archive)
    except Exception as error:
        assert "not a valid build" in str(error)
    else:
        raise AssertionError("an escaping archive was unpacked")
    assert not (tmp_path / "outside").exists()
    assert installs.read().pending is None


def test_a_current_version_whose_folder_vanished_runs_the_packaged_build(tmp_path: Path) -> None:
    installs = Installs(tmp_path / "install")
    installs.unpack("2.0.0", build(tmp_path, "ok", {EXECUTABLE: b"#!/bin/sh\nexit 0\n"}))
    assert installs.start(lambda _folder: True)[0] == installs.versions / "2.0.0"
    (installs.versions / "2.0.0" / EXECUTABLE).unlink()

    folder, said = installs.start(lambda _folder: True)

    assert folder is None and "missing" in said
