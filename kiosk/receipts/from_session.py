"""The receipt of a submission made through a filling session."""

from __future__ import annotations

from typing import Literal

from kiosk import regions
from kiosk.engine.evidence import acting_words
from kiosk.engine.session import FillingSession
from kiosk.receipts.data import FeeItem, FetchedItem, ReceiptData
from kiosk.submission import Submission


def fetched_items(session: FillingSession, locale: str) -> list[FetchedItem]:
    """The look-ups the person asked for: each made (or, for a document, to be made)."""
    found = []
    for evidence, state in session.evidence_items():
        if state.choice not in ("fetch", "fetched", "rejected") or (
            state.choice == "rejected" and state.fetched_at is None
        ):
            continue
        if state.choice == "fetch" and evidence.is_prefill:
            continue  # asked, never answered: nothing was fetched
        what, _, where = evidence.title.get(locale).partition(" — ")
        found.append(
            FetchedItem(
                registry=where or evidence.registry,
                evidence=what,
                when=state.fetched_at,
                on_behalf=acting_words(state.acting or session.acting).get(locale),
                used=state.choice != "rejected",
            )
        )
    return found


def receipt_for(
    session: FillingSession, submission: Submission, protocol_number: str | None, office_name: str
) -> ReceiptData:
    answers = session.submitted_answers()
    name = " ".join(str(answers[key]) for key in ("first_name", "surname") if answers.get(key))
    region = regions.regions().get(submission.region_code)
    payment = next((fee.payment_info for fee in session.procedure.fees if fee.payment_info), None)
    locale: Literal["el", "en"] = "en" if session.locale == "en" else "el"
    return ReceiptData(
        procedure_title=session.procedure.title.get(locale),
        procedure_id=session.procedure.id,
        region_name=f"ΠΕΡΙΦΕΡΕΙΑ {region.name_el}" if region else submission.region_code,
        office_name=office_name or session.procedure.authority.name.get(locale),
        submission_id=submission.submission_id,
        submitted_at=submission.finalised_at,
        protocol_number=protocol_number,
        applicant_name=name or None,
        documents_to_bring=[
            i.document.title.get(locale) for i in session.checklist() if i.status == "bring"
        ],
        fees=[
            FeeItem(
                line.label,
                line.amount,
                line.e_paravolo_code,
                line.payment_code,
                line.payment_status,
            )
            for line in submission.fees
        ],
        fetched=fetched_items(session, locale),
        payment_instructions=payment.get(locale) if payment else "",
        # The backend answers without a protocol number only when it queued the submission.
        queued_offline=protocol_number is None,
        locale=locale,
    )
