from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from uuid import UUID

import pytest

from kiosk.store import Store, open_store
from tests.kiosk.store.factories import submission_for


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(tmp_path / "device.sqlite3")
    yield opened
    opened.close()


def draft_born_at(store: Store, at: datetime, procedure_id: str = "taxi-driver-licence") -> UUID:
    """A draft as if created at `at` (the store stamps the present: moved here by hand,
    day column included, as a draft born then would be)."""
    record = store.drafts.create(procedure_id, "1.0.0", "2", "counter")
    iso = at.isoformat()
    with store.db.conn:
        store.db.execute(
            "UPDATE drafts SET created_at = ?, updated_at = ?, day = ? WHERE submission_id = ?",
            (iso, iso, iso[:10], str(record.submission_id)),
        )
    return record.submission_id


def queued(store: Store, **answers: object) -> UUID:
    record = store.drafts.create("taxi-driver-licence", "1.0.0", "2", "counter")
    sid = record.submission_id
    for key, value in answers.items():
        store.drafts.save_answer(sid, key, value)
    store.drafts.finalise(sid, submission_for(sid, **answers))
    return sid


def audit_rows(store: Store) -> list[tuple[str, str, str, str]]:
    rows = store.db.execute("SELECT actor, action, subject, detail FROM audit ORDER BY id")
    return [tuple(row) for row in rows]
