"""Registry look-ups on the platform (issue #16): only for a person, never for a device.

A look-up needs, besides the device token, EITHER a citizen grant (`X-Citizen-Grant`,
RFC 8628 sign-in on the citizen's own phone: sync/server/citizen.py), which reaches only
that citizen's own records within what they approved, OR a signed-in clerk's session
(`X-Clerk-Session`, from /clerks/verify) with the identity check the clerk made in
person. A device token alone is refused (403 `grant_required`): a kiosk is not a name
look-up service. The answer carries only the attributes asked for that the grant's
scope (or, for a clerk, the procedure's binding and the registry's releasable list)
allows; never the whole record.

Limits come before work: per device and per clerk, counted in the database (429
`rate_limited` with Retry-After). Every look-up, answered or refused, is logged in
`registry_fetches` with an HMAC of the identifier, never the identifier itself.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import timedelta
from typing import Any, Final

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from kiosk.submission import Submission
from sync.protocol import PREFIX, iso
from sync.server import fixtures
from sync.server.errors import ApiError, ok
from sync.server.limits import read_json
from sync.server.onceonly_store import FetchEntry, Grant, OnceOnlyStore
from sync.server.store import Device, ServerStore

Limits = list[tuple[str, timedelta, int]]
# A kiosk's applicant asks a handful; a counter serves one person at a time.
DEVICE_LIMITS: Final[Limits] = [
    ("minute", timedelta(minutes=1), 20),
    ("day", timedelta(days=1), 200),
]
CLERK_LIMITS: Final[Limits] = [
    ("minute", timedelta(minutes=1), 20),
    ("day", timedelta(days=1), 200),
]
DOCUMENT_TYPES: Final = ("id_card", "passport", "residence_permit", "driving_licence")
RELATIONS: Final = ("authorised", "legal_representative")
_NAME = re.compile(r"^[a-z0-9_]{1,64}$")
_LAST4 = re.compile(r"^[0-9A-Za-zΑ-Ωα-ω]{4}$")
MAX_ATTRIBUTES = 10


@dataclass(frozen=True)
class _Asked:
    identifier: str
    attributes: list[str]
    submission_id: str
    procedure_id: str
    procedure_version: str | None
    evidence_type: str
    on_behalf_of: dict[str, str] | None
    identity_check: dict[str, str] | None


def _fail(field: str, why: str) -> ApiError:
    return ApiError(422, "invalid", f"{field}: {why}", {field: why})


def _text(value: Any, field: str, limit: int = 64) -> str:
    if not isinstance(value, str) or not 0 < len(value) <= limit:
        raise _fail(field, f"required, at most {limit} characters")
    return value


def _asked(document: Any, registry: str) -> _Asked:
    if not isinstance(document, dict):
        raise _fail("body", "expected an object")
    identifier = _text(document.get("identifier"), "identifier")
    attributes = document.get("attributes")
    if (
        not isinstance(attributes, list)
        or not 0 < len(attributes) <= MAX_ATTRIBUTES
        or not all(isinstance(a, str) for a in attributes)
    ):
        raise _fail("attributes", "a list of the attributes asked for")
    if not set(attributes) <= fixtures.RELEASABLE[registry]:
        raise _fail("attributes", "not attributes this registry releases")
    purpose = document.get("purpose")
    if not isinstance(purpose, dict):
        raise _fail("purpose", "required: {submission_id, procedure_id, evidence_type}")
    submission_id = _text(purpose.get("submission_id"), "purpose.submission_id")
    try:
        uuid.UUID(submission_id)
    except ValueError as error:
        raise _fail("purpose.submission_id", "not a UUID") from error
    evidence_type = _text(purpose.get("evidence_type"), "purpose.evidence_type")
    if not _NAME.match(evidence_type):
        raise _fail("purpose.evidence_type", "lower-case letters, digits and _")
    version = purpose.get("procedure_version")
    return _Asked(
        identifier,
        sorted(set(attributes)),
        submission_id,
        _text(purpose.get("procedure_id"), "purpose.procedure_id", 128),
        _text(version, "purpose.procedure_version") if version is not None else None,
        evidence_type,
        _on_behalf_of(document.get("on_behalf_of")),
        _identity_check(document.get("identity_check")),
    )


def _on_behalf_of(value: Any) -> dict[str, str] | None:
    if value is None:
        return None
    if not isinstance(value, dict) or value.get("relation") not in RELATIONS:
        raise _fail("on_behalf_of.relation", "authorised or legal_representative")
    return {
        "relation": str(value["relation"]),
        "document": _text(value.get("document"), "on_behalf_of.document", 200),
    }


def _identity_check(value: Any) -> dict[str, str] | None:
    if value is None:
        return None
    if not isinstance(value, dict) or value.get("document_type") not in DOCUMENT_TYPES:
        raise _fail("identity_check.document_type", "one of " + ", ".join(DOCUMENT_TYPES))
    last4 = value.get("number_last4")
    if not isinstance(last4, str) or not _LAST4.match(last4):
        raise _fail("identity_check.number_last4", "the last 4 characters of its number")
    # The four characters prove the clerk looked; the log keeps only the document type.
    return {"document_type": str(value["document_type"])}


def _bound_attributes(request: Request, asked: _Asked, registry: str) -> set[str] | None:
    """What the procedure's fields are bound to fetch from this registry, when the
    platform knows the procedure and it binds any (None: the releasable list decides)."""
    if asked.procedure_version is None:
        return None
    procedure = request.app.state.catalog(asked.procedure_id, asked.procedure_version)
    if procedure is None:
        return None
    bound = {
        f.prefill.attribute
        for step in procedure.steps
        for f in (*step.fields, *(g for group in step.groups for g in group.fields))
        if f.prefill is not None and f.prefill.registry == registry
    }
    return bound or None


def _scope_allows(grant: Grant, registry: str, asked: _Asked) -> bool:
    if grant.submission_id != asked.submission_id:
        return False
    return any(
        item.get("registry") == registry
        and item.get("evidence_type") == asked.evidence_type
        and set(asked.attributes) <= set(item.get("attributes", []))
        for item in grant.scope
    )


def _owned_by(registry: str, identifier: str, afm: str) -> bool:
    if registry == "taxpayer":
        return fixtures.normalise_identifier(registry, identifier) == afm
    return fixtures.owner_afm(registry, identifier) == afm


def registry_routes(authenticate: Callable[[Request], Device]) -> list[Route]:
    async def lookup(request: Request) -> Response:
        device = authenticate(request)
        store: ServerStore = request.app.state.store
        onceonly = store.onceonly
        registry = request.path_params["registry"]
        entry = FetchEntry(
            device.office_id, device.device_id, registry[:32], None, None, None,
            "none", None, None, None, None, None, [], "",
        )  # fmt: skip

        def refuse(error: ApiError, logged: FetchEntry) -> ApiError:
            onceonly.log_fetch(replace(logged, outcome=error.code))
            return error

        limits = getattr(request.app.state, "registry_limits", None) or {}
        waited = onceonly.take("device", device.device_id, limits.get("device", DEVICE_LIMITS))
        if waited is not None:
            raise refuse(_rate_limited(waited, "this device"), entry)
        if registry not in fixtures.RELEASABLE:
            raise ApiError(404, "unknown_registry", f"no registry {registry!r}")
        asked = _asked(await read_json(request), registry)
        entry = replace(
            entry,
            evidence_type=asked.evidence_type,
            submission_id=asked.submission_id,
            procedure_id=asked.procedure_id,
            identifier=fixtures.normalise_identifier(registry, asked.identifier),
            attributes=asked.attributes,
            representation=json.dumps(asked.on_behalf_of, ensure_ascii=False)
            if asked.on_behalf_of
            else None,
        )
        entry = _authorise(request, onceonly, device, registry, asked, entry, refuse, limits)
        if request.app.state.registry_down:
            raise refuse(
                ApiError(503, "registry_unavailable", "the registry cannot answer now"), entry
            )
        record = fixtures.lookup(registry, asked.identifier)
        answer = (
            {name: record[name] for name in asked.attributes if name in record} if record else None
        )
        fetch_id, at = onceonly.log_fetch(
            replace(entry, outcome="answered" if record else "not_found")
        )
        return ok(
            registry=registry,
            found=record is not None,
            record=answer,
            fetch_id=fetch_id,
            fetched_at=iso(at),
            fake=True,  # the reference server's registries are invented (fixtures.py)
        )

    async def fetches(request: Request) -> Response:
        device = authenticate(request)
        office_id = request.path_params["office_id"]
        if office_id != device.office_id:
            raise ApiError(403, "wrong_office", "this device belongs to another office")
        try:
            limit = min(max(int(request.query_params.get("limit", "500")), 1), 500)
        except ValueError as error:
            raise ApiError(422, "invalid", "limit is an integer") from error
        listed = request.app.state.store.onceonly.fetches(office_id, limit)
        return ok(office_id=office_id, fetches=listed)

    return [
        Route(f"{PREFIX}/registry/{{registry}}/lookup", lookup, methods=["POST"]),
        Route(f"{PREFIX}/offices/{{office_id}}/registry-fetches", fetches, methods=["GET"]),
    ]


def _rate_limited(seconds: float, who: str) -> ApiError:
    return ApiError(
        429,
        "rate_limited",
        f"too many registry look-ups from {who}: wait and try again",
        retry_after=int(seconds) + 1,
    )


def _authorise(
    request: Request,
    onceonly: OnceOnlyStore,
    device: Device,
    registry: str,
    asked: _Asked,
    entry: FetchEntry,
    refuse: Callable[[ApiError, FetchEntry], ApiError],
    limits: dict[str, Limits],
) -> FetchEntry:
    """Who acts: the citizen's grant or the clerk's session; the entry names them. Raises
    (logged) when neither may ask for this."""
    grant_token = request.headers.get("x-citizen-grant", "").strip()
    session_token = request.headers.get("x-clerk-session", "").strip()
    if grant_token:
        grant = onceonly.grant(grant_token)
        if grant is None or grant.device_id != device.device_id or not onceonly.grant_usable(grant):
            raise refuse(
                ApiError(403, "invalid_grant", "the citizen's sign-in is over: sign in again"),
                replace(entry, acting="citizen_grant"),
            )
        entry = replace(entry, acting="citizen_grant", grant_id=grant.grant_id)
        if asked.on_behalf_of is not None:
            raise refuse(
                ApiError(
                    403,
                    "representation_needs_clerk",
                    "acting for another person is checked at the counter, with the document",
                ),
                entry,
            )
        if not _scope_allows(grant, registry, asked):
            raise refuse(
                ApiError(403, "outside_scope", "the citizen did not approve this look-up"), entry
            )
        if not _owned_by(registry, asked.identifier, grant.subject_afm):
            raise refuse(
                ApiError(
                    403, "not_your_record", "a citizen's sign-in reaches only their own records"
                ),
                entry,
            )
        return entry
    if session_token:
        session = onceonly.clerk_session(session_token, device.device_id)
        if session is None:
            raise refuse(
                ApiError(403, "invalid_session", "the clerk's session is over: sign in again"),
                replace(entry, acting="clerk"),
            )
        entry = replace(entry, acting="clerk", clerk_id=session.clerk_id)
        if asked.identity_check is None:
            raise refuse(
                ApiError(
                    403,
                    "identity_check_required",
                    "record the applicant's identity document before a look-up",
                ),
                entry,
            )
        entry = replace(entry, identity_document=asked.identity_check["document_type"])
        bound = _bound_attributes(request, asked, registry)
        if bound is not None and not set(asked.attributes) <= bound:
            raise refuse(
                ApiError(403, "outside_scope", "the procedure does not bind these attributes"),
                entry,
            )
        waited = onceonly.take(
            "clerk", f"{session.office_id}/{session.clerk_id}", limits.get("clerk", CLERK_LIMITS)
        )
        if waited is not None:
            raise refuse(_rate_limited(waited, "this clerk"), entry)
        return entry
    raise refuse(
        ApiError(
            403,
            "grant_required",
            "a registry look-up needs the citizen's sign-in or a signed-in clerk",
        ),
        entry,
    )


def evidence_errors(submission: Submission, device: Device, store: ServerStore) -> dict[str, str]:
    """Each fetch a submission names must be one the platform logged, answered, for this
    device and this application, made on the behalf it says: a device cannot claim
    fetches it never made. A `fetch` without a fetch_id is one still pending (offline):
    the office fetches it, the applicant is not held up."""
    errors: dict[str, str] = {}
    for index, record in enumerate(submission.evidence):
        if record.fetch_id is None:
            continue
        logged = store.onceonly.logged_fetch(
            record.fetch_id, device.device_id, str(submission.submission_id)
        )
        if logged is None:
            errors[f"evidence[{index}].fetch_id"] = "not a fetch logged for this application"
        elif record.on_behalf is not None and (
            record.on_behalf.kind != logged[0]
            or (record.on_behalf.kind == "clerk" and record.on_behalf.clerk_id != logged[1])
        ):
            errors[f"evidence[{index}].on_behalf"] = "not who the platform logged for this fetch"
    return errors
