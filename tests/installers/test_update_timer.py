"""The update timer and its service (installers/linux/periferia-kiosk-update.*): valid
systemd units (systemd-analyze verify where it is installed; else parsed here), they run
`kiosk update apply --if-due` at quiet times spread over the fleet, and the .deb ships
them as user units, with a postinst that turns the timer on."""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "installers" / "linux"
SERVICE, TIMER = "periferia-kiosk-update.service", "periferia-kiosk-update.timer"


def _unit(name: str) -> configparser.RawConfigParser:
    parser = configparser.RawConfigParser(strict=False, interpolation=None)
    parser.read_string((LINUX / name).read_text(encoding="utf-8"))
    return parser


def test_the_service_applies_a_due_update_once_and_the_timer_fires_at_quiet_spread_times() -> None:
    service, timer = _unit(SERVICE), _unit(TIMER)
    # configparser folds keys to lower case
    assert service["Service"]["type"] == "oneshot"
    assert service["Service"]["execstart"] == "/usr/bin/kiosk update apply --if-due"
    assert timer["Timer"]["persistent"] == "true"
    assert timer["Timer"]["randomizeddelaysec"]  # forty devices, not one minute
    assert timer["Install"]["wantedby"] == "timers.target"
    text = (LINUX / TIMER).read_text(encoding="utf-8")
    assert "OnCalendar=*-*-* 02:00" in text


def test_systemd_accepts_both_units(tmp_path: Path) -> None:
    analyze = shutil.which("systemd-analyze")
    if analyze is None:  # parsed above; systemd itself is not on every build machine
        return
    kiosk = tmp_path / "kiosk"
    kiosk.write_text("#!/bin/sh\nexit 0\n")
    kiosk.chmod(0o755)
    for name in (SERVICE, TIMER):  # the command must exist for verify: point it here
        text = (LINUX / name).read_text(encoding="utf-8")
        (tmp_path / name).write_text(text.replace("/usr/bin/kiosk", str(kiosk)))
    verified = subprocess.run(
        [analyze, "verify", str(tmp_path / TIMER), str(tmp_path / SERVICE)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
    )
    assert verified.returncode == 0, verified.stderr


def test_the_deb_ships_the_units_as_user_units_and_turns_the_timer_on(tmp_path: Path) -> None:
    bundle = tmp_path / "bundle"
    bundle.mkdir()
    (bundle / "kiosk").write_text("#!/bin/sh\necho fake bundle\n")
    (bundle / "kiosk").chmod(0o755)
    env = {
        **os.environ,
        "KIOSK_BUNDLE": str(bundle),
        "KIOSK_DEB_WORK": str(tmp_path / "work"),
        "KIOSK_DEB_OUT": str(tmp_path / "out"),
    }
    subprocess.run(
        ["bash", str(LINUX / "build_deb.sh")], check=True, env=env, capture_output=True, timeout=120
    )
    (deb,) = (tmp_path / "out").glob("periferia-kiosk_*.deb")
    listing = subprocess.run(
        ["dpkg-deb", "-c", str(deb)], check=True, capture_output=True, text=True
    ).stdout
    assert f"./usr/lib/systemd/user/{SERVICE}" in listing
    assert f"./usr/lib/systemd/user/{TIMER}" in listing
    control = tmp_path / "control"
    subprocess.run(["dpkg-deb", "-e", str(deb), str(control)], check=True)
    postinst = (control / "postinst").read_text(encoding="utf-8")
    assert "systemctl --global enable periferia-kiosk-update.timer" in postinst
    assert os.access(control / "postinst", os.X_OK)
