"""The platform's calls that act for a person: parked drafts behind a PIN, clerk
sign-in, the citizen's sign-in for Once Only (RFC 8628) and registry look-ups under it
(docs/once-only.md, docs/parked-drafts.md)."""

from __future__ import annotations

import base64
from typing import Any
from uuid import UUID

import msgspec

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
    RejectedError,
    TransientError,
)
from sync.protocol import (
    parse_iso,
)
from sync.transport import PlatformTransport


class ParkedOpening(msgspec.Struct, frozen=True):
    outcome: str  # opened, unknown, wrong_pin, locked, expired, picked_up
    blob: bytes | None = None
    attempts_left: int = 0


class PeopleCalls(PlatformTransport):
    """Calls made for a clerk or a citizen (PlatformClient has them)."""

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
