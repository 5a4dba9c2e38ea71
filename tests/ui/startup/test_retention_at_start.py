"""Retention runs at every start, behind the first screen (the office file's days)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from msgspec.structs import replace

from kiosk.config import parse_office_config
from kiosk.office_file import read_office_file
from kiosk.store import open_store
from tests.kiosk.store.factories import submission_for
from tests.ui.cli.test_run_command import _config
from ui.startup.loading import load


def test_an_application_answered_long_ago_loses_its_answers_and_scan_when_the_app_starts(
    tmp_path: Path,
) -> None:
    office = read_office_file(_config(tmp_path, mode='"counter"'))
    config = parse_office_config(office.text, office.path)
    store = open_store()
    scan = store.attachments.put(b"scan of an identity card " * 40, "id.pdf", "application/pdf")
    draft = store.drafts.create("taxi-driver-licence", "1.0.0", "2", "counter")
    sid = draft.submission_id
    store.drafts.save_answer(sid, "surname", "ΔΟΚΙΜΑΣΤΙΚΟΣ")
    store.drafts.finalise(sid, replace(submission_for(sid), attachments=[scan]))
    store.outbox.next_batch(1)
    store.outbox.mark_accepted(sid, "2026/9", datetime.now(UTC))
    long_ago = (datetime.now(UTC) - timedelta(days=400)).isoformat()
    with store.db.conn:  # answered and scanned 400 days ago (the default keeps 90)
        store.db.execute("UPDATE drafts SET updated_at = ?", (long_ago,))
        store.db.execute("UPDATE attachments SET stored_at = ?", (long_ago,))
    store.close()

    loaded = load(office, config)
    try:
        assert loaded.store.drafts.answers(sid) == {}
        assert loaded.store.drafts.get(sid).protocol_number == "2026/9"  # the clerk's history
        assert loaded.store.db.execute("SELECT COUNT(*) FROM attachments").fetchone()[0] == 0
    finally:
        loaded.close()
