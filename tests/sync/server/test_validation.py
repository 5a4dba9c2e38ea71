"""The platform checks a submission against the catalog it serves and the official
codes, and answers 422 naming the fields, never echoing what was in them."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk.analytics.aggregate import build_daily
from kiosk.catalog.bundle import build_bundle
from kiosk.catalog.loader import sample_catalog_dir
from sync.errors import RejectedError
from tests.sync.conftest import OFFICE, Platform
from tests.sync.factories import make_submission
from tests.sync.server.conftest import put, put_raw

GOOD_ANSWERS = {"surname": "ΔΟΚΙΜΑΣΤΙΚΟΣ", "afm": "099999999"}


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"procedure_id": "no-such-procedure"}, "procedure_id"),
        ({"procedure_version": "9.9.9"}, "procedure_id"),
        ({"region_code": "999"}, "region_code"),
        ({"regional_unit_code": "9999"}, "regional_unit_code"),
        ({"regional_unit_code": "0101"}, "regional_unit_code"),  # Drama is not in Region 9
        ({"answers": {**GOOD_ANSWERS, "afm": "123"}}, "afm"),
        ({"answers": {**GOOD_ANSWERS, "amka": "01010099991"}}, "amka"),
        ({"answers": {**GOOD_ANSWERS, "nationality": "martian"}}, "nationality"),
        ({"answers": {**GOOD_ANSWERS, "birth_date": "yesterday"}}, "birth_date"),
        ({"answers": {**GOOD_ANSWERS, "shoe_size": "44"}}, "shoe_size"),
    ],
)
def test_what_fails_a_semantic_check_gets_422_with_the_field_named(
    platform: Platform, changes: dict[str, object], field: str
) -> None:
    response = put(platform, platform.token, make_submission(**changes))
    assert response.status_code == 422, response.text
    assert field in response.json()["field_errors"]
    assert platform.store.submission_count() == 0


def test_field_errors_never_echo_the_values(platform: Platform) -> None:
    submission = make_submission(answers={"surname": "ΔΟΚΙΜΑΣΤΙΚΟΣ", "afm": "123456789"})
    response = put(platform, platform.token, submission)
    assert response.status_code == 422
    assert "123456789" not in response.text and "ΔΟΚΙΜΑΣΤΙΚΟΣ" not in response.text


FEE = {"fee_id": "paravolo", "label": "Παράβολο", "amount": "50.00"}


@pytest.mark.parametrize(
    ("fees", "field"),
    [
        ([{**FEE, "amount": "30.00"}], "fees.paravolo"),  # a cheaper amount of its choosing
        ([], "fees.paravolo"),  # the fee left out
        ([FEE, {**FEE, "fee_id": "discount"}], "fees.discount"),  # a fee the catalog lacks
        ([FEE, FEE], "fees"),
    ],
)
def test_fees_that_are_not_the_catalogs_for_the_answers_are_refused(
    platform: Platform, fees: list[dict[str, str]], field: str
) -> None:
    response = put(platform, platform.token, make_submission(fees=fees))
    assert response.status_code == 422, response.text
    assert field in response.json()["field_errors"]
    assert platform.store.submission_count() == 0


def test_a_fee_calculated_from_the_answers_is_recomputed_by_the_platform(
    platform: Platform,
) -> None:
    """The renewal costs 250 € after more than six months lapsed, else 50 €: a device
    that says 50 € for a lapsed licence is refused; the true amount is accepted."""
    lapsed = {**GOOD_ANSWERS, "lapsed_over_six_months": True}
    renewal = {"procedure_id": "taxi-driver-licence-renewal", "answers": lapsed}
    cheap = make_submission(**renewal, fees=[FEE])
    response = put(platform, platform.token, cheap)
    assert response.status_code == 422
    assert response.json()["field_errors"] == {
        "fees.paravolo": "not the catalog's amount for these answers"
    }
    due = make_submission(**renewal, fees=[{**FEE, "amount": "250.00"}])
    assert put(platform, platform.token, due).status_code == 200


@pytest.mark.parametrize("constant", [b"NaN", b"Infinity", b"-Infinity", b"1e400"])
def test_a_body_holding_a_non_finite_number_is_refused(platform: Platform, constant: bytes) -> None:
    submission = make_submission(answers={**GOOD_ANSWERS, "height": 1.5})
    body = submission.to_json_bytes().replace(b"1.5", constant)
    response = put_raw(platform, platform.token, str(submission.submission_id), body)
    assert response.status_code == 422
    assert response.json()["field_errors"] == {"answers.height": "not a finite number"}


def test_a_valid_submission_of_the_published_catalog_is_accepted(platform: Platform) -> None:
    platform.store.publish_catalog(build_bundle(sample_catalog_dir(), Ed25519PrivateKey.generate()))
    assert put(platform, platform.token, make_submission()).status_code == 200


def test_a_version_of_an_earlier_bundle_stays_sendable(platform: Platform, tmp_path: Path) -> None:
    """A draft started on version 1.0.0, sent after the catalog moved to 2.0.0."""
    key = Ed25519PrivateKey.generate()
    platform.store.publish_catalog(build_bundle(sample_catalog_dir(), key))
    newer = tmp_path / "catalog"
    shutil.copytree(sample_catalog_dir(), newer)
    definition = newer / "procedures" / "taxi-driver-licence.json"
    document = json.loads(definition.read_text(encoding="utf-8"))
    definition.write_text(json.dumps({**document, "version": "2.0.0"}), encoding="utf-8")
    platform.store.publish_catalog(build_bundle(newer, key))
    for version in ("1.0.0", "2.0.0"):
        response = put(platform, platform.token, make_submission(procedure_version=version))
        assert response.status_code == 200, version


def test_a_day_aggregate_for_an_unknown_region_is_refused(platform: Platform) -> None:
    aggregate = build_daily(OFFICE, "99", date(2026, 11, 23), [])
    with pytest.raises(RejectedError) as refused:
        platform.client().put_aggregate(OFFICE, date(2026, 11, 23), aggregate.to_json_bytes())
    assert refused.value.field_errors == {"region_code": "not a Region code"}
