"""The engine's Changes turned into events while a real procedure is filled, and the
promise that nothing from the answers reaches an event, the store's counters or an
aggregate."""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path

import msgspec

from kiosk.analytics.events import REVIEW, MemorySink, UsageRecorder
from kiosk.analytics.journey import SessionUsage
from kiosk.catalog.model import Procedure
from kiosk.engine.session import FillingSession
from kiosk.store import open_store
from tests.kiosk.analytics.conftest import StepClock

ANSWERS = {
    "afm": "090000045",
    "surname": "Παπαδοπούλου",
    "first_name": "Μαρία",
    "birth_date": "1970-01-01",
    "amka": "01017000009",
    "nationality": "greek",
}
CONTACT = {"phone": "6912345678", "address": "Εγνατίας 1", "postcode": "54622"}
WRONG = {"afm": "123456789", "email": "maria.papadopoulou@example.gr"}


def _walk(session: FillingSession, usage: SessionUsage, clock: StepClock) -> None:
    usage.started(session, "kiosk")
    usage.after(session, session.set_answer("afm", WRONG["afm"]))  # a wrong AFM first
    usage.after(session, session.next())  # refused: the step's issues
    for key, value in ANSWERS.items():
        usage.after(session, session.set_answer(key, value))
    clock.advance(90)
    usage.after(session, session.next())
    usage.after(session, session.set_answer("email", WRONG["email"][:-3]))  # no TLD
    for key, value in CONTACT.items():
        usage.after(session, session.set_answer(key, value))
    usage.after(session, session.set_answer("email", WRONG["email"]))
    clock.advance(60)
    usage.after(session, session.next())
    for key, value in {"licence_category_b": True, "exam_date": "2026-10-01",
                       "mobility_issue": False, "by_representative": False}.items():  # fmt: skip
        usage.after(session, session.set_answer(key, value))
    usage.after(session, session.next())
    usage.after(session, session.set_answer("truthful", True))
    usage.after(session, session.next())


def _walked(taxi: Procedure, clock: StepClock) -> tuple[MemorySink, SessionUsage, FillingSession]:
    """An applicant walked to the review of the taxi licence, events in a list."""
    sink = MemorySink()
    usage = SessionUsage(UsageRecorder(sink, clock))
    session = FillingSession(taxi, "2", uuid.uuid4(), today=date(2026, 11, 22))
    _walk(session, usage, clock)
    return sink, usage, session


def test_a_walk_through_the_taxi_licence_becomes_events_without_answers(
    taxi: Procedure, clock: StepClock
) -> None:
    sink, usage, session = _walked(taxi, clock)
    assert session.at_review
    usage.submitted(session)
    reached = [e.step_id for e in sink.events if e.kind == "step_reached"]
    assert reached == ["applicant", "contact", "eligibility", "declaration", REVIEW]
    failed = {
        (e.step_id, e.field_id, e.detail) for e in sink.events if e.kind == "validation_failed"
    }
    assert ("applicant", "afm", "afm") in failed
    assert ("applicant", "surname", "required") in failed  # from the refused Continue
    assert any(f == "email" for _, f, _ in failed)
    documents = {e.document_id: e.detail for e in sink.events if e.kind == "document"}
    assert documents["criminal_record"] == "bring"  # nobody signed in: nothing fetched
    assert documents["school_certificate"] == "bring"
    times = {e.step_id: e.seconds for e in sink.events if e.kind == "step_time"}
    assert times["applicant"] == 90 and times["contact"] == 60
    texts = [str(v) for e in sink.events for v in msgspec.structs.astuple(e)]
    for value in [*ANSWERS.values(), *CONTACT.values(), *WRONG.values(), WRONG["email"][:-3]]:
        assert not any(value in text for text in texts), value
    assert all(not hasattr(e, "submission_id") for e in sink.events)
    assert str(session.submission_id) not in " ".join(texts)


def test_no_answer_reaches_the_stored_counters_or_the_aggregate(
    taxi: Procedure, clock: StepClock, tmp_path: Path
) -> None:
    store = open_store(tmp_path / "device.sqlite3")
    usage = SessionUsage(UsageRecorder(store.usage, clock))
    session = FillingSession(taxi, "2", uuid.uuid4(), today=date(2026, 11, 22))
    _walk(session, usage, clock)
    usage.submitted(session)
    dumped = " ".join(
        str(cell)
        for table in ("usage_counts", "usage_dirty", "usage_outbox")
        for row in store.db.execute(f"SELECT * FROM {table}").fetchall()
        for cell in row
    )
    aggregates = store.usage.daily("office-1", "2", date(2026, 11, 23), date(2026, 11, 23))
    body = aggregates[0].to_json_bytes().decode()
    for value in [
        *ANSWERS.values(),
        *CONTACT.values(),
        *WRONG.values(),
        str(session.submission_id),
    ]:
        assert value not in dumped, value
        assert value not in body, value
    assert aggregates[0].procedures[0].submitted == 1
    store.close()


def test_leaving_at_the_review_is_an_abandonment_at_the_review(
    taxi: Procedure, clock: StepClock
) -> None:
    sink, usage, _ = _walked(taxi, clock)
    usage.abandoned("home")
    usage.abandoned("idle")  # the wipe after it: already ended, nothing more
    left = [(e.step_id, e.detail) for e in sink.events if e.kind == "abandoned"]
    assert left == [(REVIEW, "home")]
