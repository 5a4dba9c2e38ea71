"""e-παράβολο codes against the reference server: checked (paid, the fee's amount, not
used elsewhere), bound to one application exactly once, also when two devices in two
processes try one code at the same moment; a code given offline is bound on arrival."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from decimal import Decimal
from pathlib import Path

import pytest
from msgspec.structs import replace

from kiosk.payments import PaymentCode
from kiosk.submission import FeeLine
from kiosk.texts import RefusedError
from sync.fees import PlatformFees
from sync.server.fees import disputes
from tests.support.memory_store import MemoryOutbox
from tests.sync.conftest import OFFICE, Platform, drain_until_empty
from tests.sync.factories import make_item, make_submission

PAID = "12345678901234567890"
FIFTY = Decimal("50.00")
ROOT = Path(__file__).resolve().parents[2]


def _refusal(call: object) -> RefusedError:
    assert callable(call)
    with pytest.raises(RefusedError) as refused:
        call()
    return refused.value


def test_a_paid_code_for_the_fee_checks_and_binds_once(platform: Platform) -> None:
    fees = PlatformFees(platform.client())
    application = uuid.uuid4()
    assert fees.check("paravolo", PAID, FIFTY, application).status == "pending"
    assert fees.bind("paravolo", PAID, FIFTY, application) == PaymentCode(
        "paravolo", PAID, "verified"
    )
    # Again for the same application (a lost answer resent): the same answer.
    assert fees.bind("paravolo", PAID, FIFTY, application).status == "verified"
    assert fees.check("paravolo", PAID, FIFTY, application).code == PAID
    other = _refusal(lambda: fees.bind("paravolo", PAID, FIFTY, uuid.uuid4()))
    assert other.code == "payments.code_bound"
    assert "issue and pay a new e-paravolo" in other.message("en")


def test_unpaid_unknown_and_wrong_amount_codes_say_what_to_do(platform: Platform) -> None:
    fees = PlatformFees(platform.client())
    unpaid = _refusal(lambda: fees.check("paravolo", "12345678901234567899", FIFTY, uuid.uuid4()))
    assert unpaid.code == "payments.unpaid" and "pay it" in unpaid.message("en")
    unknown = _refusal(lambda: fees.check("paravolo", "99999999999999999999", FIFTY, uuid.uuid4()))
    assert unknown.code == "payments.unknown_code"
    thirty = "12345678901234567893"
    wrong = _refusal(lambda: fees.bind("paravolo", thirty, FIFTY, uuid.uuid4()))
    assert wrong.code == "payments.wrong_amount" and "(50.00 €)" in wrong.message("en")
    rf = fees.check("paravolo", "RF110123456789012345678", FIFTY, uuid.uuid4())
    assert rf.status == "pending"


def test_one_code_tried_from_two_devices_binds_to_one_application(
    platform: Platform, tmp_path: Path
) -> None:
    store = platform.store
    second = store.redeem_code(store.create_enrolment_code(OFFICE))
    assert second is not None
    go = tmp_path / "go"
    devices = []
    for number, token in enumerate([platform.token, second[1]]):
        folder = tmp_path / f"device-{number}"
        folder.mkdir()
        environment = {
            **os.environ,
            "DEVICE_TOKEN": token,
            "HOME": str(folder),
            "XDG_DATA_HOME": str(folder),
            "PYTHONPATH": str(ROOT),
        }
        arguments = [platform.url, "12345678901234567891", str(uuid.uuid4()), str(go)]
        devices.append(
            subprocess.Popen(
                [sys.executable, "-m", "tests.sync.fee_device", *arguments],
                env=environment,
                stdout=subprocess.PIPE,
                cwd=ROOT,
            )
        )
    go.touch()
    outcomes = [json.loads(device.communicate(timeout=60)[0]) for device in devices]
    winners = [o for o in outcomes if o.get("status") == "verified"]
    losers = [o for o in outcomes if o.get("refused") == "payments.code_bound"]
    assert len(winners) == 1 and len(losers) == 1, outcomes
    assert "used for another application" in losers[0]["en"]


def test_a_code_given_offline_is_bound_when_the_application_arrives(
    platform: Platform, outbox: MemoryOutbox
) -> None:
    first, second = uuid.uuid4(), uuid.uuid4()
    line = FeeLine(fee_id="paravolo", label="Παράβολο", amount=FIFTY)
    pending = replace(line, payment_code="12345678901234567892", payment_status="pending")
    for submission_id in (first, second):
        submission = make_submission(submission_id=submission_id, fees=[pending])
        outbox.add(make_item(submission))
    drain_until_empty(platform.engine(outbox))
    fees = PlatformFees(platform.client())
    assert fees.check("paravolo", "12345678901234567892", FIFTY, first).status == "pending"
    # The second application came with the same code: it is in, the code is disputed.
    assert disputes(platform.store) == [("12345678901234567892", str(second), "code_bound")]


def test_a_device_saying_verified_does_not_make_an_unpaid_code_paid(
    platform: Platform, outbox: MemoryOutbox
) -> None:
    """The platform binds every code an application names on arrival: a device's
    "verified" is its word, not proof (a compromised device, or a state since changed)."""
    line = FeeLine(fee_id="paravolo", label="Παράβολο", amount=FIFTY)
    claimed = replace(line, payment_code="12345678901234567899", payment_status="verified")
    submission = make_submission(fees=[claimed])
    outbox.add(make_item(submission))
    drain_until_empty(platform.engine(outbox))
    assert disputes(platform.store) == [
        ("12345678901234567899", str(submission.submission_id), "unpaid")
    ]


def test_a_cheaper_code_bound_on_a_false_amount_is_disputed_when_the_application_arrives(
    platform: Platform, outbox: MemoryOutbox
) -> None:
    """A device binds a 30 € code for a 50 € fee by claiming 30 €; the application then
    has to carry the catalog's 50 € (else it is refused), and that code is disputed."""
    thirty = "12345678901234567893"
    application = uuid.uuid4()
    PlatformFees(platform.client()).bind("paravolo", thirty, Decimal("30.00"), application)
    line = FeeLine(fee_id="paravolo", label="Παράβολο", amount=FIFTY)
    claimed = replace(line, payment_code=thirty, payment_status="verified")
    outbox.add(make_item(make_submission(submission_id=application, fees=[claimed])))
    drain_until_empty(platform.engine(outbox))
    assert disputes(platform.store) == [(thirty, str(application), "wrong_amount")]
