"""The platform's registry look-up answers only for a person (issue #16): a passer-by's
kiosk with its device token alone learns nothing, a citizen reaches only their own
records within what they approved, a clerk asks only after checking an identity
document, answers carry only what was asked and allowed, look-ups are rate-limited
before any work, and every one of them is logged without its identifier."""

from __future__ import annotations

import json
import sqlite3
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import msgspec
import pytest

from kiosk.submission import Submission
from sync.citizen import EvidenceScope
from sync.server import fixtures
from tests.sync.citizen_support import TAXI, citizen_grant, clerk_session
from tests.sync.conftest import OFFICE, Platform
from tests.sync.factories import make_submission
from tests.sync.server.conftest import Enrolled, bearer, put

SAMPLE_IDENTIFIERS = {
    "taxpayer": list(fixtures.TAXPAYERS),
    "identity": list(fixtures.IDENTITIES),
    "vehicle": list(fixtures.VEHICLES),
}
NAMES = {
    value
    for table in fixtures.REGISTRY_DATA.values()
    for r in table.values()
    for value in r.values()
}


def _body(identifier: str, attributes: list[str], sid: uuid.UUID, **more: Any) -> dict[str, Any]:
    purpose = {
        "submission_id": str(sid),
        "procedure_id": TAXI[0],
        "evidence_type": "taxpayer_identity",
    }
    return {"identifier": identifier, "attributes": attributes, "purpose": purpose, **more}


def _post(
    platform: Platform, registry: str, body: dict[str, Any], **headers: str
) -> httpx.Response:
    return httpx.post(
        f"{platform.url}/v1/registry/{registry}/lookup",
        json=body,
        headers={**bearer(platform.token), **headers},
    )


def _log(platform: Platform) -> list[dict[str, Any]]:
    listed: list[dict[str, Any]] = platform.client().registry_fetches(OFFICE)
    return listed


@pytest.mark.parametrize("registry", sorted(SAMPLE_IDENTIFIERS))
def test_a_passer_by_with_the_kiosks_device_token_alone_gets_403_and_no_name(
    platform: Platform, registry: str
) -> None:
    for identifier in SAMPLE_IDENTIFIERS[registry]:
        attributes = sorted(fixtures.RELEASABLE[registry])
        answer = _post(platform, registry, _body(identifier, attributes, uuid.uuid4()))
        assert answer.status_code == 403 and answer.json()["error"] == "grant_required"
        assert not any(name in answer.text for name in NAMES)
    assert {entry["outcome"] for entry in _log(platform)} == {"grant_required"}


def test_a_citizen_gets_only_the_attributes_asked_for_from_their_own_record(
    platform: Platform,
) -> None:
    sid = uuid.uuid4()
    grant = citizen_grant(platform.client(), platform.url, submission_id=sid)
    answer = _post(
        platform,
        "taxpayer",
        _body("099999999", ["surname"], sid),
        **{"X-Citizen-Grant": grant.grant},
    )
    assert answer.status_code == 200
    document = answer.json()
    assert document["record"] == {"surname": "ΔΟΚΙΜΑΣΤΙΚΟΣ"}  # not name, not tax_office
    assert document["found"] is True and uuid.UUID(document["fetch_id"])


def test_a_citizen_cannot_fetch_another_persons_record_or_outside_the_approved_scope(
    platform: Platform,
) -> None:
    sid = uuid.uuid4()
    grant = {
        "X-Citizen-Grant": citizen_grant(platform.client(), platform.url, submission_id=sid).grant
    }
    other = _post(platform, "taxpayer", _body("099999987", ["surname"], sid), **grant)
    unknown = _post(platform, "taxpayer", _body("099999975", ["surname"], sid), **grant)
    wider = _post(platform, "taxpayer", _body("099999999", ["tax_office"], sid), **grant)
    vehicle = _post(platform, "vehicle", _body("ΖΖΖ-0002", ["make"], sid), **grant)
    acting = _post(
        platform,
        "taxpayer",
        _body(
            "099999999",
            ["surname"],
            sid,
            on_behalf_of={"relation": "authorised", "document": "εξουσιοδότηση"},
        ),
        **grant,
    )
    assert [r.json()["error"] for r in (other, unknown, wider, vehicle, acting)] == [
        "not_your_record",
        "not_your_record",
        "outside_scope",
        "outside_scope",
        "representation_needs_clerk",
    ]
    assert all(r.status_code == 403 and "ΔΟΚΙΜΑΣΤΙΚΗ" not in r.text for r in (other, unknown))


def test_a_clerk_asks_only_with_a_session_and_an_identity_check(platform: Platform) -> None:
    session = clerk_session(platform)
    body = _body("ΖΖΖ-0002", ["make", "owner_afm"], uuid.uuid4())
    unchecked = _post(platform, "vehicle", body, **{"X-Clerk-Session": session})
    check = {"document_type": "id_card", "number_last4": "1234"}
    checked = _post(
        platform, "vehicle", body | {"identity_check": check}, **{"X-Clerk-Session": session}
    )
    platform.client().end_clerk_session(session)
    ended = _post(
        platform, "vehicle", body | {"identity_check": check}, **{"X-Clerk-Session": session}
    )
    assert unchecked.status_code == 403 and unchecked.json()["error"] == "identity_check_required"
    assert checked.status_code == 200
    assert checked.json()["record"] == {"make": "FAKE MOTORS", "owner_afm": "099999987"}
    assert ended.status_code == 403 and ended.json()["error"] == "invalid_session"


def test_a_clerk_look_up_is_held_to_the_procedures_binding(platform: Platform) -> None:
    session = {"X-Clerk-Session": clerk_session(platform)}
    check = {"document_type": "passport", "number_last4": "X123"}
    body = _body("099999999", ["tax_office"], uuid.uuid4(), identity_check=check)
    body["purpose"]["procedure_version"] = TAXI[1]  # the taxi licence binds surname and name
    answer = _post(platform, "taxpayer", body, **session)
    assert answer.status_code == 403 and answer.json()["error"] == "outside_scope"


def test_a_clerk_acting_for_a_represented_person_is_recorded_so(platform: Platform) -> None:
    session = {"X-Clerk-Session": clerk_session(platform)}
    body = _body(
        "099999987",
        ["surname"],
        uuid.uuid4(),
        identity_check={"document_type": "id_card", "number_last4": "9876"},
        on_behalf_of={"relation": "authorised", "document": "εξουσιοδότηση"},
    )
    assert _post(platform, "taxpayer", body, **session).status_code == 200
    entry = platform.client().registry_fetches("demo-office")[0]
    assert (entry["acting"], entry["clerk_id"], entry["identity_document"]) == (
        "clerk",
        "clerk01",
        "id_card",
    )
    assert entry["representation"] == {"relation": "authorised", "document": "εξουσιοδότηση"}


def test_look_ups_are_rate_limited_per_device_before_any_work(platform: Platform) -> None:
    platform.state.registry_limits = {"device": [("minute", timedelta(minutes=1), 3)]}
    answers = [
        _post(platform, "taxpayer", _body("099999999", ["surname"], uuid.uuid4())) for _ in range(5)
    ]
    assert [a.status_code for a in answers] == [403, 403, 403, 429, 429]
    assert answers[-1].json()["error"] == "rate_limited"
    assert 1 <= int(answers[-1].headers["Retry-After"]) <= 61
    platform.store.clock = lambda: datetime.now(UTC) + timedelta(minutes=2)
    assert (
        _post(platform, "taxpayer", _body("099999999", ["surname"], uuid.uuid4())).status_code
        == 403
    )


def test_look_ups_are_rate_limited_per_clerk_across_devices(platform: Platform) -> None:
    platform.state.registry_limits = {"clerk": [("day", timedelta(days=1), 2)]}
    check = {"document_type": "id_card", "number_last4": "1234"}
    statuses = []
    for _ in range(3):  # a new device each time: the clerk's own count still grows
        session = {"X-Clerk-Session": clerk_session(platform)}
        body = _body("099999999", ["surname"], uuid.uuid4(), identity_check=check)
        statuses.append(_post(platform, "taxpayer", body, **session).status_code)
    assert statuses == [200, 200, 429]


def test_every_look_up_is_logged_with_an_hmac_never_the_identifier(platform: Platform) -> None:
    sid = uuid.uuid4()
    grant = {
        "X-Citizen-Grant": citizen_grant(platform.client(), platform.url, submission_id=sid).grant
    }
    _post(platform, "taxpayer", _body("099999999", ["surname"], sid), **grant)
    _post(platform, "taxpayer", _body("099999987", ["surname"], sid), **grant)
    log = _log(platform)
    assert len(log) == 2 and {e["outcome"] for e in log} == {"answered", "not_your_record"}
    assert all(e["acting"] == "citizen_grant" and e["submission_id"] == str(sid) for e in log)
    assert "099999999" not in json.dumps(log)
    with sqlite3.connect(platform.db_path) as db:
        rows = db.execute("SELECT * FROM registry_fetches").fetchall()
        settings = db.execute("SELECT name FROM server_settings").fetchall()
    dumped = json.dumps(rows, ensure_ascii=False)
    assert "099999999" not in dumped and "099999987" not in dumped
    assert platform.store.onceonly.identifier_hmac("099999999") in dumped
    assert ("registry_fetch_hmac_key",) in settings


def test_the_log_is_the_offices_own(platform: Platform, intruder: Enrolled) -> None:
    answer = httpx.get(
        f"{platform.url}/v1/offices/{OFFICE}/registry-fetches", headers=bearer(intruder.token)
    )
    assert answer.status_code == 403 and answer.json()["error"] == "wrong_office"


def _evidence(fetch_id: str | None, fetched_at: str | None) -> dict[str, Any]:
    return {
        "registry": "taxpayer",
        "evidence_type": "taxpayer_identity",
        "choice": "fetch",
        "fetch_id": fetch_id,
        "fetched_at": fetched_at,
        "on_behalf": {"kind": "citizen_grant", "clerk_id": None},
        "represented": None,
    }


def _with_evidence(submission: Submission, record: dict[str, Any]) -> Submission:
    return Submission.from_data({**msgspec.to_builtins(submission), "evidence": [record]})


def test_a_submission_names_only_fetches_logged_for_it(platform: Platform) -> None:
    submission = make_submission()
    sid = submission.submission_id
    grant = {
        "X-Citizen-Grant": citizen_grant(platform.client(), platform.url, submission_id=sid).grant
    }
    fetched = _post(platform, "taxpayer", _body("099999999", ["surname"], sid), **grant).json()
    made_up = _with_evidence(submission, _evidence(str(uuid.uuid4()), None))
    refused = put(platform, platform.token, made_up)
    assert refused.status_code == 422
    assert refused.json()["field_errors"] == {
        "evidence[0].fetch_id": "not a fetch logged for this application"
    }
    claimed = _evidence(fetched["fetch_id"], fetched["fetched_at"])
    by_a_clerk = _with_evidence(
        submission, claimed | {"on_behalf": {"kind": "clerk", "clerk_id": "clerk01"}}
    )
    refused = put(platform, platform.token, by_a_clerk)
    assert refused.status_code == 422
    assert refused.json()["field_errors"] == {
        "evidence[0].on_behalf": "not who the platform logged for this fetch"
    }
    honest = _with_evidence(submission, claimed)
    assert put(platform, platform.token, honest).status_code == 200


def test_a_fetch_still_pending_offline_does_not_hold_the_submission_up(
    platform: Platform,
) -> None:
    submission = _with_evidence(make_submission(), _evidence(None, None))
    assert put(platform, platform.token, submission).status_code == 200


def test_a_submission_from_before_once_only_records_stays_valid_and_keeps_its_bytes() -> None:
    submission = make_submission()
    assert b'"evidence"' not in submission.to_json_bytes()


def test_a_citizen_reaches_their_own_vehicle_and_identity_and_nobody_elses(
    platform: Platform,
) -> None:
    sid = uuid.uuid4()
    scope = (
        EvidenceScope("vehicle", "vehicle_record", ("make", "model")),
        EvidenceScope("identity", "identity_record", ("birth_date",)),
    )
    grant = citizen_grant(platform.client(), platform.url, submission_id=sid, scope=scope)
    header = {"X-Citizen-Grant": grant.grant}

    def ask(registry: str, identifier: str, attributes: list[str], kind: str) -> httpx.Response:
        body = _body(identifier, attributes, sid)
        body["purpose"]["evidence_type"] = kind
        return _post(platform, registry, body, **header)

    own_car = ask("vehicle", "zzz-0001", ["make", "model"], "vehicle_record")
    other_car = ask("vehicle", "ΖΖΖ-0002", ["make"], "vehicle_record")
    own_amka = ask("identity", "01010099990", ["birth_date"], "identity_record")
    other_amka = ask("identity", "15068899994", ["birth_date"], "identity_record")
    assert own_car.json()["record"] == {"make": "FAKE MOTORS", "model": "ΔΟΚΙΜΗ"}
    assert own_amka.json()["record"] == {"birth_date": "2000-01-01"}
    assert [r.json()["error"] for r in (other_car, other_amka)] == ["not_your_record"] * 2
    assert "1988" not in other_amka.text and "ΔΟΚΙΜΗ 2" not in other_car.text
