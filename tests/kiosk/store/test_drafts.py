from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.store import Store, UnknownDraftError, open_store
from tests.kiosk.store.factories import submission_for

AFM, AMKA, NAME = "090000045", "01017000009", "Παπαδοπούλου"


def test_a_draft_is_born_with_its_identity_and_keeps_every_answer(store: Store) -> None:
    draft = store.drafts.create("taxi-driver-licence", "1.0.0", "2", "kiosk")
    store.drafts.save_answer(draft.submission_id, "surname", NAME)
    store.drafts.save_answer(draft.submission_id, "vehicles", [{"plate": "ΝΒΧ-1234"}])
    store.drafts.save_answer(draft.submission_id, "surname", "Νικολάου")
    assert store.drafts.answers(draft.submission_id) == {
        "surname": "Νικολάου",
        "vehicles": [{"plate": "ΝΒΧ-1234"}],
    }
    assert store.drafts.get(draft.submission_id).status == "draft"


def test_answers_survive_closing_and_reopening(tmp_path: Path) -> None:
    path = tmp_path / "device.sqlite3"
    first = open_store(path)
    draft = first.drafts.create("taxi-driver-licence", "1.0.0", "2", "counter", clerk_id="clerk-7")
    first.drafts.save_answer(draft.submission_id, "afm", AFM)
    first.close()
    again = open_store(path)
    assert again.drafts.answers(draft.submission_id) == {"afm": AFM}
    assert again.drafts.get(draft.submission_id).clerk_id == "clerk-7"
    again.close()


def test_no_identifier_or_name_is_in_clear_in_the_database_or_its_wal(tmp_path: Path) -> None:
    path = tmp_path / "device.sqlite3"
    store = open_store(path)
    draft = store.drafts.create("taxi-driver-licence", "1.0.0", "2", "kiosk")
    for field, value in (("afm", AFM), ("amka", AMKA), ("surname", NAME)):
        store.drafts.save_answer(draft.submission_id, field, value)
    store.drafts.finalise(
        draft.submission_id, submission_for(draft.submission_id, afm=AFM, amka=AMKA, surname=NAME)
    )
    # Every file under the test's folders: database, its WAL, attachments, logs.
    raw = b"".join(p.read_bytes() for p in tmp_path.rglob("*") if p.is_file())
    assert any(p.name.endswith("-wal") for p in tmp_path.rglob("*"))
    for secret in (AFM, AMKA, NAME):
        assert secret.encode() not in raw
    store.close()


def test_clerk_lists_filter_by_day_procedure_and_status_without_decrypting(store: Store) -> None:
    first = store.drafts.create("taxi-driver-licence", "1.0.0", "2", "kiosk")
    store.drafts.create("animal-transporter-licence-type2", "1.0.0", "2", "counter")
    store.drafts.finalise(first.submission_id, submission_for(first.submission_id))
    today = first.created_at.date().isoformat()
    assert [d.submission_id for d in store.drafts.list(status="queued")] == [first.submission_id]
    assert len(store.drafts.list(day=today)) == 2
    assert [
        d.procedure_id for d in store.drafts.list(procedure_id="animal-transporter-licence-type2")
    ] == ["animal-transporter-licence-type2"]


def test_a_finalised_draft_takes_no_more_answers(store: Store) -> None:
    draft = store.drafts.create("taxi-driver-licence", "1.0.0", "2", "kiosk")
    store.drafts.finalise(draft.submission_id, submission_for(draft.submission_id))
    with pytest.raises(UnknownDraftError):
        store.drafts.save_answer(draft.submission_id, "afm", AFM)
