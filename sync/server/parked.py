"""The parked-draft routes of the reference server (sync/openapi.json, /v1/parked/...).

The platform holds sealed blobs it cannot read, one per (office, lookup id): a device of
another office asks under its own office and finds nothing (404). It hands a blob over
only for the right PIN verifier, and deletes it as it does; it counts wrong verifiers for
the whole office (any device), and the fifth deletes the blob. It stores an expiry and
refuses, then purges, what is past it. The verifier is kept only as a SHA-256: the
database alone does not let anyone answer for the PIN."""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from sync.protocol import PREFIX, iso, now_utc, parse_iso
from sync.server.errors import ApiError, ok
from sync.server.store import ConflictError, Device, ServerStore, digest

MAX_PARKED_BYTES = 2 * 1024 * 1024
MAX_FAILURES = 5
MAX_LIFETIME = timedelta(days=7)  # a device asking for more gets this much
_LOOKUP_ID = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
_VERIFIER = re.compile(r"^[A-Za-z0-9_-]{43}$")  # 32 bytes, base64url without padding

Authenticate = Callable[[Request], Device]


def _lookup_id(request: Request) -> str:
    lookup_id = str(request.path_params["lookup_id"])
    if not _LOOKUP_ID.match(lookup_id):
        raise ApiError(404, "unknown_draft", "no parked draft under this id")
    return lookup_id


async def _json(request: Request, limit: int) -> dict[str, Any]:
    body = await request.body()
    if len(body) > limit:
        raise ApiError(413, "too_large", f"body over {limit} bytes")
    try:
        document = json.loads(body)
    except ValueError as error:
        raise ApiError(422, "invalid", "expected a JSON object") from error
    if not isinstance(document, dict):
        raise ApiError(422, "invalid", "expected a JSON object")
    return document


def _verifier(document: dict[str, Any]) -> str:
    verifier = document.get("verifier")
    if not isinstance(verifier, str) or not _VERIFIER.match(verifier):
        raise ApiError(422, "invalid", "verifier is 32 bytes base64url", {"verifier": "invalid"})
    return digest(verifier)


def _expiry(document: dict[str, Any]) -> datetime:
    try:
        expires_at = parse_iso(str(document["expires_at"]))
    except (KeyError, ValueError) as error:
        raise ApiError(
            422, "invalid", "expires_at is an ISO time", {"expires_at": "invalid"}
        ) from error
    now = now_utc()
    if expires_at <= now:
        raise ApiError(422, "expired", "this parked draft has already expired")
    return min(expires_at, now + MAX_LIFETIME)


def parked_routes(authenticate: Authenticate) -> list[Route]:
    async def put_parked(request: Request) -> Response:
        device = authenticate(request)
        store: ServerStore = request.app.state.store
        lookup_id = _lookup_id(request)
        document = await _json(request, MAX_PARKED_BYTES)
        try:
            blob = base64.b64decode(str(document["blob"]), validate=True)
        except (KeyError, binascii.Error, ValueError) as error:
            raise ApiError(422, "invalid", "blob is base64", {"blob": "invalid"}) from error
        verifier, expires_at = _verifier(document), _expiry(document)
        try:
            state = store.put_parked(device.office_id, lookup_id, blob, verifier, expires_at)
        except ConflictError as error:
            raise ApiError(409, "conflict", "another parked draft holds this id") from error
        return ok(lookup_id=lookup_id, state=state, expires_at=iso(expires_at))

    async def open_parked(request: Request) -> Response:
        device = authenticate(request)
        store: ServerStore = request.app.state.store
        lookup_id = _lookup_id(request)
        verifier = _verifier(await _json(request, 4096))
        opening = store.open_parked(device.office_id, lookup_id, verifier, MAX_FAILURES)
        if opening.outcome == "opened" and opening.blob is not None:
            blob = base64.b64encode(opening.blob).decode()
            return ok(lookup_id=lookup_id, blob=blob)
        if opening.outcome == "unknown":
            raise ApiError(404, "unknown_draft", "no parked draft under this id")
        if opening.outcome == "wrong_pin":
            raise ApiError(422, "wrong_pin", "wrong PIN", attempts_left=opening.attempts_left)
        raise ApiError(410, opening.outcome, f"this parked draft is {opening.outcome}")

    async def discard_parked(request: Request) -> Response:
        device = authenticate(request)
        store: ServerStore = request.app.state.store
        lookup_id = _lookup_id(request)
        verifier = _verifier(await _json(request, 4096))
        discarded = store.discard_parked(device.office_id, lookup_id, verifier)
        return ok(lookup_id=lookup_id, discarded=discarded)

    return [
        Route(f"{PREFIX}/parked/{{lookup_id}}", put_parked, methods=["PUT"]),
        Route(f"{PREFIX}/parked/{{lookup_id}}/open", open_parked, methods=["POST"]),
        Route(f"{PREFIX}/parked/{{lookup_id}}/discard", discard_parked, methods=["POST"]),
    ]
