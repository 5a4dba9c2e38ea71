from __future__ import annotations

import os
import subprocess
import sys
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


def test_a_warm_device_keeps_its_secrets_in_its_own_secret_service() -> None:
    # The benchmarks' devices read their store key and token as a Linux office PC does:
    # from a Secret Service of their own (bootstrap installs dbus and gnome-keyring).
    assert probes.secret_service.available()
    folder = probes.warm_device("app")  # its first start ever, enrolled
    env = probes._env(folder)
    assert "PYTHON_KEYRING_BACKEND" not in env
    assert env["DBUS_SESSION_BUS_ADDRESS"] != os.environ.get("DBUS_SESSION_BUS_ADDRESS")

    check = (
        "import sys\n"
        "from kiosk.store.keyring_choice import choose_platform_keyring\n"
        "from sync.enrolment import keyring_token\n"
        "print(choose_platform_keyring('linux'), keyring_token(), 'keyring' in sys.modules)\n"
    )
    seen = subprocess.run(
        [sys.executable, "-c", check],
        cwd=probes.ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout.split()
    assert seen == ["kiosk.store.secret_service", probes.DEVICE_TOKEN, "False"]
    assert (folder / "data" / "kiosk.sqlite3").is_file()  # the store opened with that key


def test_a_secret_service_that_does_not_start_leaves_the_devices_a_file_keyring(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def refuse(folder: Path) -> dict[str, str]:
        raise RuntimeError("gnome-keyring-daemon never took org.freedesktop.secrets")

    monkeypatch.setattr(probes, "_devices", {})
    monkeypatch.setattr(probes, "_secret_services", {})
    monkeypatch.setattr(probes, "_keyring_used", [probes._FILE_KEYRING])
    monkeypatch.setattr(probes.secret_service, "start", refuse)

    folder = probes.warm_device("app")  # started, enrolled: through the file keyring

    assert probes._env(folder)["PYTHON_KEYRING_BACKEND"] == "device_keyring.DeviceKeyring"
    assert (folder / "data" / "kiosk.sqlite3").is_file()
    assert "the Secret Service did not start" in probes.device_keyring()
    assert "no Secret Service for the devices" in capsys.readouterr().err


@pytest.mark.parametrize(("probe", "frameless"), [("bare", False), ("bare_frameless", True)])
def test_the_frameless_anchor_is_the_bare_window_made_frameless_as_a_kiosk_s_is(
    probe: str, frameless: bool, tmp_path: Path
) -> None:
    # Once its first paint has made it say READY and quit, the probe's window is asked
    # what it is: the same label and size for both, the frame flag only on the anchor.
    ask = (
        "\nfrom PySide6.QtCore import Qt\n"
        "print('FRAMELESS', bool(window.windowFlags() & Qt.WindowType.FramelessWindowHint),"
        " window.centralWidget().text(), window.width(), window.height())\n"
    )
    seen = subprocess.run(
        [sys.executable, "-c", probes.PROBES[probe] + ask, "once"],
        cwd=probes.ROOT,
        env=probes._env(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout.splitlines()
    assert seen == ["READY", f"FRAMELESS {frameless} Καλώς ήρθατε 1280 800"]
