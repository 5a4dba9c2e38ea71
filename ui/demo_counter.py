"""The demo's counter part: a clerk signs in (FAKE clerk of the reference server), sees
the day with a kiosk draft to finish and a refused application to correct, finishes
the draft, and opens the office dashboard. Screenshots of each screen."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kiosk.analytics.events import UsageRecorder
from kiosk.analytics.journey import SessionUsage
from kiosk.catalog.loader import CatalogLoad
from kiosk.clerks import ClerkSignIn
from kiosk.engine.session import FillingSession
from kiosk.engine.submission_builder import build_submission
from kiosk.store import Store, open_store
from sync.clerks import PlatformClerkDirectory
from sync.client import PlatformClient
from sync.demo_citizen import demo_clerk_credentials
from sync.engine import SyncEngine
from sync.registry import PlatformRegistry
from ui.background import wait_while
from ui.counter.console import CounterConsole
from ui.counter.sign_in import SignInScreen
from ui.counter.today import TodayScreen
from ui.main_window import MainWindow
from ui.sync_lane import SyncLane

DEMO_CLERK = ("clerk01", "demo-pass-01")  # FAKE: printed in the README


def _kiosk_draft(store: Store, catalog: CatalogLoad, region: str, answers: dict[str, Any]) -> Any:
    """A draft a citizen left at a kiosk of the office, answered up to the second step."""
    procedure = catalog.procedures["taxi-driver-licence"]
    record = store.drafts.create(procedure.id, procedure.version, region, "kiosk")
    sid = record.submission_id
    session = FillingSession(
        procedure, region, sid, on_answer=lambda k, v: store.drafts.save_answer(sid, k, v)
    )
    for key, value in answers.items():
        session.set_answer(key, value)
    session.next()
    return session


def _refused(store: Store, catalog: CatalogLoad, region: str, answers: dict[str, Any]) -> None:
    """An application the platform refused as invalid: it waits for a clerk."""
    session = _kiosk_draft(store, catalog, region, answers)
    while not session.at_review and session.next().moved:
        pass
    submission = build_submission(session, channel="kiosk", created_at=datetime.now(UTC))
    store.drafts.finalise(session.submission_id, submission)
    store.outbox.mark_quarantined(
        session.submission_id, "invalid", {"amka": "does not match the birth date"}
    )


def run_counter(
    client: PlatformClient,
    catalog: CatalogLoad,
    region: str,
    answers: list[dict[str, Any]],
    shot: Callable[[MainWindow, str], None],
) -> None:
    with tempfile.TemporaryDirectory(prefix="kiosk-demo-counter-") as folder:
        store = open_store(Path(folder) / "device.sqlite3", actor="counter")
        named = {**answers[0], "surname": "ΔΟΚΙΜΑΣΤΙΚΗ", "first_name": "ΠΟΛΙΤΙΣΣΑ"}
        _kiosk_draft(store, catalog, region, named)
        _refused(store, catalog, region, {**named, **answers[1], **answers[2], **answers[3]})
        window = MainWindow()
        window.resize(1280, 800)
        window.set_place(region, "0202")  # Θεσσαλονίκης, as the kiosk's demo
        # The lane is not started: the demo drains once, in line, so the screenshots are
        # the same every time; the bar shows that drain's state.
        engine = SyncEngine(client, store.outbox)
        lane = SyncLane(engine)
        clerk = demo_clerk_credentials(client)  # the FAKE clerk's platform session (#16)
        console = CounterConsole(
            window,
            catalog,
            store,
            ClerkSignIn(PlatformClerkDirectory(client)),
            region_code=region,
            registry=PlatformRegistry(client, lambda: clerk),
            office_id="demo-office",
            usage=SessionUsage(UsageRecorder(store.usage)),
            lane=lane,
        )
        engine.drain_once()
        console.show_sign_in()
        window.show()
        screen = window.current_screen()
        assert isinstance(screen, SignInScreen)
        screen.clerk_id.setText(DEMO_CLERK[0])
        shot(window, "13-counter-sign-in.png")
        screen.password.setText(DEMO_CLERK[1])
        screen.submit.click()
        wait_while(lambda: console.signing_in)
        today = window.current_screen()
        assert isinstance(today, TodayScreen)
        today.table.selectRow(len(today.rows) - 1)
        shot(window, "14-counter-today.png")
        today.continue_button.click()  # the kiosk draft, where the citizen left it
        shot(window, "15-counter-resumed-draft.png")
        window.close()
        store.close()
