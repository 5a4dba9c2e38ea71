"""Builds the submission document from a finished session.

The answers are the visible ones only (kiosk.engine.session.submitted_answers); the
attachments are every file referenced by content hash: AttachmentRef values in
attachment fields (repeat items included) and the scans given for supporting
documents. The bytes travel separately (sync uploads them by hash)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

import msgspec

from kiosk.engine.session import FillingSession
from kiosk.engine.validation import Issue
from kiosk.payments import PaymentCode
from kiosk.submission import (
    AttachmentRef,
    Channel,
    DocumentState,
    EvidenceRecord,
    FeeLine,
    OnBehalf,
    Represented,
    Submission,
)


class NotReadyError(ValueError):
    """The session still has issues; `issues` says which and where."""

    def __init__(self, issues: list[Issue]) -> None:
        paths = ", ".join(issue.path for issue in issues[:5])
        super().__init__(f"{len(issues)} answers still need attention ({paths})")
        self.issues = issues


def _attachments_in(answers: Mapping[str, Any], prefix: str = "") -> Iterable[AttachmentRef]:
    for key, value in answers.items():
        if isinstance(value, Mapping) and "sha256" in value and "file_name" in value:
            yield AttachmentRef(
                sha256=value["sha256"],
                file_name=value["file_name"],
                media_type=value.get("media_type", "application/octet-stream"),
                size=int(value.get("size", 0)),
                field_id=prefix + key,
            )
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, Mapping):
                    yield from _attachments_in(item, f"{prefix}{key}[{index}].")


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
    require_ready: bool = True,
    payment_codes: Mapping[str, PaymentCode] | None = None,
) -> Submission:
    """The submission document. Refuses (NotReadyError) while any visible answer has an
    issue, unless `require_ready=False` (a clerk's record of an incomplete application).
    `attached_documents` (document id -> sha256) adds to the scans given in the session."""
    if require_ready and (issues := session.all_issues()):
        raise NotReadyError(issues)
    answers = session.submitted_answers()
    attachments: dict[str, AttachmentRef] = {}
    for ref in _attachments_in(answers):
        attachments.setdefault(ref.sha256, ref)
    given = {doc_id: ref.sha256 for doc_id, ref in session.documents.items()}
    given.update(attached_documents or {})
    checklist = session.checklist(given)
    for item in checklist:
        if item.status == "attached" and item.document_id in session.documents:
            scan = session.documents[item.document_id]
            attachments.setdefault(scan.sha256, scan)
    documents = [
        DocumentState(
            document_id=item.document_id,
            status=item.status,
            attachment_sha256=given.get(item.document_id) if item.status == "attached" else None,
        )
        for item in checklist
    ]
    built = Submission(
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
        attachments=sorted(attachments.values(), key=lambda ref: ref.sha256),
        once_only_checks=session.once_only_checks(),
        fees=[_with_code(line, (payment_codes or {}).get(line.fee_id)) for line in session.fees()],
        evidence=evidence_records(session),
    )
    # A Struct's constructor checks types, not limits and patterns: validate what is
    # sent here, as the platform will (msgspec.ValidationError, as pydantic raised).
    return msgspec.convert(msgspec.to_builtins(built), Submission)


def _with_code(line: FeeLine, payment: PaymentCode | None) -> FeeLine:
    if payment is None:
        return line
    return msgspec.structs.replace(line, payment_code=payment.code, payment_status=payment.status)


def evidence_records(session: FillingSession) -> list[EvidenceRecord]:
    """The person's choice for each piece of evidence and each fetch made (issue #16):
    registry, evidence type, the platform's fetch id and time, on whose behalf."""
    found = []
    for record in session.evidence_records():
        acting = record.acting
        represented = acting.represented if acting is not None else None
        found.append(
            EvidenceRecord(
                registry=record.registry,
                evidence_type=record.evidence_type,
                choice=record.choice,
                fetch_id=record.fetch_id,
                fetched_at=record.fetched_at,
                on_behalf=OnBehalf(kind=acting.kind, clerk_id=acting.clerk_id) if acting else None,
                represented=Represented(
                    relation=represented.relation, document=represented.document
                )
                if represented is not None
                else None,
            )
        )
    return found
