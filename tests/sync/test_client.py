from __future__ import annotations

import hashlib
import uuid
from datetime import timedelta
from pathlib import Path

import pytest

from sync.client import PlatformClient
from sync.errors import AuthError, ConflictError, InsecureURLError, RejectedError, TransientError
from sync.server.faults import Fault
from sync.transport import retry_after_seconds
from tests.sync.conftest import OFFICE, Platform
from tests.sync.factories import invalid_body, make_submission


def test_resent_identical_submission_gets_the_same_protocol_number(platform: Platform) -> None:
    client = platform.client()
    submission = make_submission()
    first = client.put_submission(submission.submission_id, submission.to_json_bytes())
    again = client.put_submission(submission.submission_id, submission.to_json_bytes())
    assert again == first
    assert first.protocol_number.endswith("/000001")
    assert platform.store.submission_count() == 1


def test_different_body_under_a_known_id_is_a_conflict(platform: Platform) -> None:
    client = platform.client()
    submission = make_submission()
    client.put_submission(submission.submission_id, submission.to_json_bytes())
    changed = make_submission(
        submission_id=submission.submission_id, answers={"surname": "ΑΛΛΟΣ", "afm": "099999999"}
    )
    with pytest.raises(ConflictError):
        client.put_submission(submission.submission_id, changed.to_json_bytes())
    assert platform.store.submission_count() == 1


def test_invalid_submission_is_rejected_with_field_errors(platform: Platform) -> None:
    sid = uuid.uuid4()
    with pytest.raises(RejectedError) as rejected:
        platform.client().put_submission(sid, invalid_body(sid))
    assert "channel" in rejected.value.field_errors
    assert "procedure_id" in rejected.value.field_errors
    assert platform.store.submission_count() == 0


def test_submission_under_another_url_id_is_rejected(platform: Platform) -> None:
    submission = make_submission()
    with pytest.raises(RejectedError) as rejected:
        platform.client().put_submission(uuid.uuid4(), submission.to_json_bytes())
    assert rejected.value.field_errors == {"submission_id": "does not match the URL"}


def test_unknown_token_is_refused(platform: Platform) -> None:
    submission = make_submission()
    with pytest.raises(AuthError):
        platform.client(token="not-a-token").put_submission(
            submission.submission_id, submission.to_json_bytes()
        )


def test_captive_portal_page_is_not_an_acknowledgement(platform: Platform) -> None:
    platform.faults.add(Fault("captive", path_prefix="/v1/submissions"))
    submission = make_submission()
    with pytest.raises(TransientError, match="text/html"):
        platform.client().put_submission(submission.submission_id, submission.to_json_bytes())
    assert platform.store.submission_count() == 0


def test_health_reports_server_time_and_device_clock_skew(platform: Platform) -> None:
    from sync.protocol import now_utc

    client = platform.client(clock=lambda: now_utc() - timedelta(hours=2))
    health = client.health()
    assert timedelta(hours=1, minutes=59) < health.clock_skew < timedelta(hours=2, minutes=1)


def test_catalog_is_fetched_then_not_modified_by_etag(platform: Platform) -> None:
    client = platform.client()
    first = client.fetch_catalog()
    assert first.bundle == b"signed-bundle-v1" and first.etag
    assert client.fetch_catalog(first.etag).not_modified
    platform.store.publish_catalog(b"signed-bundle-v2")
    assert client.fetch_catalog(first.etag).bundle == b"signed-bundle-v2"


def test_status_is_pulled_by_cursor(platform: Platform) -> None:
    client = platform.client()
    submission = make_submission()
    client.put_submission(submission.submission_id, submission.to_json_bytes())
    updates, cursor = client.status_since(0)
    assert [u.status for u in updates] == ["accepted"]
    platform.store.record_decision(str(submission.submission_id), "decided", "approved")
    later, _ = client.status_since(cursor)
    assert [(u.status, u.decision) for u in later] == [("decided", "approved")]
    assert later[0].protocol_number == updates[0].protocol_number


def test_attachment_upload_resumes_from_the_server_offset(
    platform: Platform, tmp_path: Path
) -> None:
    data = bytes(range(256)) * 4096  # 1 MiB
    sha = hashlib.sha256(data).hexdigest()
    path = tmp_path / "scan.bin"
    path.write_bytes(data)
    client = platform.client(chunk_size=256 * 1024)
    platform.faults.add(
        Fault(
            "cut_request", method="PATCH", path_prefix="/v1/attachments", skip=1, after_bytes=1000
        )
    )
    with pytest.raises(TransientError), path.open("rb") as source:
        client.upload_attachment(sha, source)
    held = client.attachment_status(sha)
    assert held.offset == 256 * 1024 + 1000 and not held.complete
    with path.open("rb") as source:
        assert client.upload_attachment(sha, source) == len(data) - held.offset
    assert client.attachment_status(sha).complete
    assert platform.state.bytes_received == len(data)
    assert platform.store.final_path(OFFICE, sha).read_bytes() == data


def test_attachment_whose_bytes_do_not_match_the_digest_is_refused(
    platform: Platform, tmp_path: Path
) -> None:
    path = tmp_path / "scan.bin"
    path.write_bytes(b"not what the digest says")
    with pytest.raises(RejectedError, match="sha256_mismatch"), path.open("rb") as source:
        platform.client().upload_attachment("0" * 64, source)
    assert not platform.client().attachment_status("0" * 64).complete


def test_plain_http_to_a_network_host_is_refused() -> None:
    with pytest.raises(InsecureURLError):
        PlatformClient("http://platform.example.gr", lambda: "t")
    with pytest.raises(InsecureURLError):
        PlatformClient("ftp://127.0.0.1", lambda: "t")
    PlatformClient("https://platform.example.gr", lambda: "t").close()
    PlatformClient("http://localhost:8765", lambda: "t").close()


def test_https_client_verifies_certificates() -> None:
    client = PlatformClient("https://platform.example.gr", lambda: "t")
    try:
        pool = client._http._transport._pool  # type: ignore[attr-defined]
        assert pool._ssl_context.verify_mode.name == "CERT_REQUIRED"
        assert pool._ssl_context.check_hostname
    finally:
        client.close()


def test_retry_after_accepts_seconds_and_http_dates() -> None:
    assert retry_after_seconds("3") == 3.0
    assert retry_after_seconds(None) is None
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0
    assert retry_after_seconds("soon") is None


def test_unreachable_server_is_a_transient_error() -> None:
    from sync.serving import bind_socket

    sock = bind_socket()
    port = sock.getsockname()[1]
    sock.close()
    client = PlatformClient(f"http://127.0.0.1:{port}", lambda: "t", connect_timeout=1.0)
    with pytest.raises(TransientError, match="link failed"):
        client.health()
    client.close()


def test_the_answer_to_a_large_chunk_is_waited_for_as_long_as_it_takes_a_slow_link() -> None:
    client = PlatformClient("http://127.0.0.1:9", lambda: "t", timeout=15.0)
    assert client._upload_timeout(8 * 1024 * 1024).read == 128.0  # 8 MiB at 0.5 Mbit/s
    assert client._upload_timeout(64 * 1024).read == 15.0  # never below the usual timeout
    assert client._upload_timeout(8 * 1024 * 1024).connect == client._timeout.connect
