"""The office's applications beside the counter's own (kiosk.counter.day with the local
copy of kiosk.store.office_copy): each once, the newest copy kept, as of when it is true,
and a kiosk's receipt reprinted from the platform's copy."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from uuid import UUID

import pytest
from pypdf import PdfReader

from kiosk.catalog.loader import load_catalog, sample_catalog_dir
from kiosk.clerks import Clerk
from kiosk.counter import CounterDesk, read_day
from kiosk.office_applications import OfficeApplication, WaitingParked
from kiosk.status import Status
from kiosk.store import Store
from kiosk.texts import RefusedError
from tests.kiosk.counter.conftest import audit_rows, queued
from tests.kiosk.store.factories import submission_for

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
CLERK = Clerk("clerk01", "Υπάλληλος Ένα", verified_online=True)


def from_platform(
    seq: int,
    submission_id: UUID | None = None,
    *,
    status: str = "accepted",
    decision: str | None = None,
    attention: tuple[str, ...] = (),
    at: datetime = NOW - timedelta(hours=1),
) -> OfficeApplication:
    sid = submission_id or uuid.uuid4()
    return OfficeApplication(
        seq=seq,
        submission_id=sid,
        procedure_id="taxi-driver-licence",
        channel="kiosk",
        device_id="kiosk-1",
        status=status,
        protocol_number=f"2026/{seq:06d}",
        decision=decision,
        received_at=at,
        changed_at=at,
        attention=attention,
        submission=submission_for(sid, surname="ΚΙΟΣΚΙΟΥ", afm="099999999"),
    )


def test_the_day_shows_the_kiosks_applications_beside_its_own_each_once(store: Store) -> None:
    own = queued(store)
    kiosk = from_platform(1)
    mine_on_the_platform = from_platform(2, own)
    yesterday = from_platform(3, at=NOW - timedelta(days=1))
    store.office.apply([kiosk, mine_on_the_platform, yesterday], 3, [], NOW)

    day = read_day(store.drafts, store.outbox, datetime.now(UTC), office=store.office)
    assert day.office is not None
    ids = [item.submission_id for item in day.items]
    assert ids.count(own) == 1  # its own, from its own store (it knows more)
    today = read_day(store.drafts, store.outbox, NOW, office=store.office)
    kiosk_item = next(i for i in today.items if i.submission_id == kiosk.submission_id)
    assert (kiosk_item.source, kiosk_item.protocol_number) == ("office", "2026/000001")
    assert yesterday.submission_id not in [i.submission_id for i in today.items]


def test_a_copy_older_than_the_one_held_changes_nothing(store: Store) -> None:
    sid = uuid.uuid4()
    store.office.apply([from_platform(5, sid, status="decided", decision="approved")], 5)
    assert store.office.apply([from_platform(2, sid)], 2) == 0
    row = store.office.row(sid)
    assert row is not None and (row.status, row.decision) == ("decided", "approved")
    assert store.office.cursor() == 5


def test_the_copy_says_as_of_when_and_what_needs_someone(store: Store) -> None:
    assert store.office.fetched_at() is None
    refused = from_platform(1, decision="rejected", attention=("decision_refused",))
    parked = WaitingParked("abc", NOW - timedelta(minutes=30), NOW + timedelta(days=3))
    store.office.apply([refused], 1, [parked], NOW)
    day = read_day(store.drafts, store.outbox, NOW, office=store.office)
    assert day.office is not None and day.office.as_of == NOW
    assert [a.reasons for a in day.office.attention] == [("decision_refused",)]
    assert len(day.office.parked) == 1 and day.attention_count == 1
    refused_item = next(i for i in day.items if i.submission_id == refused.submission_id)
    assert refused_item.status is Status.DECIDED


def test_the_submission_is_sealed_at_rest(store: Store) -> None:
    store.office.apply([from_platform(1)], 1)
    body = store.db.execute("SELECT body FROM office_copy").fetchone()[0]
    assert b"KIOSKIOY" not in body and "ΚΙΟΣΚΙΟΥ".encode() not in body


def test_a_kiosk_s_receipt_is_reprinted_from_the_platform_s_copy(store: Store) -> None:
    desk = CounterDesk(store, load_catalog(sample_catalog_dir()).procedures)
    kiosk = from_platform(7)
    store.office.apply([kiosk], 7, [], NOW)
    reprinted = desk.reprint(kiosk.submission_id, CLERK, "el")
    assert reprinted.protocol_number == "2026/000007"
    text = "".join(page.extract_text() for page in PdfReader(_io(reprinted.pdf)).pages)
    assert "2026/000007" in text
    assert ("clerk01", "receipt.reprint", str(kiosk.submission_id), "office") in audit_rows(store)
    with pytest.raises(RefusedError) as refused:
        desk.reprint(uuid.uuid4(), CLERK, "el")
    assert refused.value.code == "counter.unknown_application"


def _io(data: bytes):  # type: ignore[no-untyped-def]
    import io

    return io.BytesIO(data)
