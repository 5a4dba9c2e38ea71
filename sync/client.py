"""PlatformClient: the protocol over one persistent httpx.Client.

One client per process, created once and reused (a new one costs ~24 ms of TLS setup,
STACK-NOTES); it is thread-safe for the network lane. Every answer is checked: success
is only a well-formed protocol document (`"protocol": "periferia/1"`, JSON, matching
ids). Everything else becomes a SyncError subclass that tells the engine what to do.
The device token is read from `token_provider` per request and never logged or put in
an exception message.
"""

from __future__ import annotations

import base64
import functools
import io
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any
from uuid import UUID

import httpx
from pydantic import ValidationError

from kiosk.analytics.aggregate import DailyAggregate
from kiosk.catalog.untrusted import MAX_BUNDLE_BYTES
from kiosk.config import is_loopback
from kiosk.office_applications import (
    OfficeApplication,
    RefusedElsewhere,
    TakenDraft,
    WaitingParked,
)
from kiosk.ports import AttachmentSource, StatusUpdate
from sync.citizen import (
    GRANT_HEADER,
    SESSION_HEADER,
    TOKEN_ERRORS,
    CitizenGrant,
    ClerkSession,
    DeviceAuthorization,
    EvidenceScope,
    IdentityCheck,
    LookupPurpose,
    LookupRefusedError,
    RegistryAnswer,
    Representation,
    TokenPoll,
)
from sync.errors import (
    AuthError,
    CancelledError,
    ConflictError,
    RejectedError,
    RevokedError,
    TransientError,
    WrongOfficeError,
)
from sync.heartbeat import Heartbeat
from sync.protocol import (
    PREFIX,
    Acknowledgement,
    ProtocolViolationError,
    aggregate_path,
    now_utc,
    parse_document,
    parse_iso,
)
from sync.security import checked_base_url, tls_context

TokenProvider = Callable[[], str | None]
DEFAULT_CHUNK = 8 * 1024 * 1024
# The slowest link a chunk's answer is waited for: 0.5 Mbit/s. The answer to a PATCH
# comes once the whole chunk has crossed, and the OS takes it all into its send
# buffers at once, so on rural 3G (1 Mbit/s shared by a few uploads) the 15 s read
# timeout ran out while the chunk was still on its way (benchmarks/links.py).
SLOWEST_LINK_BYTES_PER_S = 64 * 1024
_RETRYABLE = {408, 424, 425, 429, 500, 502, 503, 504}
# 403s that refuse one item (a body claiming another office, device or clerk): the
# outbox quarantines it and sends the rest; any other 403 stops the drain.
_ITEM_REFUSALS = {"claim_mismatch"}


@dataclass(frozen=True)
class AggregateReceipt:
    office_id: str
    day: date
    revision: int  # the platform's; the same body again keeps it
    received_at: datetime


@dataclass(frozen=True)
class Health:
    server_time: datetime
    clock_skew: timedelta  # server clock minus this device's clock
    round_trip: float  # seconds


@dataclass(frozen=True)
class UploadStatus:
    sha256: str
    offset: int
    complete: bool


@dataclass(frozen=True)
class ParkedOpening:
    outcome: str  # opened, unknown, wrong_pin, locked, expired, picked_up
    blob: bytes | None = None
    attempts_left: int = 0


@dataclass(frozen=True)
class CatalogFetch:
    not_modified: bool
    etag: str | None
    bundle: bytes | None


def retry_after_seconds(value: str | None, clock: Callable[[], datetime] = now_utc) -> float | None:
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        return max(0.0, (parsedate_to_datetime(value) - clock()).total_seconds())
    except (TypeError, ValueError):
        return None


class PlatformClient:
    def __init__(
        self,
        base_url: str,
        token_provider: TokenProvider,
        *,
        timeout: float = 15.0,
        connect_timeout: float = 5.0,
        ca_bundle: Path | None = None,
        chunk_size: int = DEFAULT_CHUNK,
        clock: Callable[[], datetime] = now_utc,
    ) -> None:
        url = checked_base_url(base_url)
        self._token_provider = token_provider
        self._clock = clock
        self.chunk_size = chunk_size
        self._url, self._ca_bundle = url, ca_bundle
        self._timeout = httpx.Timeout(timeout, connect=connect_timeout)

    @functools.cached_property
    def _http(self) -> httpx.Client:
        # Made on first use: its TLS context loads the CA store (tens of ms per client),
        # which a device's start-up should not wait for. Each client has one user thread.
        url = self._url
        verify = (
            True if is_loopback(url.host) and url.scheme == "http" else tls_context(self._ca_bundle)
        )
        return httpx.Client(
            base_url=str(url).rstrip("/") + PREFIX,
            timeout=self._timeout,
            verify=verify,
            headers={"User-Agent": "periferia-kiosk", "Accept": "application/json"},
            follow_redirects=False,  # a redirect is a portal or a misconfiguration
        )

    @property
    def base_url(self) -> str:
        base = str(self._url).rstrip("/") + PREFIX
        return base if base.endswith("/") else base + "/"  # as httpx.Client shows it

    def close(self) -> None:
        if "_http" in self.__dict__:  # never made, nothing to close
            self._http.close()

    def __enter__(self) -> PlatformClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- plumbing --------------------------------------------------------------------

    def _request(
        self, method: str, path: str, *, auth: bool = True, **kwargs: Any
    ) -> httpx.Response:
        headers: dict[str, str] = kwargs.pop("headers", {})
        if auth:
            token = self._token_provider()
            if not token:
                raise AuthError("this device is not enrolled (no token in the keyring)")
            headers["Authorization"] = f"Bearer {token}"
        stream = bool(kwargs.pop("stream", False))  # the caller reads and closes it
        try:
            if stream:
                request = self._http.build_request(method, path, headers=headers, **kwargs)
                return self._http.send(request, stream=True)
            return self._http.request(method, path, headers=headers, **kwargs)
        except httpx.TimeoutException as error:
            raise TransientError(f"{method} {path}: timed out ({type(error).__name__})") from None
        except httpx.TransportError as error:
            raise TransientError(f"{method} {path}: link failed ({type(error).__name__})") from None

    def _document(
        self, response: httpx.Response, expected: tuple[int, ...] = (200,)
    ) -> dict[str, Any]:
        where = f"{response.request.method} {response.request.url.path}"
        try:
            document = parse_document(response.headers.get("content-type"), response.content)
        except ProtocolViolationError as error:
            retry = retry_after_seconds(response.headers.get("retry-after"), self._clock)
            raise TransientError(f"{where}: HTTP {response.status_code}, {error}", retry) from None
        status = response.status_code
        if status in expected:
            return document
        message = f"{where}: HTTP {status} {document.get('error', '')}".rstrip()
        if status in _RETRYABLE:
            retry = retry_after_seconds(response.headers.get("retry-after"), self._clock)
            raise TransientError(message, retry)
        fields = document.get("field_errors") or {}
        field_errors = (
            {str(k): str(v) for k, v in fields.items()} if isinstance(fields, dict) else {}
        )
        if status == 403 and document.get("error") in _ITEM_REFUSALS:
            raise RejectedError(message, field_errors)  # this item, not the device
        if status == 403 and document.get("error") == "device_revoked":
            raise RevokedError(message)
        if status == 403 and document.get("error") == "wrong_office" and "code_office" in document:
            raise WrongOfficeError(message, str(document["code_office"]))
        if status in (401, 403):
            raise AuthError(message)
        if status == 409:
            raise ConflictError(message, field_errors)
        if 400 <= status < 500:
            raise RejectedError(message, field_errors)
        raise TransientError(message)

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

    # -- usage aggregates ------------------------------------------------------------

    def put_aggregate(self, office_id: str, day: date, body: bytes) -> AggregateReceipt:
        """One office's usage counts for one day; a changed day replaces the last one."""
        response = self._request(
            "PUT",
            aggregate_path(office_id, day.isoformat()),
            content=body,
            headers={"Content-Type": "application/json"},
        )
        document = self._document(response)
        where = f"aggregate {office_id}/{day.isoformat()}"
        if document.get("office_id") != office_id or document.get("day") != day.isoformat():
            raise TransientError(f"{where}: the answer is for another office or day")
        try:
            return AggregateReceipt(
                office_id, day, int(document["revision"]), parse_iso(str(document["received_at"]))
            )
        except (KeyError, TypeError, ValueError) as error:
            raise TransientError(f"{where}: incomplete answer") from error

    def office_aggregates(self, office_id: str, first: date, last: date) -> list[DailyAggregate]:
        """Every device's day aggregates for this device's office (kiosks and counters):
        what the counter's dashboard reads (kiosk.analytics.dashboard.build_dashboard)."""
        params = {"from": first.isoformat(), "to": last.isoformat()}
        document = self._document(
            self._request("GET", f"/offices/{office_id}/aggregates", params=params)
        )
        try:
            return [DailyAggregate.model_validate(item) for item in document["aggregates"]]
        except (KeyError, TypeError, ValidationError) as error:
            raise TransientError(f"aggregates of {office_id}: malformed answer") from error

    def region_usage(
        self, region_code: str, first: date | None = None, last: date | None = None
    ) -> dict[str, Any]:
        """The Region-wide view across offices (GET /v1/regions/{code}/usage), as JSON."""
        params = {name: day.isoformat() for name, day in (("from", first), ("to", last)) if day}
        return self._document(self._request("GET", f"/regions/{region_code}/usage", params=params))

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
        limits = self._timeout.as_dict()
        limits["read"] = max(limits["read"] or 0.0, size / SLOWEST_LINK_BYTES_PER_S)
        return httpx.Timeout(**limits)

    # -- catalog, status, parked drafts, registries ----------------------------------

    def fetch_catalog(self, etag: str | None = None, limit: int = MAX_BUNDLE_BYTES) -> CatalogFetch:
        """The published bundle, or not_modified for a 304. The body is read as it
        arrives, unencoded, and no further than `limit` + 1 bytes: a larger one reaches
        the sink cut there, to be refused (and remembered) for its size, so a huge body
        is never held in memory. A zip is compressed already: gzip is not accepted (a
        gzip bomb would inflate before any limit could count it)."""
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

    def office_applications(
        self, office_id: str, cursor: int, limit: int = 100
    ) -> tuple[list[OfficeApplication], int, bool]:
        """The office's applications changed since `cursor` (every channel and device):
        (applications, next cursor, whether more wait). Only this device's office."""
        response = self._request(
            "GET",
            f"/offices/{office_id}/applications",
            params={"cursor": cursor, "limit": limit},
        )
        document = self._document(response)
        try:
            found = [_office_application(item) for item in document["applications"]]
            return found, int(document["cursor"]), bool(document["more"])
        except (KeyError, TypeError, ValueError, ValidationError) as error:
            raise TransientError(f"applications of {office_id}: malformed answer") from error

    def report_refused(
        self, office_id: str, submission_id: UUID, payload: bytes, reason: str, fields: list[str]
    ) -> str:
        """Hand a draft the platform refused here to the office's counters; returns its
        state there: waiting, taken (a counter has it) or accepted."""
        body = {"draft": json.loads(payload), "reason": reason, "fields": fields}
        response = self._request("PUT", f"/offices/{office_id}/refused/{submission_id}", json=body)
        state = self._document(response).get("state")
        if state not in ("waiting", "taken", "accepted"):
            raise TransientError("refused: malformed answer")
        return str(state)

    def office_refused(self, office_id: str) -> list[RefusedElsewhere]:
        document = self._document(self._request("GET", f"/offices/{office_id}/refused"))
        try:
            return [
                RefusedElsewhere(
                    UUID(str(item["submission_id"])),
                    str(item["procedure_id"]),
                    str(item["channel"]),
                    str(item["device_id"]),
                    str(item["reason"]),
                    tuple(str(f) for f in item["fields"]),
                    parse_iso(str(item["reported_at"])),
                )
                for item in document["refused"]
            ]
        except (KeyError, TypeError, ValueError) as error:
            raise TransientError(f"refused of {office_id}: malformed answer") from error

    def take_refused(self, office_id: str, submission_id: UUID) -> TakenDraft | None:
        """The refused draft, handed to this device once; None when another counter took
        it first (or it is gone)."""
        response = self._request("POST", f"/offices/{office_id}/refused/{submission_id}/take")
        document = self._document(response, expected=(200, 404, 410))
        if response.status_code != 200:
            return None
        try:
            payload = json.dumps(document["draft"], ensure_ascii=False).encode()
            fields = tuple(str(f) for f in document["fields"])
            return TakenDraft(payload, str(document["reason"]), fields)
        except (KeyError, TypeError) as error:
            raise TransientError("take: malformed answer") from error

    def put_heartbeat(self, heartbeat: Heartbeat) -> None:
        """This device's health for the fleet page (counts and versions, no personal data)."""
        response = self._request(
            "PUT",
            "/devices/me/heartbeat",
            content=heartbeat.to_json_bytes(),
            headers={"Content-Type": "application/json"},
        )
        self._document(response)

    def office_parked(self, office_id: str) -> list[WaitingParked]:
        """The office's parked drafts waiting on the platform (times only)."""
        document = self._document(self._request("GET", f"/offices/{office_id}/parked"))
        try:
            return [
                WaitingParked(
                    str(item["ref"]),
                    parse_iso(str(item["stored_at"])),
                    parse_iso(str(item["expires_at"])),
                )
                for item in document["parked"]
            ]
        except (KeyError, TypeError, ValueError) as error:
            raise TransientError(f"parked drafts of {office_id}: malformed answer") from error

    def put_parked(self, lookup_id: str, body: bytes) -> str:
        """Idempotent: the same sealed copy again is fine (its state comes back: waiting,
        or picked_up once opened); a different one under the id is a ConflictError."""
        response = self._request(
            "PUT",
            f"/parked/{lookup_id}",
            content=body,
            headers={"Content-Type": "application/json"},
        )
        document = self._document(response)
        state = document.get("state")
        if document.get("lookup_id") != lookup_id or not isinstance(state, str):
            raise TransientError("parked: malformed acknowledgement")
        return state

    def open_parked(self, lookup_id: str, verifier: str) -> ParkedOpening:
        """The sealed blob for the right PIN verifier (the platform deletes its copy as it
        hands it over), or why not: unknown, wrong_pin, locked, expired, picked_up."""
        response = self._request("POST", f"/parked/{lookup_id}/open", json={"verifier": verifier})
        document = self._document(response, expected=(200, 404, 410, 422))
        error = document.get("error")
        if response.status_code == 200:
            try:
                blob = base64.b64decode(str(document["blob"]), validate=True)
            except (KeyError, ValueError) as failure:
                raise TransientError("parked: malformed blob") from failure
            return ParkedOpening("opened", blob)
        if response.status_code == 404 and error == "unknown_draft":
            return ParkedOpening("unknown")
        if response.status_code == 410 and error in ("locked", "expired", "picked_up"):
            return ParkedOpening(str(error))
        if response.status_code == 422 and error == "wrong_pin":
            return ParkedOpening("wrong_pin", attempts_left=int(document.get("attempts_left", 0)))
        raise RejectedError(f"parked: HTTP {response.status_code} {error or ''}".rstrip())

    def discard_parked(self, lookup_id: str, verifier: str) -> None:
        """Delete a copy picked up elsewhere (the device that parked it); gone is fine."""
        response = self._request(
            "POST", f"/parked/{lookup_id}/discard", json={"verifier": verifier}
        )
        self._document(response, expected=(200, 404, 410))

    def verify_clerk(self, clerk_id: str, password: str) -> str | None:
        """The clerk's display name when the platform accepts the password, else None."""
        verified = self.verify_clerk_session(clerk_id, password)
        return verified.display_name if verified else None

    def verify_clerk_session(self, clerk_id: str, password: str) -> ClerkSession | None:
        """The clerk's name and platform session (for registry look-ups at the counter)
        when the platform accepts the password, else None."""
        response = self._request(
            "POST", "/clerks/verify", json={"clerk_id": clerk_id, "password": password}
        )
        document = self._document(response)
        name, session = document.get("display_name"), document.get("session")
        if document.get("verified") is not True or not name:
            return None
        try:
            expires = parse_iso(str(document.get("session_expires_at")))
        except ValueError:
            expires = None
        return ClerkSession(clerk_id, str(name), str(session) if session else None, expires)

    def end_clerk_session(self, session: str) -> None:
        """Sign-out on the platform: the session's look-ups end with it (idempotent)."""
        response = self._request("DELETE", "/clerks/session", headers={SESSION_HEADER: session})
        if response.status_code != 204:
            self._document(response, expected=())

    # -- Once Only: citizen sign-in (RFC 8628) and registry look-ups ------------------

    def start_citizen_authorization(
        self,
        submission_id: UUID,
        procedure_id: str,
        procedure_version: str,
        evidence: list[EvidenceScope],
    ) -> DeviceAuthorization:
        """A user code and a QR link for the citizen's phone (RFC 8628 §3.1-3.2)."""
        body = {
            "submission_id": str(submission_id),
            "procedure_id": procedure_id,
            "procedure_version": procedure_version,
            "evidence": [item.as_json() for item in evidence],
        }
        document = self._document(
            self._request("POST", "/citizen/device-authorizations", json=body)
        )
        try:
            return DeviceAuthorization(
                device_code=str(document["device_code"]),
                user_code=str(document["user_code"]),
                verification_uri=str(document["verification_uri"]),
                verification_uri_complete=str(document["verification_uri_complete"]),
                expires_in=int(document["expires_in"]),
                interval=int(document["interval"]),
            )
        except (KeyError, TypeError, ValueError) as error:
            raise TransientError("device authorization: malformed answer") from error

    def poll_citizen_token(self, device_code: str) -> TokenPoll:
        """One poll (RFC 8628 §3.4): the grant once the citizen approved, else why not
        yet (authorization_pending, slow_down) or never (access_denied, expired_token,
        invalid_grant). Poll no faster than the interval it says."""
        response = self._request("POST", "/citizen/token", json={"device_code": device_code})
        document = self._document(response, expected=(200, 400))
        if response.status_code == 400:
            error = str(document.get("error", ""))
            if error not in TOKEN_ERRORS:
                raise RejectedError(f"citizen token: HTTP 400 {error}".rstrip())
            interval = document.get("interval")
            return TokenPoll(error, None, int(interval) if isinstance(interval, int) else None)
        try:
            subject = document["subject"]
            grant = CitizenGrant(
                grant=str(document["grant"]),
                expires_at=parse_iso(str(document["expires_at"])),
                afm=str(subject["afm"]),
                display_name=str(subject["display_name"]),
                scope=tuple(EvidenceScope.from_json(item) for item in document["scope"]),
                submission_id=UUID(str(document["submission_id"])),
            )
        except (KeyError, TypeError, ValueError) as error:
            raise TransientError("citizen token: malformed answer") from error
        return TokenPoll("granted", grant, None)

    def revoke_citizen_grant(self, grant: str) -> None:
        """End the citizen's grant on the platform (idle wipe, home, done): idempotent."""
        response = self._request("DELETE", "/citizen/grants/current", headers={GRANT_HEADER: grant})
        if response.status_code != 204:
            self._document(response, expected=())

    def lookup(
        self,
        registry: str,
        identifier: str,
        *,
        attributes: list[str],
        purpose: LookupPurpose,
        grant: str | None = None,
        clerk_session: str | None = None,
        identity_check: IdentityCheck | None = None,
        on_behalf_of: Representation | None = None,
    ) -> RegistryAnswer:
        """One registry look-up for a person: with the citizen's grant, or with a clerk's
        session and the identity check made in person. Identifiers travel in the body,
        never in a URL that a proxy might log. A refusal is a LookupRefusedError."""
        headers = {}
        if grant:
            headers[GRANT_HEADER] = grant
        if clerk_session:
            headers[SESSION_HEADER] = clerk_session
        body: dict[str, Any] = {
            "identifier": identifier,
            "attributes": attributes,
            "purpose": purpose.as_json(),
            "on_behalf_of": on_behalf_of.as_json() if on_behalf_of else None,
        }
        if identity_check is not None:
            body["identity_check"] = identity_check.as_json()
        response = self._request("POST", f"/registry/{registry}/lookup", json=body, headers=headers)
        document = self._document(response, expected=(200, 403))
        if response.status_code == 403:
            code = str(document.get("error", ""))
            if code == "unauthorised":
                raise AuthError(f"registry {registry}: device refused")
            raise LookupRefusedError(code, str(document.get("message", "")))
        record = document.get("record")
        try:
            return RegistryAnswer(
                registry=registry,
                found=bool(document["found"]) and isinstance(record, dict),
                record={str(k): str(v) for k, v in record.items()}
                if isinstance(record, dict)
                else {},
                fetch_id=str(document["fetch_id"]),
                fetched_at=parse_iso(str(document["fetched_at"])),
            )
        except (KeyError, TypeError, ValueError) as error:
            raise TransientError(f"registry {registry}: malformed answer") from error

    def registry_fetches(self, office_id: str) -> list[dict[str, Any]]:
        """The platform's log of this office's look-ups (no identifiers), for audits."""
        document = self._document(self._request("GET", f"/offices/{office_id}/registry-fetches"))
        fetches = document.get("fetches")
        if not isinstance(fetches, list):
            raise TransientError("registry fetches: malformed answer")
        return fetches


def _office_application(item: dict[str, Any]) -> OfficeApplication:
    from kiosk.submission import Submission

    number, decision = item.get("protocol_number"), item.get("decision")
    return OfficeApplication(
        seq=int(item["seq"]),
        submission_id=UUID(str(item["submission_id"])),
        procedure_id=str(item["procedure_id"]),
        channel=str(item["channel"]),
        device_id=str(item["device_id"]),
        status=str(item["status"]),
        protocol_number=None if number is None else str(number),
        decision=None if decision is None else str(decision),
        received_at=parse_iso(str(item["received_at"])),
        changed_at=parse_iso(str(item["changed_at"])),
        attention=tuple(str(reason) for reason in item["attention"]),
        submission=Submission.model_validate(item["submission"]),
    )
