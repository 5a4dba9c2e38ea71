"""Citizen sign-in at a kiosk: the OAuth 2.0 Device Authorization Grant (RFC 8628).

The kiosk asks for a device authorization naming the application (its submission id),
the procedure and the evidence it wants to fetch; it shows the user code and a QR code
of `verification_uri_complete`. The citizen signs in on their own phone (the pages are
sync/server/citizen_pages.py) and approves or refuses. Meanwhile the kiosk polls the
token endpoint, no faster than `interval`, and receives a grant: bound to the citizen's
AFM, this device, this submission id and the approved scope, for 15 minutes at most,
exchanged once. The kiosk ends it (idle wipe, home, submission) with DELETE
/citizen/grants/current; the platform also ends it when the submission arrives.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from sync.protocol import PREFIX, iso
from sync.server import fixtures
from sync.server.citizen_pages import citizen_page_routes
from sync.server.errors import ApiError, ok
from sync.server.limits import read_json
from sync.server.onceonly_store import DEVICE_CODE_TTL, POLL_INTERVAL, SLOW_DOWN_STEP
from sync.server.store import Device, ServerStore

MAX_EVIDENCE = 10
_ERRORS = {
    "authorization_pending": "the citizen has not answered yet: keep polling",
    "slow_down": "polled faster than the interval: wait longer between polls",
    "access_denied": "the citizen refused",
    "expired_token": "this code has expired or was already used: start again",
    "invalid_grant": "not a device code of this device",
}


def _fail(field: str, why: str) -> ApiError:
    return ApiError(422, "invalid", f"{field}: {why}", {field: why})


def _scope(value: Any) -> list[dict[str, Any]]:
    if not isinstance(value, list) or not 0 < len(value) <= MAX_EVIDENCE:
        raise _fail("evidence", f"1 to {MAX_EVIDENCE} pieces of evidence")
    scope = []
    for index, item in enumerate(value):
        where = f"evidence[{index}]"
        if not isinstance(item, dict):
            raise _fail(where, "expected {registry, evidence_type, attributes}")
        registry, kind, attributes = (
            item.get("registry"),
            item.get("evidence_type"),
            item.get("attributes"),
        )
        if registry not in fixtures.RELEASABLE:
            raise _fail(f"{where}.registry", "one of " + ", ".join(fixtures.RELEASABLE))
        if not isinstance(kind, str) or not 0 < len(kind) <= 64:
            raise _fail(f"{where}.evidence_type", "required")
        if (
            not isinstance(attributes, list)
            or not attributes
            or not all(isinstance(a, str) for a in attributes)
            or not set(attributes) <= fixtures.RELEASABLE[registry]
        ):
            raise _fail(f"{where}.attributes", "attributes this registry releases")
        scope.append(
            {"registry": registry, "evidence_type": kind, "attributes": sorted(set(attributes))}
        )
    return scope


def citizen_routes(authenticate: Callable[[Request], Device]) -> list[Route]:
    async def device_authorization(request: Request) -> Response:
        device = authenticate(request)
        document = await read_json(request)
        if not isinstance(document, dict):
            raise _fail("body", "expected an object")
        submission_id = document.get("submission_id")
        try:
            uuid.UUID(str(submission_id))
        except ValueError as error:
            raise _fail("submission_id", "the draft's UUID") from error
        procedure_id, version = document.get("procedure_id"), document.get("procedure_version")
        if not isinstance(procedure_id, str) or not isinstance(version, str):
            raise _fail("procedure_id", "procedure_id and procedure_version are required")
        if request.app.state.catalog(procedure_id, version) is None:
            raise ApiError(
                422,
                "unknown_procedure",
                "the platform has not published this procedure",
                {"procedure_id": "not published"},
            )
        scope = _scope(document.get("evidence"))
        store: ServerStore = request.app.state.store
        device_code, user_code = store.onceonly.start_authorization(
            device.office_id, device.device_id, str(submission_id), (procedure_id, version), scope
        )
        base = str(request.base_url).rstrip("/")
        return ok(
            device_code=device_code,
            user_code=user_code,
            verification_uri=f"{base}/citizen",
            verification_uri_complete=f"{base}/citizen?code={user_code}",
            expires_in=int(DEVICE_CODE_TTL.total_seconds()),
            interval=POLL_INTERVAL,
        )

    async def token(request: Request) -> Response:
        device = authenticate(request)
        document = await read_json(request)
        device_code = document.get("device_code") if isinstance(document, dict) else None
        if not isinstance(device_code, str) or not 0 < len(device_code) <= 128:
            raise _fail("device_code", "required")
        store: ServerStore = request.app.state.store
        outcome, found = store.onceonly.poll(device_code, device.device_id)
        if outcome != "approved" or found is None:
            if outcome == "slow_down" and found is not None:
                interval = found.interval + SLOW_DOWN_STEP
                raise ApiError(400, outcome, _ERRORS[outcome], interval=interval)
            raise ApiError(400, outcome, _ERRORS[outcome])
        assert found.subject_afm is not None
        display_name = fixtures.FAKE_CITIZENS.get(found.subject_afm, ("", ""))[0]
        grant_token, grant = store.onceonly.issue_grant(found, display_name)
        lifetime = int((grant.expires_at - store.clock()).total_seconds())
        return ok(
            grant=grant_token,
            expires_in=lifetime,
            expires_at=iso(grant.expires_at),
            subject={"afm": grant.subject_afm, "display_name": display_name},
            scope=grant.scope,
            submission_id=grant.submission_id,
        )

    async def revoke(request: Request) -> Response:
        device = authenticate(request)
        grant = request.headers.get("x-citizen-grant", "").strip()
        if grant:
            request.app.state.store.onceonly.revoke_grant(grant, device.device_id)
        return Response(status_code=204)

    return [
        Route(f"{PREFIX}/citizen/device-authorizations", device_authorization, methods=["POST"]),
        Route(f"{PREFIX}/citizen/token", token, methods=["POST"]),
        Route(f"{PREFIX}/citizen/grants/current", revoke, methods=["DELETE"]),
        *citizen_page_routes(),
    ]
