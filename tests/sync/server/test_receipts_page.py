"""The receipt on the citizen's phone, served by the reference server on 127.0.0.1:
the page of a synced submission shows its code, and everything else (not yet synced,
unknown, expired, hostile) gets one neutral 404 page that tells nothing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import httpx
from msgspec.structs import replace

from kiosk.receipts.phone import mint
from kiosk.submission import FeeLine
from tests.sync.conftest import Platform
from tests.sync.factories import make_submission
from tests.sync.server.conftest import Enrolled, put


def _get(platform: Platform, token: str) -> httpx.Response:
    return httpx.get(f"{platform.url}/v1/receipt/{token}")


def test_the_page_of_a_synced_submission_shows_its_code_masked_and_private(
    platform: Platform,
) -> None:
    receipt = mint()
    submission = make_submission(receipt_token_sha256=receipt.digest)
    assert put(platform, platform.token, submission).status_code == 200
    answer = _get(platform, receipt.token)
    assert answer.status_code == 200
    code = str(submission.submission_id)[:8].upper()
    assert code in answer.text and "Απόδειξη υποβολής" in answer.text
    assert "Submission receipt" in answer.text
    assert "099999999" not in answer.text and "•••" in answer.text  # the AFM masked
    assert "ΔΟΚΙΜΑΣΤΙΚΟΣ" not in answer.text and "Δ**********" in answer.text
    assert "@media print" in answer.text
    assert answer.headers["cache-control"] == "no-store"
    assert answer.headers["referrer-policy"] == "no-referrer"
    assert "noindex" in answer.headers["x-robots-tag"]
    assert "default-src 'none'" in answer.headers["content-security-policy"]


def test_the_page_says_the_fee_state_and_what_was_not_fetched(platform: Platform) -> None:
    receipt = mint()
    fee = FeeLine(fee_id="paravolo", label="Παράβολο", amount=Decimal("50.00"))
    submission = make_submission(receipt_token_sha256=receipt.digest, fees=[fee])
    assert put(platform, platform.token, submission).status_code == 200
    page = _get(platform, receipt.token).text
    assert "Παράβολο: 50.00 € — ο έλεγχος εκκρεμεί / check pending" in page
    assert "Αναζητήθηκαν από μητρώα" in page and "Κανένα" in page
    assert "Ειδική άδεια οδήγησης ταξί (ΕΔΧ)" in page  # the procedure by its name


def test_an_unknown_token_and_a_not_yet_synced_one_get_the_same_neutral_page(
    platform: Platform,
) -> None:
    queued = mint()  # minted on the kiosk; its submission has not reached the platform
    unknown = _get(platform, mint().token)
    not_yet = _get(platform, queued.token)
    assert unknown.status_code == not_yet.status_code == 404
    assert unknown.text == not_yet.text
    assert "Η απόδειξη δεν είναι ακόμη διαθέσιμη" in unknown.text
    same = {k: v for k, v in unknown.headers.items() if k != "date"}
    assert same == {k: v for k, v in not_yet.headers.items() if k != "date"}
    put(platform, platform.token, make_submission(receipt_token_sha256=queued.digest))
    assert _get(platform, queued.token).status_code == 200


def test_a_page_expires_thirty_days_after_the_platform_received_it_and_then_goes(
    platform: Platform,
) -> None:
    receipt = mint()
    put(platform, platform.token, make_submission(receipt_token_sha256=receipt.digest))
    platform.store.clock = lambda: datetime.now(UTC) + timedelta(days=29)
    assert _get(platform, receipt.token).status_code == 200
    platform.store.clock = lambda: datetime.now(UTC) + timedelta(days=31)
    expired = _get(platform, receipt.token)
    assert expired.status_code == 404
    assert expired.text == _get(platform, mint().token).text
    put(platform, platform.token, make_submission(receipt_token_sha256=mint().digest))
    assert platform.store.query("SELECT count(*) FROM receipt_pages") == [(1,)]  # purged


def test_another_device_cannot_attach_its_digest_to_a_submission_not_its_own(
    platform: Platform, own_device: Enrolled, intruder: Enrolled
) -> None:
    ours, theirs = mint(), mint()
    submission = make_submission(receipt_token_sha256=ours.digest)
    assert put(platform, own_device.token, submission).status_code == 200
    # The same id with another digest from a device of the same office: refused.
    second = platform.store.redeem_code(platform.store.create_enrolment_code(own_device.office_id))
    assert second is not None
    hijack = replace(submission, receipt_token_sha256=theirs.digest)
    assert put(platform, second[1], hijack).status_code == 409
    # From another office the id is that office's own application, never ours.
    put(platform, intruder.token, hijack)
    assert _get(platform, ours.token).status_code == 200
    page = _get(platform, theirs.token)  # the other office's own application
    assert intruder.office_id in page.text and own_device.office_id not in page.text
    assert own_device.office_id in _get(platform, ours.token).text


def test_hostile_tokens_get_the_neutral_page_never_an_error(platform: Platform) -> None:
    neutral = _get(platform, mint().token).text
    for token in (
        "A" * 5000,
        "Ω" * 40,
        "%00" * 30,
        "..%2F..%2Fplatform.sqlite3",
        "%2E%2E%2F%2E%2E%2Fv1%2Fhealth",
        "a/b/c/" + "x" * 40,
        "' OR 1=1 --" + "x" * 30,
        "<script>alert(1)</script>" + "x" * 30,
    ):
        answer = _get(platform, token)
        assert answer.status_code == 404, token
        assert answer.text == neutral, token


def test_guessing_tokens_from_one_address_locks_it_out(platform: Platform) -> None:
    receipt = mint()
    put(platform, platform.token, make_submission(receipt_token_sha256=receipt.digest))
    statuses = {_get(platform, mint().token).status_code for _ in range(60)}
    assert statuses == {404}
    locked = _get(platform, receipt.token)  # even a real token, from this address
    assert locked.status_code == 429
    assert "Η απόδειξη δεν είναι ακόμη διαθέσιμη" in locked.text
