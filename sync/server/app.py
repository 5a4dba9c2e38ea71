"""The reference central server: Starlette over SQLite, for demos and tests.

It implements the protocol in sync/openapi.json and validates everything it receives
(a submission body with kiosk.submission.Submission, then sync/server/checks.py) as the
real platform must: every body is bounded while it streams in and depth-checked before
it is parsed (sync/server/limits.py), everything it claims is checked against the device
token, and all that a device sends or reads is its office's (docs/platform-security.md).
It is not the platform: registry records are fake (sync/server/fixtures.py) and there
is no back office beyond `ServerStore.record_decision`.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import msgspec
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from kiosk import regions
from kiosk.analytics.aggregate import DailyAggregate
from kiosk.analytics.region import region_view
from kiosk.submission import Submission
from sync.protocol import PREFIX, iso, now_utc
from sync.server.admission import DEFAULT_MAX_CONCURRENT, Admission, AdmissionLimit
from sync.server.checks import ServedCatalog, claim_errors, semantic_errors
from sync.server.citizen import citizen_routes
from sync.server.clerks import ClerkDirectory, clerk_routes
from sync.server.errors import ApiError, api_error_handler, ok
from sync.server.faults import FaultInjector
from sync.server.fees import bind_submitted_codes, fee_routes
from sync.server.fleet import fleet_routes
from sync.server.limits import field_messages, parse_json, read_json, read_limited
from sync.server.office import code_office, office_routes, revoked
from sync.server.parked import parked_routes
from sync.server.phone import phone_routes
from sync.server.receipts_page import receipt_routes, register_receipt
from sync.server.registry import evidence_errors, registry_routes
from sync.server.store import CodeExpiredError, ConflictError, Device, ServerStore, digest
from sync.server.updates import keep_fresh, update_routes
from sync.server.uploads import attachment_routes

MAX_SUBMISSION_BYTES = 2 * 1024 * 1024
MAX_AGGREGATE_BYTES = 512 * 1024
REGION_VIEW_DAYS = 28  # the default window of the usage views
STATUS_PAGE_LIMIT = 500


def authenticate(request: Request) -> Device:
    store: ServerStore = request.app.state.store
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    device = store.device_for_token(token.strip()) if scheme.lower() == "bearer" else None
    if device is None:
        raise ApiError(401, "unauthorised", "missing or unknown device token")
    if revoked(store, device.device_id):
        raise ApiError(
            403, "device_revoked", "this device was revoked: enrol it again with a new code"
        )
    return device


async def health(request: Request) -> Response:
    return ok(status="ok", server_time=iso(now_utc()))


async def enrolment(request: Request) -> Response:
    store: ServerStore = request.app.state.store
    address = request.client.host if request.client else "unknown"
    locked_for = store.enrolment_locked_for(address)
    if locked_for is not None:
        raise ApiError(
            429,
            "too_many_attempts",
            "too many wrong enrolment codes from this address: wait and try again",
            retry_after=int(locked_for) + 1,
        )
    document = await read_json(request)  # unauthenticated: the smallest limit
    code = document.get("code") if isinstance(document, dict) else None
    if not isinstance(code, str) or not 0 < len(code) <= 64:
        raise ApiError(422, "invalid", "expected {code}", {"code": "required"})
    expected = document.get("office_id")
    if isinstance(expected, str) and expected:
        # The device says which office its file names: a code of another office is
        # refused before it is spent, so the right device can still use it.
        office = code_office(store, code)
        if office is not None and office != expected:
            raise ApiError(
                403,
                "wrong_office",
                "this enrolment code is for another office than the device's office file",
                code_office=office,
            )
    try:
        redeemed = store.redeem_code(code)
    except CodeExpiredError as error:
        store.record_enrolment_failure(address)
        raise ApiError(
            403, "expired_code", "this enrolment code has expired: ask for a new one"
        ) from error
    if redeemed is None:
        store.record_enrolment_failure(address)
        raise ApiError(403, "invalid_code", "unknown or already used enrolment code")
    device, token = redeemed
    return ok(device_id=device.device_id, office_id=device.office_id, token=token)


async def catalog(request: Request) -> Response:
    authenticate(request)
    current = request.app.state.store.catalog()
    if current is None:
        raise ApiError(404, "no_catalog", "no catalog has been published")
    etag, bundle = current
    if etag in {tag.strip() for tag in request.headers.get("if-none-match", "").split(",")}:
        return Response(status_code=304, headers={"ETag": etag})
    return Response(bundle, media_type="application/octet-stream", headers={"ETag": etag})


def _ack(store: ServerStore, device: Device, submission_id: str) -> Response:
    ack = store.acknowledgement(submission_id, device.office_id)
    if ack is None:
        raise ApiError(404, "unknown_submission", "no submission under this id")
    return ok(
        submission_id=str(ack.submission_id),
        protocol_number=ack.protocol_number,
        received_at=iso(ack.received_at),
    )


async def put_submission(request: Request) -> Response:
    device = authenticate(request)
    store: ServerStore = request.app.state.store
    path_id = request.path_params["submission_id"]
    body = await read_limited(request, MAX_SUBMISSION_BYTES)
    document = parse_json(body, "invalid_submission")  # depth and NaN first: then the model
    try:
        submission = Submission.from_json_bytes(body)
    except msgspec.DecodeError as error:  # a rejected body may hold personal data
        fields = field_messages(document, Submission, error)
        raise ApiError(422, "invalid_submission", "the submission is invalid", fields) from error
    if str(submission.submission_id) != path_id:
        raise ApiError(
            422, "invalid_submission", "id mismatch", {"submission_id": "does not match the URL"}
        )
    claims = claim_errors(submission, device, store, request.app.state.clerks.office_of)
    if claims:
        raise ApiError(403, "claim_mismatch", "the body speaks for someone else", claims)
    problems = semantic_errors(submission, request.app.state.catalog)
    problems.update(evidence_errors(submission, device, store))
    if problems:
        raise ApiError(422, "invalid_submission", "the submission is invalid", problems)
    missing = store.missing_attachments(
        device.office_id, [a.sha256 for a in submission.attachments]
    )
    if missing:
        raise ApiError(424, "attachments_missing", "upload the attachments first", missing=missing)
    try:
        store.accept_submission(device, path_id, digest(submission.to_json_bytes()), body)
    except ConflictError as error:
        raise ApiError(409, "conflict", "a different submission holds this id") from error
    store.onceonly.revoke_grants_of_submission(device.device_id, path_id)  # sent: grant over
    bind_submitted_codes(store, device, submission)  # e-παράβολο codes given offline
    register_receipt(store, device, submission)  # the QR code's page opens now
    return _ack(store, device, path_id)


async def get_submission(request: Request) -> Response:
    device = authenticate(request)
    return _ack(request.app.state.store, device, request.path_params["submission_id"])


async def status(request: Request) -> Response:
    device = authenticate(request)
    try:
        cursor = int(request.query_params.get("cursor", "0"))
        limit = min(int(request.query_params.get("limit", "100")), STATUS_PAGE_LIMIT)
    except ValueError as error:
        raise ApiError(422, "invalid", "cursor and limit are integers") from error
    events = request.app.state.store.status_events(device, cursor, max(limit, 1))
    next_cursor = events[-1]["seq"] if events else cursor
    return ok(events=events, cursor=next_cursor)


async def put_aggregate(request: Request) -> Response:
    device = authenticate(request)
    store: ServerStore = request.app.state.store
    office_id, day = request.path_params["office_id"], request.path_params["day"]
    if office_id != device.office_id:
        raise ApiError(403, "wrong_office", "this device reports for another office")
    body = await read_limited(request, MAX_AGGREGATE_BYTES)
    document = parse_json(body, "invalid_aggregate")
    try:
        aggregate = DailyAggregate.from_json_bytes(body)
    except msgspec.DecodeError as error:
        fields = field_messages(document, DailyAggregate, error)
        raise ApiError(422, "invalid_aggregate", "the aggregate is invalid", fields) from error
    mismatched = {}
    if aggregate.office_id != office_id:
        mismatched["office_id"] = "does not match the URL"
    if aggregate.day.isoformat() != day:
        mismatched["day"] = "does not match the URL"
    if aggregate.region_code not in regions.regions():
        mismatched["region_code"] = "not a Region code"
    if mismatched:
        raise ApiError(
            422, "invalid_aggregate", "the aggregate is for another office or day", mismatched
        )
    canonical = aggregate.to_json_bytes()
    receipt = store.put_aggregate(device, day, aggregate.region_code, digest(canonical), canonical)
    return ok(
        office_id=office_id,
        day=day,
        revision=receipt.revision,
        received_at=receipt.received_at,
    )


def _day_parameter(request: Request, name: str, default: date) -> date:
    text = request.query_params.get(name)
    if text is None:
        return default
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise ApiError(
            422, "invalid", f"{name} is a day (YYYY-MM-DD)", {name: "not a day"}
        ) from error


async def region_usage(request: Request) -> Response:
    authenticate(request)
    store: ServerStore = request.app.state.store
    code = request.path_params["region_code"]
    first, last = _window(request)
    stored = store.region_aggregates(code, first.isoformat(), last.isoformat())
    days = [(office, DailyAggregate.from_json_bytes(body)) for office, _, body in stored]
    return ok(**region_view(code, first, last, days))


def _window(request: Request) -> tuple[date, date]:
    last = _day_parameter(request, "to", now_utc().date())
    first = _day_parameter(request, "from", last - timedelta(days=REGION_VIEW_DAYS - 1))
    if first > last:
        raise ApiError(422, "invalid", "from is after to", {"from": "after to"})
    return first, last


async def office_aggregates(request: Request) -> Response:
    """The office's daily aggregates from all its devices: a counter's dashboard then
    shows the kiosks' figures too."""
    device = authenticate(request)
    office_id = request.path_params["office_id"]
    if office_id != device.office_id:
        raise ApiError(403, "wrong_office", "this device belongs to another office")
    first, last = _window(request)
    bodies = request.app.state.store.office_aggregates(
        office_id, first.isoformat(), last.isoformat()
    )
    documents = [DailyAggregate.from_json_bytes(body).to_data() for body in bodies]
    return ok(office_id=office_id, aggregates=documents)


def routes() -> list[Route]:
    return [
        Route(f"{PREFIX}/health", health, methods=["GET"]),
        Route(f"{PREFIX}/enrolment", enrolment, methods=["POST"]),
        Route(f"{PREFIX}/catalog", catalog, methods=["GET"]),
        Route(f"{PREFIX}/submissions/{{submission_id}}", put_submission, methods=["PUT"]),
        Route(f"{PREFIX}/submissions/{{submission_id}}", get_submission, methods=["GET"]),
        *attachment_routes(authenticate),
        *clerk_routes(authenticate),
        *update_routes(authenticate),
        Route(f"{PREFIX}/status", status, methods=["GET"]),
        *parked_routes(authenticate),
        *fee_routes(authenticate),
        *phone_routes(authenticate),
        *receipt_routes(),
        *office_routes(authenticate),
        *fleet_routes(authenticate),
        *registry_routes(authenticate),
        *citizen_routes(authenticate),
        Route(f"{PREFIX}/aggregates/{{office_id}}/{{day}}", put_aggregate, methods=["PUT"]),
        Route(f"{PREFIX}/offices/{{office_id}}/aggregates", office_aggregates, methods=["GET"]),
        Route(f"{PREFIX}/regions/{{region_code}}/usage", region_usage, methods=["GET"]),
    ]


@contextlib.asynccontextmanager
async def _lifespan(app: Starlette) -> AsyncIterator[None]:
    """Background work while the server runs: re-signing the update metadata."""
    task = asyncio.ensure_future(keep_fresh(app))
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


def create_app(
    db_path: Path,
    *,
    catalog_bundle: bytes | None = None,
    faults: FaultInjector | None = None,
    max_concurrent: int | None = None,
) -> Any:
    """The server as an ASGI app. `faults`, when given, wraps it (tests only).

    The returned app's `.state.store` is the ServerStore, `.state.registry_down` makes
    the registry look-ups answer 503, `.state.bytes_received` counts attachment bytes,
    `.state.admission` bounds the requests in progress (`max_concurrent`, then 503)."""
    store = ServerStore(db_path)
    if catalog_bundle is not None:
        store.publish_catalog(catalog_bundle)
    admission = Admission(max(1, max_concurrent or DEFAULT_MAX_CONCURRENT))
    app = Starlette(
        routes=routes(),
        exception_handlers={ApiError: api_error_handler},
        middleware=[Middleware(AdmissionLimit, admission=admission)],
        lifespan=_lifespan,
    )
    app.state.admission = admission
    app.state.store = store
    app.state.clerks = ClerkDirectory()
    app.state.catalog = ServedCatalog(store)
    app.state.registry_down = False
    app.state.bytes_received = 0
    app.state.upload_locks = {}
    if faults is None:
        return app
    faults.wrap(app)
    return faults
