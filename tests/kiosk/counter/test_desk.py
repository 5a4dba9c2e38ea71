"""The counter's mutations are the core's: checked first, audited in the same
transaction, and each returns what changed."""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import UUID

import pytest

from kiosk.catalog.loader import load_catalog, sample_catalog_dir
from kiosk.clerks import Clerk
from kiosk.counter import CounterDesk
from kiosk.status import Status
from kiosk.store import Store
from kiosk.texts import RefusedError
from tests.kiosk.counter.conftest import audit_rows, queued

CLERK = Clerk("clerk01", "Υπάλληλος Ένα", verified_online=True)


@pytest.fixture
def desk(store: Store) -> CounterDesk:
    return CounterDesk(store, load_catalog(sample_catalog_dir()).procedures)


def _refused(store: Store, **answers: object) -> UUID:
    sid = queued(store, **answers)
    store.outbox.next_batch(5)
    store.outbox.mark_quarantined(sid, "invalid", {"afm": "check digit"})
    return sid


def test_correcting_reopens_the_refused_application_with_its_answers(
    store: Store, desk: CounterDesk
) -> None:
    sid = _refused(store, surname="Χ", afm="1")
    opened = desk.correct(sid, CLERK)
    assert opened.record.status is Status.DRAFT and opened.day_changed
    assert opened.answers == {"surname": "Χ", "afm": "1"}
    assert ("clerk01", "submission.reopen", str(sid), "") in audit_rows(store)


def test_correcting_what_was_not_refused_is_refused_and_changes_nothing(
    store: Store, desk: CounterDesk
) -> None:
    sid = queued(store)
    with pytest.raises(RefusedError) as refused:
        desk.correct(sid, CLERK)
    assert refused.value.code == "counter.not_refused"
    assert store.outbox.status_of(sid) is Status.QUEUED


def test_an_application_of_a_procedure_gone_from_the_catalog_is_not_reopened(
    store: Store,
) -> None:
    sid = _refused(store)
    desk = CounterDesk(store, {})  # the catalog no longer has the procedure
    with pytest.raises(RefusedError) as refused:
        desk.correct(sid, CLERK)
    assert refused.value.code == "counter.not_in_catalog"
    assert "taxi-driver-licence" in refused.value.message("el")
    assert store.outbox.status_of(sid) is Status.QUARANTINED  # still waiting, not half-open


def test_a_reprint_is_a_pdf_with_the_protocol_number_and_is_audited(
    store: Store, desk: CounterDesk
) -> None:
    sid = queued(store, surname="Χ")
    store.outbox.next_batch(5)
    store.outbox.mark_accepted(sid, "2026/000042", datetime.now(UTC))
    reprinted = desk.reprint(sid, CLERK, "el")
    assert reprinted.pdf.startswith(b"%PDF") and reprinted.protocol_number == "2026/000042"
    assert audit_rows(store)[-1] == ("clerk01", "receipt.reprint", str(sid), "")


def test_a_draft_has_no_receipt_to_reprint(store: Store, desk: CounterDesk) -> None:
    sid = store.drafts.create("taxi-driver-licence", "1.0.0", "2", "counter").submission_id
    with pytest.raises(RefusedError) as refused:
        desk.reprint(sid, CLERK, "en")
    assert refused.value.code == "counter.no_receipt_yet"
    assert [row[1] for row in audit_rows(store)] == ["draft.create"]


def test_sign_ins_are_recorded_without_the_password(store: Store, desk: CounterDesk) -> None:
    desk.sign_in_refused("  clerk01 " + "x" * 60, "wrong")
    desk.signed_in(CLERK)
    desk.signed_out(CLERK)
    rows = audit_rows(store)
    assert rows[0] == (("clerk01 " + "x" * 60)[:40], "clerk.sign_in_refused", "", "wrong")
    assert rows[1:] == [
        ("clerk01", "clerk.sign_in", "", "online"),
        ("clerk01", "clerk.sign_out", "", ""),
    ]
