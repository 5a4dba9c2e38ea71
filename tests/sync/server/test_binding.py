"""Everything a device sends or reads is its office's: two enrolled devices of two
offices, one of them trying what was measured against the old server."""

from __future__ import annotations

import hashlib

import httpx
from msgspec.structs import replace

from tests.support.memory_store import MemoryOutbox
from tests.sync.conftest import Platform
from tests.sync.factories import make_item, make_submission, write_attachment
from tests.sync.server.conftest import Enrolled, bearer, put


def test_a_body_speaking_for_another_office_device_or_clerk_is_refused_and_not_stored(
    platform: Platform, own_device: Enrolled, intruder: Enrolled
) -> None:
    forged = make_submission(
        office_id=own_device.office_id, device_id=own_device.device_id, clerk_id="clerk01"
    )
    response = put(platform, intruder.token, forged)
    assert response.status_code == 403
    assert response.json()["error"] == "claim_mismatch"
    assert set(response.json()["field_errors"]) == {"office_id", "device_id", "clerk_id"}
    assert platform.store.submission_count() == 0


def test_an_id_claimed_first_by_another_office_does_not_block_the_rightful_device(
    platform: Platform, outbox: MemoryOutbox, intruder: Enrolled
) -> None:
    """The id is printed in the receipt's QR: anyone who saw it can send it first."""
    rightful = make_submission()
    squat = make_submission(
        submission_id=rightful.submission_id, answers={"surname": "ΑΛΛΟΣ", "afm": "099999987"}
    )
    assert put(platform, intruder.token, squat).status_code == 200
    outbox.add(make_item(rightful))
    result = platform.engine(outbox).drain_once()
    assert result.accepted == (rightful.submission_id,) and not outbox.refused
    theirs = httpx.get(
        f"{platform.url}/v1/submissions/{rightful.submission_id}", headers=bearer(intruder.token)
    ).json()
    assert outbox.accepted[rightful.submission_id][0] != theirs["protocol_number"]


def test_an_acknowledgement_is_read_only_by_the_office_that_sent_it(
    platform: Platform, own_device: Enrolled, intruder: Enrolled
) -> None:
    submission = make_submission()
    assert put(platform, own_device.token, submission).status_code == 200
    url = f"{platform.url}/v1/submissions/{submission.submission_id}"
    assert httpx.get(url, headers=bearer(own_device.token)).status_code == 200
    refused = httpx.get(url, headers=bearer(intruder.token))
    assert refused.status_code == 404 and "protocol_number" not in refused.json()


def test_junk_bytes_with_a_false_length_by_another_office_do_not_squat_the_digest(
    platform: Platform, outbox: MemoryOutbox, intruder: Enrolled
) -> None:
    scan = write_attachment(outbox.attachment_dir, 50_000)
    squat = httpx.patch(
        f"{platform.url}/v1/attachments/{scan.sha256}",
        content=b"junk",
        headers={**bearer(intruder.token), "Upload-Offset": "0", "Upload-Length": "999"},
    )
    assert squat.status_code == 200 and squat.json()["offset"] == 4
    item = make_item(make_submission(attachments=[scan]))
    outbox.add(item)
    assert platform.engine(outbox).drain_once().accepted == (item.submission_id,)
    assert not outbox.refused


def test_another_office_cannot_learn_whether_a_digest_is_held(
    platform: Platform, outbox: MemoryOutbox, intruder: Enrolled
) -> None:
    scan = write_attachment(outbox.attachment_dir, 1_000)
    outbox.add(make_item(make_submission(attachments=[scan])))
    assert platform.engine(outbox).drain_once().ok
    url = f"{platform.url}/v1/attachments/{scan.sha256}"
    assert httpx.get(url, headers=bearer(platform.token)).json()["complete"] is True
    theirs = httpx.get(url, headers=bearer(intruder.token)).json()
    assert (theirs["complete"], theirs["offset"], theirs["size"]) == (False, 0, None)


def test_a_submission_citing_another_offices_upload_waits_for_its_own(
    platform: Platform, outbox: MemoryOutbox, intruder: Enrolled
) -> None:
    data = b"%PDF-1.7 the same scan in two offices"
    sha = hashlib.sha256(data).hexdigest()
    headers = {"Upload-Offset": "0", "Upload-Length": str(len(data))}
    url = f"{platform.url}/v1/attachments/{sha}"
    assert httpx.patch(url, content=data, headers={**bearer(intruder.token), **headers}).json()[
        "complete"
    ]
    scan = write_attachment(outbox.attachment_dir, 10)
    cited = make_submission(attachments=[replace(scan, sha256=sha)])
    response = put(platform, platform.token, cited)
    assert response.status_code == 424 and response.json()["missing"] == [sha]


def test_a_counter_names_only_a_clerk_who_signed_in_on_it_through_the_platform(
    platform: Platform,
) -> None:
    redeemed = platform.store.redeem_code(platform.store.create_enrolment_code("demo-office"))
    assert redeemed is not None
    token = redeemed[1]
    by_clerk = make_submission(channel="counter", clerk_id="clerk01")
    before = put(platform, token, by_clerk)
    assert before.status_code == 403 and set(before.json()["field_errors"]) == {"clerk_id"}
    signed_in = httpx.post(
        f"{platform.url}/v1/clerks/verify",
        json={"clerk_id": "clerk01", "password": "demo-pass-01"},
        headers=bearer(token),
    )
    assert signed_in.json()["verified"] is True
    assert put(platform, token, by_clerk).status_code == 200
    of_other_office = make_submission(channel="counter", clerk_id="clerk99")
    assert put(platform, token, of_other_office).status_code == 403


def test_the_engine_quarantines_a_mis_claimed_item_and_sends_the_rest(
    platform: Platform, outbox: MemoryOutbox, own_device: Enrolled
) -> None:
    """A device whose office setting is wrong: a 403 for one item must not stop the
    queue as a refused token does."""
    wrong = make_submission(office_id="office-elsewhere")
    right = make_submission(office_id=own_device.office_id, device_id=own_device.device_id)
    outbox.add(make_item(wrong))
    outbox.add(make_item(right))
    result = platform.engine(outbox).drain_once()
    assert result.accepted == (right.submission_id,)
    assert result.quarantined == (wrong.submission_id,)
    reason, fields = outbox.refused[wrong.submission_id]
    assert "403" in reason and fields == {"office_id": "not this device's office"}
