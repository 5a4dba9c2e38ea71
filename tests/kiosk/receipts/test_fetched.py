"""The receipt lists what was fetched from registries at the applicant's request:
which registry, what, when and on whose behalf, never the values (Estonia's Data
Tracker is the model); a rejected fetch is listed as not used."""

from __future__ import annotations

import io
import uuid
from datetime import UTC, date, datetime

from pypdf import PdfReader

from kiosk.engine.evidence import Acting
from kiosk.engine.session import FillingSession
from kiosk.engine.submission_builder import build_submission
from kiosk.ports import LookupPurpose, RegistryRecord
from kiosk.receipts import render_receipt
from kiosk.receipts.from_session import receipt_for
from tests.kiosk.engine.procedures import transporter_licence

FETCHED_AT = datetime(2026, 12, 6, 8, 30, tzinfo=UTC)


class _Registry:
    def lookup(
        self, registry: str, identifier: str, purpose: LookupPurpose | None = None
    ) -> RegistryRecord | None:
        return RegistryRecord(registry, identifier, {"surname": "ΔΟΚΙΜΑΣΤΙΚΗ"}, "f-1", FETCHED_AT)


def _session(locale: str = "el") -> FillingSession:
    session = FillingSession(
        transporter_licence(), "2", uuid.uuid4(), today=date(2026, 11, 22), locale=locale,
        registry=_Registry(), acting=Acting(kind="citizen_grant"),
    )  # fmt: skip
    session.choose_evidence("prefill:afm", "fetch")
    session.choose_evidence("document:tax_clearance", "fetch")
    for key, value in {
        "applicant_type": "individual", "afm": "090000045", "first_issue": True,
        "vehicles": [{"plate": "ΝΒΧ-1234"}], "truthful": True,
    }.items():  # fmt: skip
        session.set_answer(key, value)
    return session


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_the_receipt_lists_each_fetch_with_registry_time_and_on_whose_behalf() -> None:
    session = _session()
    submission = build_submission(session, channel="kiosk", created_at=FETCHED_AT)
    receipt = receipt_for(session, submission, "2026/1", office_name="")
    name, document = receipt.fetched
    assert name.registry == "Φορολογικό Μητρώο (ΑΑΔΕ)" and name.when == FETCHED_AT
    assert name.on_behalf == "με τη σύνδεσή σας" and name.used
    assert document.when is None  # asked: the office fetches it
    text = _text(render_receipt(receipt, "a4"))
    assert "Στοιχεία που αναζητήθηκαν από μητρώα με αίτησή σας" in text
    assert "Φορολογικό Μητρώο (ΑΑΔΕ)" in text and "10:30" in text  # Athens time
    assert "θα το αναζητήσει η υπηρεσία" in text


def test_a_rejected_fetch_is_listed_as_not_used_and_english_reads_english() -> None:
    session = _session("en")
    session.reject_evidence("prefill:afm")
    session.set_answer("surname", "Παπαδοπούλου")  # typed instead
    submission = build_submission(session, channel="kiosk", created_at=FETCHED_AT)
    pdf = render_receipt(receipt_for(session, submission, None, ""), "thermal80")
    text = " ".join(_text(pdf).split())  # the roll wraps lines
    assert "Data fetched from registries at your request" in text
    assert "not used: you rejected it" in text


def test_without_any_fetch_the_receipt_says_nothing_was_looked_up() -> None:
    session = FillingSession(transporter_licence(), "2", uuid.uuid4())
    session.set_answer("afm", "090000045")
    submission = build_submission(
        session, channel="kiosk", created_at=FETCHED_AT, require_ready=False
    )
    receipt = receipt_for(session, submission, None, "")
    assert receipt.fetched == []
    assert "δεν αναζητήθηκε τίποτα" in _text(render_receipt(receipt, "a4"))
