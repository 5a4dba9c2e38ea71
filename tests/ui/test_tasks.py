"""The task API: a lane runs its tasks one after the other on one thread that is not
the GUI's, and hands each outcome to the GUI thread; a screen that went away hears
nothing; a task can ask the GUI thread for what only it may touch."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from ui.tasks import Background, Lane, call_on_main, run_on_main


def test_a_lanes_tasks_run_in_order_on_one_worker_and_their_outcomes_on_the_gui_thread(
    qtbot: QtBot,
) -> None:
    owner = QObject()
    lane = Lane("test", owner)
    ran: list[tuple[int, str]] = []
    told: list[tuple[int, bool]] = []
    for number in range(5):
        lane.run(
            lambda n=number: ran.append((n, threading.current_thread().name)) or n,  # type: ignore[func-returns-value]
            lambda n: told.append((n, threading.current_thread() is threading.main_thread())),
        )
    qtbot.waitUntil(lambda: not lane.busy)
    assert [n for n, _ in ran] == [0, 1, 2, 3, 4]
    assert {name for _, name in ran} == {"test"}
    assert told == [(n, True) for n in range(5)]


def test_an_outcome_for_an_owner_that_is_gone_is_dropped(qtbot: QtBot) -> None:
    owner = QObject()
    lane = Lane("test", owner)
    release = threading.Event()
    told: list[object] = []
    lane.run(release.wait, told.append)
    owner.deleteLater()
    qtbot.waitUntil(lambda: not _alive(lane))
    release.set()
    qtbot.wait(50)
    assert told == []


def _alive(lane: Lane) -> bool:
    from shiboken6 import isValid

    return isValid(lane)


def test_background_hands_the_result_or_the_exception_to_then(qtbot: QtBot) -> None:
    owner = QObject()
    worker = Background(owner)
    got: list[object] = []
    worker.run(lambda: 1 / 0, got.append)
    worker.run(lambda: "fine", got.append)
    qtbot.waitUntil(lambda: not worker.busy)
    assert isinstance(got[0], ZeroDivisionError) and got[1] == "fine"


def test_a_task_asks_the_gui_thread_and_waits_for_its_answer(qtbot: QtBot) -> None:
    owner = QObject()
    lane = Lane("test", owner)
    answers: list[bool] = []
    lane.run(
        lambda: call_on_main(lambda: threading.current_thread() is threading.main_thread()),
        answers.append,
    )
    qtbot.waitUntil(lambda: answers == [True])


def test_run_on_main_from_a_worker_runs_on_the_gui_thread(qtbot: QtBot) -> None:
    where: list[bool] = []
    worker = threading.Thread(
        target=lambda: run_on_main(
            lambda: where.append(threading.current_thread() is threading.main_thread())
        )
    )
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: where == [True])


def test_an_idle_lane_leaves_no_thread_behind(qtbot: QtBot) -> None:
    owner = QObject()
    lane = Lane("idle-test", owner)
    for _ in range(3):
        lane.run(lambda: None)
        qtbot.waitUntil(lambda: not lane.busy)
        qtbot.waitUntil(lambda: not [t for t in threading.enumerate() if t.name == "idle-test"])
