"""What a device sends and the platform stores is the same, byte for byte, as before the
move from pydantic to msgspec: an office runs a mixed fleet while it updates. The files
in tests/sync/golden/ were written by the pydantic models (at 8b648fe); the new records
read them and write them back identically, so a digest, a re-send and an older device or
server all agree."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

from kiosk.analytics.aggregate import DailyAggregate
from kiosk.submission import Submission
from sync.heartbeat import Heartbeat
from sync.server.store import digest
from tests.sync.conftest import Platform
from tests.sync.server.conftest import bearer, put_raw

GOLDEN = Path(__file__).parent / "golden"


def golden(name: str) -> bytes:
    return (GOLDEN / name).read_bytes()


@pytest.mark.parametrize(
    "name", ["submission-full.json", "submission-minimal.json", "submission-accepted.json"]
)
def test_a_submission_written_by_the_previous_version_is_read_and_written_back_identically(
    name: str,
) -> None:
    old = golden(name)
    submission = Submission.from_json_bytes(old)
    assert submission.to_json_bytes() == old
    assert Submission.from_data(json.loads(old)).to_json_bytes() == old


def test_the_full_submission_keeps_its_decimals_times_and_absent_keys() -> None:
    submission = Submission.from_json_bytes(golden("submission-full.json"))
    assert [str(line.amount) for line in submission.fees] == ["30.00", "5", "0.50"]
    assert submission.evidence[0].fetched_at is not None
    assert submission.evidence[0].fetched_at.utcoffset() is not None
    minimal = golden("submission-minimal.json")
    assert b'"evidence"' not in minimal and b'"receipt_token_sha256"' not in minimal
    assert b'"created_at":"2026-11-22T09:30:00Z"' in minimal


@pytest.mark.parametrize("name", ["heartbeat-full.json", "heartbeat-minimal.json"])
def test_a_heartbeat_is_the_same_bytes_as_the_previous_version_sent(name: str) -> None:
    old = golden(name)
    assert Heartbeat.from_json_bytes(old).to_json_bytes() == old


def test_an_aggregate_is_the_same_canonical_bytes_and_digest_as_before() -> None:
    old = golden("aggregate.json")
    aggregate = DailyAggregate.from_json_bytes(old)
    assert aggregate.to_json_bytes() == old
    assert DailyAggregate.from_data(json.loads(old)) == aggregate
    assert aggregate.procedures[0].step_seconds["personal"][135] == 1  # int buckets again


def test_a_body_from_a_device_on_the_previous_version_is_accepted_and_its_resend_too(
    platform: Platform,
) -> None:
    old = golden("submission-accepted.json")
    sid = str(Submission.from_json_bytes(old).submission_id)
    first = put_raw(platform, platform.token, sid, old)
    assert first.status_code == 200, first.text
    again = put_raw(platform, platform.token, sid, old)  # the same digest: the same answer
    assert again.json()["protocol_number"] == first.json()["protocol_number"]
    assert digest(Submission.from_json_bytes(old).to_json_bytes()) == digest(old)


def test_a_heartbeat_from_a_device_on_the_previous_version_is_accepted(
    platform: Platform,
) -> None:
    answer = httpx.put(
        f"{platform.url}/v1/devices/me/heartbeat",
        content=golden("heartbeat-full.json"),
        headers={**bearer(platform.token), "Content-Type": "application/json"},
    )
    assert answer.status_code == 200, answer.text


def test_the_published_schema_still_requires_what_the_previous_one_did() -> None:
    """A server that checks bodies against the published schema of the previous version
    and one that checks against the new one agree on what a submission must have."""
    old = json.loads(golden("submission.schema.pydantic.json"))
    from kiosk.submission import submission_json_schema

    new = submission_json_schema()
    assert new["required"] == old["required"]
    assert set(new["properties"]) == set(old["properties"])
    assert new["additionalProperties"] is False
    for name, definition in old["$defs"].items():
        assert set(new["$defs"][name]["properties"]) == set(definition["properties"]), name
        assert new["$defs"][name].get("required", []) == definition.get("required", []), name
