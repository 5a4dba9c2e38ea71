"""Retention reaches the scans: an application purged takes its documents with it, and
nothing a draft or an unsent submission still holds is ever deleted."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import msgspec
from msgspec.structs import replace

from kiosk.store import Store
from kiosk.submission import AttachmentRef
from tests.kiosk.store.factories import submission_for

LATER = datetime.now(UTC) + timedelta(days=31)


def _scan(store: Store, text: str) -> AttachmentRef:
    return store.attachments.put(f"{text} ΑΦΜ 090000045".encode() * 50, "id.pdf", "application/pdf")


def _draft_holding(store: Store, scan: AttachmentRef) -> str:
    draft = store.drafts.create("taxi-driver-licence", "1.0.0", "2", "counter")
    store.drafts.save_answer(
        draft.submission_id, "_session", {"documents": {"id_card": msgspec.to_builtins(scan)}}
    )
    return str(draft.submission_id)


def _files(tmp_path: Path) -> set[str]:
    return {path.name for path in (tmp_path / "attachments").iterdir()}


def test_an_accepted_application_s_scan_goes_with_its_answers_and_is_audited(
    store: Store, tmp_path: Path
) -> None:
    scan = _scan(store, "accepted")
    draft = store.drafts.create("taxi-driver-licence", "1.0.0", "2", "counter")
    sid = draft.submission_id
    store.drafts.save_answer(sid, "_session", {"documents": {"id": msgspec.to_builtins(scan)}})
    body = replace(submission_for(sid), attachments=[scan])
    store.drafts.finalise(sid, body)
    store.outbox.next_batch(1)
    store.outbox.mark_accepted(sid, "2026/7", datetime.now(UTC))
    report = store.purge(accepted_days=30, abandoned_kiosk_days=7, now=LATER)
    assert report.attachments_deleted == 1
    assert scan.sha256 not in _files(tmp_path)
    actions = [entry[2] for entry in store.audit.entries()]
    assert "purge.attachments" in actions


def test_scans_that_an_open_draft_or_an_unsent_submission_hold_stay(
    store: Store, tmp_path: Path
) -> None:
    in_draft = _scan(store, "open draft")
    _draft_holding(store, in_draft)
    in_outbox = _scan(store, "queued")
    queued = store.drafts.create("taxi-driver-licence", "1.0.0", "2", "counter")
    body = replace(submission_for(queued.submission_id), attachments=[in_outbox])
    store.drafts.finalise(queued.submission_id, body)  # queued, never sent: the link is down
    report = store.purge(accepted_days=30, abandoned_kiosk_days=7, now=LATER)
    assert report.attachments_deleted == 0
    assert {in_draft.sha256, in_outbox.sha256} <= _files(tmp_path)
    assert store.attachments.read(in_outbox.sha256).startswith(b"queued")


def test_a_scan_sealed_a_moment_ago_and_not_yet_attached_stays(
    store: Store, tmp_path: Path
) -> None:
    fresh = _scan(store, "being assembled")
    report = store.purge(accepted_days=30, abandoned_kiosk_days=7)
    assert report.attachments_deleted == 0 and fresh.sha256 in _files(tmp_path)


def test_an_abandoned_kiosk_draft_s_scan_goes_with_it(store: Store, tmp_path: Path) -> None:
    scan = _scan(store, "abandoned")
    draft = store.drafts.create("taxi-driver-licence", "1.0.0", "2", "kiosk")
    store.drafts.save_answer(
        draft.submission_id, "_session", {"documents": {"id": msgspec.to_builtins(scan)}}
    )
    report = store.purge(accepted_days=30, abandoned_kiosk_days=7, now=LATER)
    assert (report.abandoned_deleted, report.attachments_deleted) == (1, 1)
    assert scan.sha256 not in _files(tmp_path)


def test_nothing_is_deleted_when_a_draft_cannot_be_read(store: Store, tmp_path: Path) -> None:
    orphan = _scan(store, "orphan")
    sid = _draft_holding(store, _scan(store, "held"))
    with store.db.conn:  # a damaged row: its holder cannot be known
        store.db.execute(
            "UPDATE answers SET value = ? WHERE submission_id = ?", (b"\x00" * 40, sid)
        )
    report = store.purge(accepted_days=30, abandoned_kiosk_days=7, now=LATER)
    assert report.attachments_deleted == 0 and orphan.sha256 in _files(tmp_path)
