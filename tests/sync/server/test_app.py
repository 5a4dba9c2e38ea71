from __future__ import annotations

import uuid
from pathlib import Path

import httpx

from sync.protocol import PROTOCOL
from sync.server.store import ServerStore
from tests.sync.conftest import Platform
from tests.sync.factories import make_submission


def test_health_answers_without_a_token(platform: Platform) -> None:
    document = httpx.get(f"{platform.url}/v1/health").json()
    assert document["protocol"] == PROTOCOL and document["server_time"].endswith("Z")


def test_rejection_names_fields_but_never_echoes_answers(platform: Platform) -> None:
    sid = uuid.uuid4()
    body = make_submission(submission_id=sid).to_json_bytes().replace(b'"kiosk"', b'"web"')
    response = httpx.put(
        f"{platform.url}/v1/submissions/{sid}",
        content=body,
        headers={"Authorization": f"Bearer {platform.token}"},
    )
    assert response.status_code == 422
    assert "channel" in response.json()["field_errors"]
    assert "099999999" not in response.text and "ΔΟΚΙΜΑΣΤΙΚΟΣ" not in response.text


def test_protocol_numbers_keep_counting_after_a_restart(tmp_path: Path) -> None:
    store = ServerStore(tmp_path / "p.sqlite3")
    device, _ = store.redeem_code(store.create_enrolment_code()) or (None, "")
    assert device is not None
    a, b = str(uuid.uuid4()), str(uuid.uuid4())
    first = store.accept_submission(device, a, "sha-a", b"{}")
    store.close()
    reopened = ServerStore(tmp_path / "p.sqlite3")
    second = reopened.accept_submission(device, b, "sha-b", b"{}")
    assert first.protocol_number.endswith("/000001")
    assert second.protocol_number.endswith("/000002")
    assert reopened.acknowledgement(a) == first
    reopened.close()


def test_tokens_and_codes_are_stored_only_as_digests(tmp_path: Path) -> None:
    store = ServerStore(tmp_path / "p.sqlite3")
    code = store.create_enrolment_code()
    redeemed = store.redeem_code(code)
    assert redeemed is not None
    store.close()
    raw = b"".join(p.read_bytes() for p in tmp_path.glob("p.sqlite3*"))
    assert redeemed[1].encode() not in raw and code.encode() not in raw
