"""A draft handed from a kiosk to a counter keeps its identity and answers; a damaged
hand-over is refused with a message and changes nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kiosk.store import Store, StoreError, open_store
from kiosk.store.handoff import export_draft, import_draft


def _kiosk_draft(store: Store) -> tuple[bytes, object]:
    draft = store.drafts.create("taxi-driver-licence", "1.0.0", "2", "kiosk")
    store.drafts.save_answer(draft.submission_id, "afm", "090000045")
    store.drafts.save_answer(draft.submission_id, "_session", {"current_id": "contact"})
    return export_draft(store.drafts, draft.submission_id), draft.submission_id


def test_a_handed_over_draft_keeps_its_identity_answers_and_place(
    store: Store, tmp_path: Path
) -> None:
    payload, sid = _kiosk_draft(store)
    counter = open_store(tmp_path / "counter" / "device.sqlite3")
    assert import_draft(counter.drafts, payload, clerk_id="clerk01") == sid
    record = counter.drafts.get(sid)  # type: ignore[arg-type]
    assert (record.procedure_id, record.channel, record.status) == (
        "taxi-driver-licence", "kiosk", "draft",
    )  # fmt: skip
    assert counter.drafts.answers(sid) == {  # type: ignore[arg-type]
        "afm": "090000045",
        "_session": {"current_id": "contact"},
    }
    counter.close()


def test_picking_up_twice_keeps_what_the_counter_has_since_typed(
    store: Store, tmp_path: Path
) -> None:
    payload, sid = _kiosk_draft(store)
    counter = open_store(tmp_path / "counter" / "device.sqlite3")
    import_draft(counter.drafts, payload)
    counter.drafts.save_answer(sid, "afm", "099999987")  # type: ignore[arg-type]
    assert import_draft(counter.drafts, payload) == sid
    assert counter.drafts.answers(sid)["afm"] == "099999987"  # type: ignore[arg-type]
    counter.close()


@pytest.mark.parametrize(
    "payload",
    [
        b"not json",
        json.dumps({"format": "something/else"}).encode(),
        json.dumps({"format": "periferia.handoff/1", "submission_id": "nope"}).encode(),
    ],
)
def test_a_damaged_hand_over_is_refused_and_nothing_is_stored(store: Store, payload: bytes) -> None:
    with pytest.raises(StoreError, match="cannot be read"):
        import_draft(store.drafts, payload)
    assert store.drafts.list() == []
