"""Enrolment binds a device to an office, and a device reads its office's applications
(sync/server/office.py), against the real server on 127.0.0.1."""

from __future__ import annotations

import base64
import json
import os
import uuid
from datetime import UTC, datetime, timedelta

import pytest

from kiosk.enrolment import read_enrolment
from sync.enrolment import enrol
from sync.errors import AuthError, RevokedError, WrongOfficeError
from sync.server import office
from tests.sync.conftest import OFFICE, Platform
from tests.sync.factories import make_submission


def _device(platform: Platform, office_id: str = OFFICE) -> str:
    redeemed = platform.store.redeem_code(platform.store.create_enrolment_code(office_id))
    assert redeemed is not None
    return redeemed[1]


def test_a_code_for_another_office_is_refused_unspent(platform: Platform) -> None:
    code = platform.store.create_enrolment_code("office-patra")
    with pytest.raises(WrongOfficeError) as refused:
        enrol(platform.url, code, office_id=OFFICE)
    assert refused.value.code_office == "office-patra"
    assert read_enrolment() is None
    enrol(platform.url, code, office_id="office-patra")  # not spent: the right device uses it
    recorded = read_enrolment()
    assert recorded is not None and recorded.office_id == "office-patra"


def test_enrol_records_the_office_the_platform_names(platform: Platform) -> None:
    enrol(platform.url, platform.store.create_enrolment_code("office-volos"))
    recorded = read_enrolment()
    assert recorded is not None
    assert (recorded.office_id, recorded.server_url) == ("office-volos", platform.url)


def test_a_revoked_device_is_told_so_and_a_revoked_code_enrols_nothing(platform: Platform) -> None:
    client = platform.client()
    device_id, office_id = client.whoami()
    assert office_id == OFFICE
    assert office.revoke_device(platform.store, device_id)
    with pytest.raises(RevokedError):
        client.whoami()
    submission = make_submission()
    with pytest.raises(RevokedError):
        client.put_submission(submission.submission_id, submission.to_json_bytes())
    assert not office.revoke_device(platform.store, "no-such-device")
    code = platform.store.create_enrolment_code(OFFICE)
    assert office.revoke_code(platform.store, code)
    with pytest.raises(AuthError):
        enrol(platform.url, code)
    rows = office.devices(platform.store, OFFICE)
    assert [row.revoked_at is not None for row in rows] == [True]


def test_the_office_sees_every_device_s_applications_and_no_other_office_s(
    platform: Platform,
) -> None:
    kiosk, counter = platform.client(), platform.client(token=_device(platform))
    elsewhere = platform.client(token=_device(platform, "office-patra"))
    from_kiosk = make_submission(documents=[{"document_id": "photo", "status": "bring"}])
    from_counter = make_submission(channel="counter")
    other = make_submission()
    kiosk.put_submission(from_kiosk.submission_id, from_kiosk.to_json_bytes())
    counter.put_submission(from_counter.submission_id, from_counter.to_json_bytes())
    elsewhere.put_submission(other.submission_id, other.to_json_bytes())

    page, cursor, more = counter.office_applications(OFFICE, 0, limit=1)
    assert more and [a.submission_id for a in page] == [from_kiosk.submission_id]
    rest, cursor, more = counter.office_applications(OFFICE, cursor)
    assert not more and [a.submission_id for a in rest] == [from_counter.submission_id]
    first = page[0]
    assert (first.channel, first.status, first.attention) == (
        "kiosk",
        "accepted",
        ("documents_to_bring",),
    )
    assert first.protocol_number and first.submission.answers == from_kiosk.answers

    platform.store.record_decision(str(from_kiosk.submission_id), "decided", "rejected", OFFICE)
    changed, _, _ = counter.office_applications(OFFICE, cursor)
    assert [(a.submission_id, a.decision) for a in changed] == [
        (from_kiosk.submission_id, "rejected")
    ]
    assert "decision_refused" in changed[0].attention
    with pytest.raises(AuthError):  # another office's list
        elsewhere.office_applications(OFFICE, 0)


def test_the_office_sees_its_waiting_parked_drafts_by_time_only(platform: Platform) -> None:
    kiosk, counter = platform.client(), platform.client(token=_device(platform))
    expires = (datetime.now(UTC) + timedelta(days=3)).isoformat()
    verifier = base64.urlsafe_b64encode(os.urandom(32)).rstrip(b"=").decode()
    sealed = base64.b64encode(b"sealed").decode()
    body = json.dumps({"blob": sealed, "verifier": verifier, "expires_at": expires}).encode()
    kiosk.put_parked("L" * 20, body)
    kiosk.put_parked("L" * 20, body)  # arrives twice: listed once
    parked = counter.office_parked(OFFICE)
    assert len(parked) == 1 and "L" * 20 not in str(parked)
    assert (
        platform.client(token=_device(platform, "office-patra")).office_parked("office-patra") == []
    )


def test_a_refused_draft_is_handed_to_one_counter_of_the_office_once(platform: Platform) -> None:
    kiosk = platform.client()
    counter, other_counter = (platform.client(token=_device(platform)) for _ in range(2))
    elsewhere = platform.client(token=_device(platform, "office-patra"))
    sid = uuid.uuid4()
    draft = json.dumps(
        {"format": "x", "submission_id": str(sid), "procedure_id": "taxi-driver-licence",
         "channel": "kiosk", "answers": {"afm": "1"}}
    ).encode()  # fmt: skip
    assert kiosk.report_refused(OFFICE, sid, draft, "HTTP 422", ["afm"]) == "waiting"
    assert kiosk.report_refused(OFFICE, sid, draft, "HTTP 422", ["afm"]) == "waiting"  # twice
    listed = counter.office_refused(OFFICE)
    assert [(r.submission_id, r.fields) for r in listed] == [(sid, ("afm",))]
    assert "answers" not in str(listed)  # the list carries no answers
    assert elsewhere.office_refused("office-patra") == []

    taken = counter.take_refused(OFFICE, sid)
    assert taken is not None and json.loads(taken.payload)["answers"] == {"afm": "1"}
    assert other_counter.take_refused(OFFICE, sid) is None  # once
    assert counter.office_refused(OFFICE) == []
    assert kiosk.report_refused(OFFICE, sid, draft, "HTTP 422", ["afm"]) == "taken"
