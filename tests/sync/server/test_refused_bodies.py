"""A body that is not a valid record is refused with 422 and the documented shape
(`error`, `message`, `field_errors`: field -> message), every field at fault named, and
nothing of what was sent echoed back (docs/protocol.md, sync/server/limits.py)."""

from __future__ import annotations

import json

import httpx

from tests.sync.conftest import OFFICE, Platform
from tests.sync.factories import make_submission
from tests.sync.server.conftest import bearer, put_raw

NAME = "ΠΑΠΑΔΟΠΟΥΛΟΣ"


def test_a_submission_with_several_problems_names_each_and_echoes_none(
    platform: Platform,
) -> None:
    submission = make_submission(answers={"surname": NAME})
    document = json.loads(submission.to_json_bytes())
    document |= {"channel": NAME, "locale": "fr", "nickname": NAME}
    del document["procedure_version"]
    body = json.dumps(document, ensure_ascii=False).encode()
    answer = put_raw(platform, platform.token, str(submission.submission_id), body)
    assert answer.status_code == 422
    refused = answer.json()
    assert (refused["error"], refused["message"]) == (
        "invalid_submission",
        "the submission is invalid",
    )
    assert refused["field_errors"] == {
        "procedure_version": "Field required",
        "channel": "Input should be 'kiosk' or 'counter'",
        "locale": "Input should be 'el' or 'en'",
        "nickname": "Extra inputs are not permitted",
    }
    assert NAME not in answer.text and "Traceback" not in answer.text


def test_a_heartbeat_and_an_aggregate_out_of_bounds_are_refused_field_by_field(
    platform: Platform,
) -> None:
    headers = {**bearer(platform.token), "Content-Type": "application/json"}
    beat = {"mode": "kiosk", "region_code": "9", "app_version": "x" * 41, "outbox_depth": -1}
    answer = httpx.put(f"{platform.url}/v1/devices/me/heartbeat", json=beat, headers=headers)
    assert answer.status_code == 422
    assert answer.json()["field_errors"] == {
        "app_version": "String should have at most 40 characters",
        "outbox_depth": "Input should be greater than or equal to 0",
        "quarantined": "Field required",
        "sent_at": "Field required",
    }
    day = {"office_id": OFFICE, "region_code": "9", "day": "2026-11-22", "procedures": [{}]}
    answer = httpx.put(
        f"{platform.url}/v1/aggregates/{OFFICE}/2026-11-22", json=day, headers=headers
    )
    assert answer.status_code == 422
    assert set(answer.json()["field_errors"]) == {
        "procedures.0.procedure_id",
        "procedures.0.channel",
        "procedures.0.started_by_hour",
    }


def test_a_lone_surrogate_escape_is_refused_as_json_not_a_server_error(platform: Platform) -> None:
    """Python's json takes "\\ud800", msgspec's parser does not (nor did pydantic's): 422."""
    submission = make_submission(answers={"surname": "099999999"})
    body = submission.to_json_bytes().replace(b"099999999", b"\\ud800")
    answer = put_raw(platform, platform.token, str(submission.submission_id), body)
    assert answer.status_code == 422, answer.text
    assert list(answer.json()["field_errors"]) == ["body"]
    assert answer.json()["field_errors"]["body"].startswith("Invalid JSON")


def test_a_digest_with_a_final_line_break_is_refused_before_it_can_name_a_file(
    platform: Platform,
) -> None:
    submission = make_submission()
    document = json.loads(submission.to_json_bytes())
    scan = {"sha256": "ab" * 32 + "\n", "file_name": "scan.pdf", "media_type": "application/pdf"}
    document["attachments"] = [scan | {"size": 1}]
    body = json.dumps(document).encode()
    answer = put_raw(platform, platform.token, str(submission.submission_id), body)
    assert answer.status_code == 422, answer.text
    assert list(answer.json()["field_errors"]) == ["attachments.0.sha256"]
