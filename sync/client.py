"""PlatformClient: the whole protocol (docs/protocol.md) over one persistent
httpx.Client. The transport and the checking of every answer are in sync.transport; the
office's calls in sync.client_office, the calls made for a clerk or a citizen in
sync.client_people; the device's own calls (health, enrolment, submissions,
attachments, catalog, statuses) here.
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any
from uuid import UUID

import msgspec

from kiosk.catalog.untrusted import MAX_BUNDLE_BYTES
from kiosk.ports import AttachmentSource, StatusUpdate
from sync.client_office import OfficeCalls
from sync.client_people import PeopleCalls
from sync.errors import (
    CancelledError,
    RejectedError,
    TransientError,
)
from sync.protocol import (
    Acknowledgement,
    parse_iso,
)
from sync.transport import (
    SLOWEST_LINK_BYTES_PER_S,
)

if TYPE_CHECKING:
    import httpx


class Health(msgspec.Struct, frozen=True):
    server_time: datetime
    clock_skew: timedelta  # server clock minus this device's clock
    round_trip: float  # seconds


class UploadStatus(msgspec.Struct, frozen=True):
    sha256: str
    offset: int
    complete: bool


class CatalogFetch(msgspec.Struct, frozen=True):
    not_modified: bool
    etag: str | None
    bundle: bytes | None


class PlatformClient(OfficeCalls, PeopleCalls):
    """The whole protocol: the transport's plumbing (sync.transport), the office's calls
    (sync.client_office), the calls made for a person (sync.client_people) and, here, the
    device's own: health, enrolment, submissions, attachments, catalog and statuses."""

    # -- health and enrolment --------------------------------------------------------

    def health(self) -> Health:
        sent_at, started = self._clock(), time.monotonic()
        document = self._document(self._request("GET", "/health", auth=False))
        round_trip = time.monotonic() - started
        try:
            server_time = parse_iso(str(document["server_time"]))
        except (KeyError, ValueError) as error:
            raise TransientError("health: no valid server_time") from error
        if document.get("status") != "ok":
            raise TransientError(f"health: server says {document.get('status')!r}")
        midpoint = sent_at + timedelta(seconds=round_trip / 2)
        return Health(server_time, server_time - midpoint, round_trip)

    def redeem_enrolment_code(
        self, code: str, office_id: str | None = None
    ) -> tuple[str, str, str]:
        """Returns (device_id, token, office_id: the office the platform enrolled the
        device in). The token goes straight to the keyring. With `office_id` (the office
        file's), a code of another office is refused unspent (WrongOfficeError)."""
        body = {"code": code} | ({"office_id": office_id} if office_id else {})
        response = self._request("POST", "/enrolment", auth=False, json=body)
        document = self._document(response)
        token, device_id = document.get("token"), document.get("device_id")
        office = document.get("office_id")
        if not isinstance(token, str) or not token or not isinstance(device_id, str):
            raise TransientError("enrolment: malformed answer")
        if not isinstance(office, str) or not office:
            raise TransientError("enrolment: the answer names no office")
        return device_id, token, office

    def whoami(self) -> tuple[str, str]:
        """(device_id, office_id) the token speaks for; RevokedError once revoked."""
        document = self._document(self._request("GET", "/device"))
        device_id, office = document.get("device_id"), document.get("office_id")
        if not isinstance(device_id, str) or not isinstance(office, str):
            raise TransientError("device: malformed answer")
        return device_id, office

    # -- submissions -----------------------------------------------------------------

    def put_submission(self, submission_id: UUID, body: bytes) -> Acknowledgement:
        response = self._request(
            "PUT",
            f"/submissions/{submission_id}",
            content=body,
            headers={"Content-Type": "application/json"},
        )
        return self._acknowledgement(submission_id, self._document(response))

    @staticmethod
    def _acknowledgement(submission_id: UUID, document: dict[str, Any]) -> Acknowledgement:
        number, received = document.get("protocol_number"), document.get("received_at")
        if document.get("submission_id") != str(submission_id):
            raise TransientError(f"acknowledgement for another submission than {submission_id}")
        if not isinstance(number, str) or not number or not isinstance(received, str):
            raise TransientError(f"acknowledgement for {submission_id} is incomplete")
        try:
            return Acknowledgement(submission_id, number, parse_iso(received))
        except ValueError as error:
            raise TransientError(f"acknowledgement for {submission_id}: bad time") from error

    # -- attachments -----------------------------------------------------------------

    def attachment_status(self, sha256: str) -> UploadStatus:
        document = self._document(self._request("GET", f"/attachments/{sha256}"))
        return UploadStatus(sha256, int(document["offset"]), bool(document["complete"]))

    def upload_attachment(
        self, sha256: str, source: AttachmentSource, should_stop: Callable[[], bool] = lambda: False
    ) -> int:
        """Send what the server does not hold yet; returns the bytes sent this time.

        Resumes from the server's offset, so a dropped link costs at most the chunk in
        flight (and less: the server keeps the part of it that arrived). `source` is
        read from that offset (the store's reader decrypts in memory: no clear copy on
        disk); the caller opens and closes it."""
        size = source.seek(0, io.SEEK_END)
        status = self.attachment_status(sha256)
        offset, sent, stalled = status.offset, 0, 0
        if status.complete:
            return 0
        while stalled < 3:
            if should_stop():
                raise CancelledError(f"upload of {sha256[:12]} cancelled")
            source.seek(offset)
            chunk = source.read(self.chunk_size)
            response = self._request(
                "PATCH",
                f"/attachments/{sha256}",
                timeout=self._upload_timeout(len(chunk)),
                content=chunk,
                headers={
                    "Content-Type": "application/offset+octet-stream",
                    "Upload-Offset": str(offset),
                    "Upload-Length": str(size),
                },
            )
            document = self._document(response, expected=(200, 409))
            if response.status_code == 409 and document.get("error") != "offset_mismatch":
                raise RejectedError(f"attachment {sha256[:12]}: {document.get('error')}")
            if response.status_code == 200:
                sent += len(chunk)
                if document.get("complete"):
                    return sent
            new_offset = int(document["offset"])
            if response.status_code == 200 and new_offset == offset and not chunk:
                raise RejectedError(f"attachment {sha256[:12]}: file shorter than declared")
            stalled = stalled + 1 if new_offset == offset else 0
            offset = new_offset
        raise TransientError(f"attachment {sha256[:12]}: the server stopped taking bytes")

    def _upload_timeout(self, size: int) -> httpx.Timeout:
        import httpx

        limits = self._timeout.as_dict()
        limits["read"] = max(limits["read"] or 0.0, size / SLOWEST_LINK_BYTES_PER_S)
        return httpx.Timeout(**limits)

    # -- catalog and statuses -------------------------------------------------------

    def fetch_catalog(self, etag: str | None = None, limit: int = MAX_BUNDLE_BYTES) -> CatalogFetch:
        """The published bundle, or not_modified for a 304. The body is read as it
        arrives, unencoded, and no further than `limit` + 1 bytes: a larger one reaches
        the sink cut there, to be refused (and remembered) for its size, so a huge body
        is never held in memory. A zip is compressed already: gzip is not accepted (a
        gzip bomb would inflate before any limit could count it)."""
        import httpx

        headers = {"Accept": "application/octet-stream", "Accept-Encoding": "identity"}
        if etag:
            headers["If-None-Match"] = etag
        response = self._request("GET", "/catalog", headers=headers, stream=True)
        try:
            if response.status_code == 304:
                return CatalogFetch(True, etag, None)
            if response.status_code != 200 or response.headers.get("content-type", "").startswith(
                "text/html"
            ):
                response.read()
                self._document(response)  # raises the right error
                raise TransientError(f"catalog: unexpected HTTP {response.status_code}")
            if response.headers.get("content-type") != "application/octet-stream":
                raise TransientError("catalog: not a bundle")
            encoding = response.headers.get("content-encoding", "identity").lower()
            if encoding != "identity":
                raise TransientError(f"catalog: sent {encoding}-encoded, asked for identity")
            body = bytearray()
            for chunk in response.iter_raw():
                body += chunk
                if len(body) > limit:
                    break
            return CatalogFetch(False, response.headers.get("etag"), bytes(body[: limit + 1]))
        except httpx.TimeoutException as error:
            raise TransientError(f"catalog: timed out ({type(error).__name__})") from None
        except httpx.TransportError as error:
            raise TransientError(f"catalog: link failed ({type(error).__name__})") from None
        finally:
            response.close()

    def status_since(self, cursor: int, limit: int = 200) -> tuple[list[StatusUpdate], int]:
        response = self._request("GET", "/status", params={"cursor": cursor, "limit": limit})
        document = self._document(response)
        updates = [
            StatusUpdate(
                submission_id=UUID(str(event["submission_id"])),
                status=str(event["status"]),
                protocol_number=event.get("protocol_number"),
                decision=event.get("decision"),
                changed_at=parse_iso(str(event["changed_at"])),
            )
            for event in document["events"]
        ]
        return updates, int(document["cursor"])
