"""Builds the submission document from a finished session."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

from kiosk.engine.session import FillingSession
from kiosk.submission import AttachmentRef, Channel, DocumentState, Submission


def _attachments_in(answers: Mapping[str, Any]) -> Iterable[tuple[str, Mapping[str, Any]]]:
    for key, value in answers.items():
        if isinstance(value, Mapping) and "sha256" in value and "file_name" in value:
            yield key, value
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, Mapping):
                    yield from _attachments_in(item)


def build_submission(
    session: FillingSession,
    *,
    channel: Channel,
    created_at: datetime,
    finalised_at: datetime | None = None,
    clerk_id: str | None = None,
    device_id: str | None = None,
    office_id: str | None = None,
    regional_unit_code: str | None = None,
    attached_documents: Mapping[str, str] | None = None,
) -> Submission:
    """`attached_documents` maps document id -> sha256 of the scan given for it."""
    answers = session.submitted_answers()
    attachments = {
        value["sha256"]: AttachmentRef(
            sha256=value["sha256"],
            file_name=value["file_name"],
            media_type=value.get("media_type", "application/octet-stream"),
            size=int(value.get("size", 0)),
            field_id=key,
        )
        for key, value in _attachments_in(answers)
    }
    documents = [
        DocumentState(
            document_id=item.document_id,
            status=item.status,
            attachment_sha256=(attached_documents or {}).get(item.document_id)
            if item.status == "attached"
            else None,
        )
        for item in session.checklist(attached_documents)
    ]
    return Submission(
        submission_id=session.submission_id,
        procedure_id=session.procedure.id,
        procedure_version=session.procedure.version,
        region_code=session.region_code,
        regional_unit_code=regional_unit_code,
        office_id=office_id,
        channel=channel,
        clerk_id=clerk_id,
        device_id=device_id,
        locale="en" if session.locale == "en" else "el",
        created_at=created_at,
        finalised_at=finalised_at or datetime.now(UTC),
        answers=answers,
        documents=documents,
        attachments=list(attachments.values()),
        once_only_checks=session.once_only_checks(),
        fees=session.fees(),
    )
