"""One device of an office as a process of its own, for the end-to-end test
(tests/test_office_end_to_end.py): the same services the screens call (StoreBackend,
FillingSession and build_submission as the flow uses them, the sync engine the network
lane runs, kiosk.counter's day and desk), scripted instead of clicked, with nothing
shared with the other devices but the server.

    python -m tests.support.office_device ROLE COMMAND [ARGS]

ROLE is kiosk or counter; the environment gives the device its data folder
(KIOSK_DATA_DIR), its keyring file (tests.support.file_keyring) and the server
(OFFICE_DEVICE_SERVER). Each command prints one JSON line.

    submit             fill and submit one application (sent at once if the link is up)
    park               fill the first page, save it for later: {"code", "pin", "sent"}
    drain              what the network lane does once: send, pull, heartbeat
    day                drain, then the counter's day list (with the office's applications)
    finish CODE PIN    open a parked draft, fill the rest, submit it
    reprint ID FILE    the receipt of an application of the office, as a PDF file
"""

from __future__ import annotations

import json
import os
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from uuid import UUID

from kiosk.catalog.loader import load_catalog, sample_catalog_dir
from kiosk.clerks import Clerk
from kiosk.counter import CounterDesk, read_day
from kiosk.engine.session import FillingSession
from kiosk.engine.submission_builder import build_submission
from kiosk.status import PENDING
from kiosk.store import open_store
from sync.client import PlatformClient
from sync.engine import SyncEngine
from sync.enrolment import keyring_token
from sync.heartbeat import device_heartbeat
from sync.office_feed import HeartbeatSender, OfficeFeed
from sync.parked import ParkedDrafts
from ui.backend import StoreBackend

OFFICE, REGION, PROCEDURE = "demo-office", "2", "taxi-driver-licence"
# The demo's answers (ui/demo_walkthrough.DEMO_ANSWERS), one page each; not imported
# from there, which would load Qt into every device process for four dictionaries.
DEMO_ANSWERS: list[dict[str, Any]] = [
    {"afm": "099999987", "birth_date": "1988-06-15", "amka": "15068899994", "nationality": "greek"},
    {"phone": "6912345678", "email": "demo@example.gr", "address": "Εγνατίας 1, Θεσσαλονίκη",
     "postcode": "54622"},
    {"licence_category_b": True, "exam_date": "2026-10-01", "mobility_issue": False,
     "by_representative": False},
    {"truthful": True},
]  # fmt: skip
NAME = {"surname": "ΔΟΚΙΜΑΣΤΙΚΗ", "first_name": "ΠΟΛΙΤΙΣΣΑ"}  # no registry look-up here
CLERK = Clerk("clerk01", "Υπάλληλος Ένα", verified_online=True)


class Device:
    def __init__(self, role: str) -> None:
        self.role = role
        self.store = open_store()
        self.client = PlatformClient(
            os.environ["OFFICE_DEVICE_SERVER"], keyring_token, timeout=3.0, connect_timeout=1.0
        )
        self.procedures = load_catalog(sample_catalog_dir()).procedures
        self.engine = SyncEngine(
            self.client,
            self.store.outbox,
            attempts_per_drain=1,
            parked=self.store.parking,
            office=OfficeFeed(OFFICE, self.store.office) if role == "counter" else None,
            heartbeat=HeartbeatSender(self._heartbeat),
        )
        clerk = CLERK.clerk_id if role == "counter" else None
        parked = ParkedDrafts(self.client, OFFICE)
        self.backend = StoreBackend(self.store, self.engine, clerk, parked=parked)

    def _heartbeat(self, last_sync_at: datetime | None) -> Any:
        pending = self.store.drafts.list(status=PENDING, limit=500)
        return device_heartbeat(
            mode=self.role,
            region_code=REGION,
            catalog_version="sample",
            outbox_depth=self.store.outbox.pending_count(),
            quarantined=len(self.store.outbox.quarantined()),
            oldest_unsent_at=min((r.updated_at for r in pending), default=None),
            last_sync_at=last_sync_at,
            sent_at=datetime.now(UTC),
        )

    def close(self) -> None:
        self.client.close()
        self.store.close()

    # -- the flow's steps, as ui/flow.py takes them ------------------------------------
    def _session(self, sid: UUID, answers: dict[str, Any] | None = None) -> FillingSession:
        procedure = self.procedures[PROCEDURE]
        return FillingSession(
            procedure,
            REGION,
            sid,
            answers=answers or {},
            on_answer=lambda k, v: self.backend.save_answer(sid, k, v),
        )

    def _fill(self, session: FillingSession, pages: list[dict[str, Any]]) -> None:
        for number, page in enumerate(pages):
            for key, value in ({**page, **NAME} if number == 0 else page).items():
                session.set_answer(key, value)
            session.next()

    def _submit(self, session: FillingSession, created_at: datetime) -> dict[str, Any]:
        channel = "counter" if self.role == "counter" else "kiosk"
        submission = build_submission(session, channel=channel, created_at=created_at)
        outcome = self.backend.submit(submission)
        return {
            "submission_id": str(submission.submission_id),
            "protocol_number": outcome.protocol_number,
        }

    def submit(self) -> dict[str, Any]:
        sid = self.backend.new_draft(self.procedures[PROCEDURE], REGION, "kiosk")
        session = self._session(sid)
        self._fill(session, DEMO_ANSWERS)
        return self._submit(session, datetime.now(UTC))

    def park(self) -> dict[str, Any]:
        sid = self.backend.new_draft(self.procedures[PROCEDURE], REGION, "kiosk")
        self._fill(self._session(sid), DEMO_ANSWERS[:1])
        secret_work = self.backend.park_secret_work()
        code, pin = self.backend.park(sid, secret_work() if secret_work else None)
        sealing = self.backend.seal_parked(sid, code, pin)
        assert sealing is not None  # enrolled: there is a platform to send it to
        self.backend.queue_parked(code, sealing())
        return {"code": code, "pin": pin, "sent": self.backend.parked_sent(code)}

    def drain(self) -> dict[str, Any]:
        result = self.engine.drain_once()
        return {
            "error": result.error,
            "accepted": len(result.accepted),
            "parked_sent": result.parked_sent,
            "office_changes": result.office_changes,
            "pending": self.store.outbox.pending_count(),
        }

    def day(self) -> dict[str, Any]:
        drained = self.drain()
        day = read_day(
            self.store.drafts, self.store.outbox, datetime.now(UTC), office=self.store.office
        )
        assert day.office is not None
        return {
            "drain": drained,
            "items": [
                {
                    "submission_id": str(item.submission_id),
                    "source": item.source,
                    "channel": item.channel,
                    "status": str(item.status),
                    "protocol_number": item.protocol_number,
                }
                for item in day.items
            ],
            "parked_waiting": len(day.office.parked),
            "as_of": day.office.as_of.isoformat() if day.office.as_of else None,
        }

    def finish(self, code: str, pin: str) -> dict[str, Any]:
        plan = self.backend.prepare_resume(code)
        sid = self.backend.finish_resume(self.backend.resume_work(plan, pin))
        saved = self.backend.draft(sid)
        session = FillingSession.resume(
            self.procedures[saved.procedure_id],
            REGION,
            sid,
            saved.answers,
            on_answer=lambda k, v: self.backend.save_answer(sid, k, v),
        )
        self._fill(session, DEMO_ANSWERS[1:])
        return self._submit(session, saved.created_at)

    def reprint(self, submission_id: str, out: str) -> dict[str, Any]:
        desk = CounterDesk(self.store, self.procedures)
        reprinted = desk.reprint(UUID(submission_id), CLERK, "el")
        Path(out).write_bytes(reprinted.pdf)
        return {"protocol_number": reprinted.protocol_number}


def main(argv: list[str]) -> int:
    role, command, *args = argv
    device = Device(role)
    try:
        answer = getattr(device, command)(*args)
    finally:
        device.close()
    print(json.dumps(answer), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
