"""A draft handed from one device to another (parked at a kiosk, picked up at a
counter): the same application identity, its answers and its session state, as one
JSON document. The document is sealed by sync/parked.py before it leaves the device."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any
from uuid import UUID

from kiosk.store.drafts import Drafts
from kiosk.store.errors import StoreError, UnknownDraftError

FORMAT = "periferia.handoff/1"


def export_draft(drafts: Drafts, submission_id: UUID) -> bytes:
    record = drafts.get(submission_id)
    document = {
        "format": FORMAT,
        "submission_id": str(record.submission_id),
        "procedure_id": record.procedure_id,
        "procedure_version": record.procedure_version,
        "region_code": record.region_code,
        "channel": record.channel,
        "created_at": record.created_at.isoformat(),
        "answers": drafts.answers(submission_id),
    }
    return json.dumps(document, ensure_ascii=False).encode()


def import_draft(drafts: Drafts, payload: bytes, clerk_id: str | None = None) -> UUID:
    """The handed-over draft, now stored here; a draft already here is left as it is."""
    try:
        document: dict[str, Any] = json.loads(payload)
        if document.get("format") != FORMAT:
            raise ValueError(f"not a {FORMAT} document")
        submission_id = UUID(document["submission_id"])
        datetime.fromisoformat(document["created_at"])
        answers = dict(document["answers"])
    except (ValueError, KeyError, TypeError) as error:
        raise StoreError(f"the handed-over draft cannot be read: {error}") from error
    try:
        drafts.get(submission_id)
        return submission_id  # picked up before on this device: keep what is here
    except UnknownDraftError:
        pass
    drafts.create(
        str(document["procedure_id"]),
        str(document["procedure_version"]),
        str(document["region_code"]),
        "kiosk" if document.get("channel") == "kiosk" else "counter",
        clerk_id,
        submission_id=submission_id,
    )
    for field_id, value in answers.items():
        drafts.save_answer(submission_id, field_id, value)
    return submission_id
