"""Submissions and attachments for the sync tests."""

from __future__ import annotations

import hashlib
import os
import uuid
from datetime import UTC, datetime
from pathlib import Path

from kiosk.ports import OutboxItem
from kiosk.submission import AttachmentRef, Submission


def make_submission(**changes: object) -> Submission:
    now = datetime(2026, 11, 22, 9, 30, tzinfo=UTC)
    values: dict[str, object] = {
        "submission_id": uuid.uuid4(),
        "procedure_id": "taxi-driver-licence",
        "procedure_version": "1.0.0",
        "region_code": "9",
        "channel": "kiosk",
        "created_at": now,
        "finalised_at": now,
        "answers": {"surname": "ΔΟΚΙΜΑΣΤΙΚΟΣ", "afm": "099999999"},
        # the catalog's fee for these answers: the platform checks it
        "fees": [{"fee_id": "paravolo", "label": "Παράβολο", "amount": "50.00"}],
    }
    values.update(changes)
    return Submission.from_data(values)


def make_item(submission: Submission | None = None) -> OutboxItem:
    submission = submission or make_submission()
    return OutboxItem(
        submission_id=submission.submission_id,
        body=submission.to_json_bytes(),
        attachments=tuple(submission.attachments),
    )


def write_attachment(folder: Path, size: int, name: str = "scan.pdf") -> AttachmentRef:
    """Random bytes stored under their sha256 in `folder` (as the outbox keeps them)."""
    data = os.urandom(size)
    sha = hashlib.sha256(data).hexdigest()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / sha).write_bytes(data)
    return AttachmentRef(sha256=sha, file_name=name, media_type="application/pdf", size=size)


def invalid_body(submission_id: uuid.UUID) -> bytes:
    """JSON that is not a valid submission: an unknown channel, no answers."""
    return (
        b'{"schema":"periferia.submission/1","submission_id":"%s","channel":"web"}'
        % str(submission_id).encode()
    )
