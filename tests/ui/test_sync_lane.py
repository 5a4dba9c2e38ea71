"""The network lane sends the outbox off the GUI thread: the window keeps turning while a
thousand applications reach the reference server, and the screens hear of it by signals."""

from __future__ import annotations

import re
import sqlite3
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from uuid import UUID

import keyring
import pytest
from keyring.errors import KeyringLocked
from PySide6.QtCore import QThread, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.config import parse_office_config
from kiosk.office_file import read_office_file
from kiosk.store import Store, open_store
from sync.client import PlatformClient
from sync.engine import DrainResult, SyncState
from sync.enrolment import keyring_token
from sync.protocol import KEYRING_SERVICE, KEYRING_USERNAME
from tests.kiosk.store.factories import submission_for
from tests.support.memory_keyring import MemoryKeyring
from tests.sync.conftest import Platform, platform  # noqa: F401  (the reference server fixture)
from tests.ui.cli.test_run_command import _config
from ui.counter.sync_bar import SyncBar
from ui.startup.loading import apply_retention
from ui.sync_lane import SyncLane


def _queue(store: Store, count: int) -> list[UUID]:
    ids = []
    for number in range(count):
        draft = store.drafts.create("taxi-driver-licence", "1.0.0", "2", "kiosk")
        store.drafts.finalise(
            draft.submission_id, submission_for(draft.submission_id, surname=f"Δοκιμή {number}")
        )
        ids.append(draft.submission_id)
    return ids


class Heartbeat:
    """A GUI-thread timer: its beats stop whenever the GUI thread is blocked."""

    def __init__(self) -> None:
        self.beats: list[float] = []
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(lambda: self.beats.append(time.monotonic()))
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        self.timer.timeout.disconnect()
        self.timer.deleteLater()

    def longest_gap(self) -> float:
        return max(b - a for a, b in zip(self.beats, self.beats[1:], strict=False))


def test_event_loop_keeps_turning_while_a_thousand_applications_sync(
    qtbot: QtBot,
    platform: Platform,  # noqa: F811
    tmp_path: Path,
) -> None:
    screens_store = open_store(tmp_path / "device.sqlite3")
    ids = _queue(screens_store, 1000)
    lane_store = open_store(tmp_path / "device.sqlite3", actor="sync")
    lane = SyncLane(platform.engine(lane_store.outbox, batch_size=100), interval_s=0.05)
    states: list[SyncState] = []
    threads: set[object] = set()

    def on_state() -> None:
        states.append(lane.state)
        threads.add(QThread.currentThread())

    lane.state_changed.connect(on_state)
    heartbeat = Heartbeat()
    lane.start()
    try:
        qtbot.waitUntil(lambda: screens_store.outbox.pending_count() == 0, timeout=180_000)
    finally:
        assert lane.stop()
        heartbeat.stop()

    assert platform.store.accepted_event_counts() == {str(sid): 1 for sid in ids}
    assert all(screens_store.drafts.get(sid).protocol_number for sid in ids[::97])
    # The GUI thread went on beating all along: no freeze of a second or more.
    assert len(heartbeat.beats) > 20
    assert heartbeat.longest_gap() < 1.0
    # States were delivered to the GUI thread, and the last one says nothing is pending.
    assert threads == {QApplication.instance().thread()}  # type: ignore[union-attr]
    assert lane.state.pending == 0 and states
    screens_store.close()
    lane_store.close()


def test_kick_sends_a_new_submission_without_waiting_for_the_interval(
    qtbot: QtBot,
    platform: Platform,  # noqa: F811
    tmp_path: Path,
) -> None:
    store = open_store(tmp_path / "device.sqlite3")
    lane = SyncLane(platform.engine(store.outbox), interval_s=3600)
    drains: list[DrainResult] = []
    lane.drained.connect(lambda: drains.append(lane.last_result))  # type: ignore[arg-type]
    lane.start()
    try:
        qtbot.waitUntil(lambda: len(drains) == 1)  # the first drain finds nothing
        [sid] = _queue(store, 1)
        lane.kick()
        qtbot.waitUntil(lambda: len(drains) == 2, timeout=10_000)
    finally:
        assert lane.stop()
    assert drains[1].accepted == (sid,)
    assert store.drafts.get(sid).status == "accepted"
    store.close()


def test_stopping_the_lane_with_the_link_down_keeps_every_application_queued(
    qtbot: QtBot,
    platform: Platform,  # noqa: F811
    tmp_path: Path,
) -> None:
    store = open_store(tmp_path / "device.sqlite3")
    ids = _queue(store, 3)
    platform.stop()
    lane = SyncLane(platform.engine(store.outbox), interval_s=3600)
    drains: list[DrainResult] = []
    lane.drained.connect(lambda: drains.append(lane.last_result))  # type: ignore[arg-type]
    lane.start()
    qtbot.waitUntil(lambda: len(drains) >= 1, timeout=20_000)
    assert lane.stop()
    assert drains[0].error is not None
    assert lane.state.online is False
    assert {store.drafts.get(sid).status for sid in ids} == {"queued"}
    store.close()


class LockedOnce:
    """The lane's outbox, whose `pending_count` meets a locked database on the calls
    numbered in `failing` (1 is the first)."""

    def __init__(self, inner: object, failing: set[int]) -> None:
        self._inner, self._failing, self.calls = inner, failing, 0

    def pending_count(self) -> int:
        self.calls += 1
        if self.calls in self._failing:
            raise sqlite3.OperationalError("database is locked")
        count: int = self._inner.pending_count()  # type: ignore[attr-defined]
        return count

    def __getattr__(self, name: str) -> object:
        return getattr(self._inner, name)


@pytest.mark.parametrize(
    "failing",
    [{1}, {2}],
    ids=["as-a-drain-begins", "as-a-drain-ends"],
)
def test_a_locked_database_does_not_stop_the_lane_and_later_submissions_are_sent(
    qtbot: QtBot,
    platform: Platform,  # noqa: F811
    tmp_path: Path,
    failing: set[int],
) -> None:
    store = open_store(tmp_path / "device.sqlite3")
    lane_store = open_store(tmp_path / "device.sqlite3", actor="sync")
    flaky = LockedOnce(lane_store.outbox, failing)
    lane = SyncLane(platform.engine(flaky), interval_s=3600)  # type: ignore[arg-type]
    faults: list[object] = []
    lane.state_changed.connect(lambda: faults.append(lane.fault) if lane.fault else None)
    lane.start()
    try:
        qtbot.waitUntil(lambda: flaky.calls > max(failing), timeout=10_000)
        [sid] = _queue(store, 1)
        lane.kick()
        qtbot.waitUntil(lambda: store.drafts.get(sid).status == "accepted", timeout=20_000)
    finally:
        assert lane.stop()
    assert faults, "the lane said it met an error"
    assert lane.fault is None  # and that it is over
    store.close()
    lane_store.close()


class LockedKeyring(MemoryKeyring):
    """A keyring that refuses the device token while `locked` (a Secret Service whose
    collection locked itself, a Credential Manager that errs)."""

    locked = True

    def get_password(self, service: str, username: str) -> str | None:
        if self.locked and service == KEYRING_SERVICE:
            raise KeyringLocked("the collection is locked")
        return super().get_password(service, username)


def test_a_keyring_error_shows_on_the_sync_bar_and_sending_resumes_once_it_is_gone(
    qtbot: QtBot,
    platform: Platform,  # noqa: F811
    tmp_path: Path,
    memory_keyring: MemoryKeyring,
) -> None:
    store = open_store(tmp_path / "device.sqlite3")
    lane_store = open_store(tmp_path / "device.sqlite3", actor="sync")
    secrets = LockedKeyring()
    secrets.secrets = dict(memory_keyring.secrets)  # the store's key stays readable
    secrets.set_password(KEYRING_SERVICE, KEYRING_USERNAME, platform.token)
    keyring.set_keyring(secrets)  # the autouse fixture puts the previous one back
    client = PlatformClient(platform.url, keyring_token, timeout=2.0)
    lane = SyncLane(platform.engine(lane_store.outbox, client), interval_s=3600)
    bar = SyncBar("el")
    said: list[str] = []

    def on_state() -> None:
        bar.show_state(lane.state, lane.fault)
        said.append(bar.text())

    lane.state_changed.connect(on_state)
    lane.start()
    try:
        qtbot.waitUntil(lambda: bar.text().startswith("Σφάλμα συγχρονισμού"), timeout=10_000)
        assert re.match(r"Σφάλμα συγχρονισμού — νέα προσπάθεια στις \d\d:\d\d:\d\d", bar.text())
        assert bar.property("offline") == "true"
        [sid] = _queue(store, 1)
        secrets.locked = False  # unlocked: the lane's next try gets the token
        qtbot.waitUntil(lambda: store.drafts.get(sid).status == "accepted", timeout=20_000)
        qtbot.waitUntil(lambda: not bar.text().startswith("Σφάλμα"), timeout=10_000)
    finally:
        assert lane.stop()
        client.close()
    assert bar.text().startswith("Σε σύνδεση")
    store.close()
    lane_store.close()


def test_a_submission_made_offline_is_said_queued_once_not_sending_first(
    qtbot: QtBot,
    platform: Platform,  # noqa: F811
    tmp_path: Path,
) -> None:
    from ui.backend import StoreBackend
    from ui.screens.done import DoneScreen
    from ui.texts import text

    store = open_store(tmp_path / "device.sqlite3")
    platform.stop()
    lane = SyncLane(platform.engine(store.outbox), interval_s=3600)
    drains: list[DrainResult] = []
    lane.drained.connect(lambda: drains.append(lane.last_result))  # type: ignore[arg-type]
    lane.start()
    qtbot.waitUntil(lambda: len(drains) >= 1, timeout=20_000)
    assert lane.state.online is False
    draft = store.drafts.create("taxi-driver-licence", "1.0.0", "2", "kiosk")
    outcome = StoreBackend(store, lane=lane).submit(submission_for(draft.submission_id))
    assert not outcome.sending  # known offline: nothing says «being sent now…»
    done = DoneScreen(locale="el", reference="X", protocol_number=None, to_bring=[])
    qtbot.addWidget(done)
    said = done.queued_note.text()
    assert said == text("queued", "el")
    done.show_queued()  # the lane's next failed drain
    assert done.queued_note.text() == said
    assert lane.stop()
    store.close()


def test_retention_runs_on_the_lane_while_the_app_runs_and_a_failing_run_stops_nothing(
    qtbot: QtBot,
    platform: Platform,  # noqa: F811
    tmp_path: Path,
) -> None:
    """A kiosk runs for weeks: an application answered long ago loses its answers without a
    restart. The first housekeeping run fails (a locked database, say): sending goes on
    and the next run purges."""
    office = read_office_file(_config(tmp_path, mode='"counter"'))
    config = parse_office_config(office.text, office.path)
    store = open_store(tmp_path / "device.sqlite3")
    runs: list[str] = []

    def housekeeping() -> None:
        runs.append("run")
        if len(runs) == 1:
            raise sqlite3.OperationalError("database is locked")
        apply_retention(config, store)

    lane = SyncLane(
        platform.engine(store.outbox),
        interval_s=0.05,
        housekeeping=housekeeping,
        housekeeping_every_s=0.2,
    )
    sid = store.drafts.create("taxi-driver-licence", "1.0.0", "2", "counter").submission_id
    store.drafts.save_answer(sid, "surname", "ΔΟΚΙΜΑΣΤΙΚΟΣ")
    store.drafts.finalise(sid, submission_for(sid, surname="ΔΟΚΙΜΑΣΤΙΚΟΣ"))
    lane.start()
    try:
        qtbot.waitUntil(lambda: store.drafts.get(sid).status == "accepted", timeout=10_000)
        assert store.drafts.answers(sid) != {}  # answered today: kept
        long_ago = (datetime.now(UTC) - timedelta(days=400)).isoformat()

        def answered_long_ago_and_purged() -> bool:
            # A status the lane pulls from the platform touches the row again: keep it old.
            with store.db.conn:
                store.db.execute("UPDATE drafts SET updated_at = ?", (long_ago,))
            return store.drafts.answers(sid) == {}

        qtbot.waitUntil(answered_long_ago_and_purged, timeout=10_000)
    finally:
        assert lane.stop()
    assert len(runs) >= 2
    assert store.drafts.get(sid).status == "accepted"  # the clerk's history stays
    store.close()
