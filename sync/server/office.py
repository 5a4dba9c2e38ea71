"""What a device reads about its own office, and what binds a device to it
(sync/openapi.json: /v1/device, /v1/offices/{office_id}/applications and .../parked).

- `GET /v1/device`: which device and office the token speaks for (or 403
  `device_revoked`): `kiosk doctor` compares it with the office file.
- `GET /v1/offices/{office_id}/applications`: the office's applications from every
  channel and device, as a feed of changes paged by cursor (the sequence of the last
  status event each one had): status, protocol number, decision, the reasons one needs
  attention, and the submission as the platform holds it (a counter reprints a kiosk's
  receipt from it). Only the token's office: another office's id is 403.
- `GET /v1/offices/{office_id}/parked`: the parked drafts waiting on the platform, by
  time only (the blob is sealed; the platform knows no procedure, name or code).
- Refused applications, for any counter of the office to correct: the device whose
  outbox the platform refused reports the draft (`PUT .../refused/{id}`, the hand-over
  document of kiosk.store.handoff with the reason and the fields named); counters list
  them (`GET .../refused`, no answers) and one takes it (`POST .../refused/{id}/take`):
  handed over once, in one transaction, like a parked draft. The reporting device learns
  at its next report that it was taken (`taken`) and stops holding it as refused.

Revocation (an admin command, ui/cli/commands/server.py) keeps the device's row and
marks it: its token then gets 403 `device_revoked`, which the device can explain,
instead of the 401 of a token nobody ever issued."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any
from uuid import UUID

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from sync.protocol import PREFIX, iso, now_utc
from sync.server.errors import ApiError, ok
from sync.server.limits import parse_json, read_limited
from sync.server.store import ServerStore, digest

Authenticate = Callable[[Request], Any]
PAGE_LIMIT = 200

# Decisions and statuses of the back office that ask something of the applicant.
_REFUSING_DECISIONS = {"rejected", "refused"}
_RETURNING_STATUSES = {"returned", "needs_correction"}


@dataclass(frozen=True)
class DeviceRow:
    device_id: str
    office_id: str
    enrolled_at: str
    revoked_at: str | None


# -- binding and revocation (the admin commands and authenticate use these) -----------


def revoked(store: ServerStore, device_id: str) -> bool:
    return bool(store.query("SELECT 1 FROM device_revocations WHERE device_id=?", device_id))


def revoke_device(store: ServerStore, device_id: str) -> bool:
    """Mark a device revoked; False when no such device was ever enrolled."""
    if not store.query("SELECT 1 FROM devices WHERE device_id=?", device_id):
        return False
    store.write("INSERT OR IGNORE INTO device_revocations VALUES (?, ?)", device_id, iso(now_utc()))
    return True


def devices(store: ServerStore, office_id: str | None = None) -> list[DeviceRow]:
    sql = (
        "SELECT d.device_id, d.office_id, d.enrolled_at, r.revoked_at FROM devices d "
        "LEFT JOIN device_revocations r USING (device_id)"
    )
    rows = (
        store.query(sql + " WHERE d.office_id=? ORDER BY d.enrolled_at", office_id)
        if office_id
        else store.query(sql + " ORDER BY d.office_id, d.enrolled_at")
    )
    return [DeviceRow(str(a), str(b), str(c), None if d is None else str(d)) for a, b, c, d in rows]


def create_code(store: ServerStore, office_id: str, days: float) -> str:
    return store.create_enrolment_code(office_id, timedelta(days=days))


def revoke_code(store: ServerStore, code: str) -> bool:
    """Withdraw an unused code (a note lost, a device not coming): it is then unknown."""
    changed = store.write(
        "DELETE FROM enrolment_codes WHERE code_sha256=? AND used_at IS NULL",
        digest(code.strip().upper()),
    )
    return changed > 0


def code_office(store: ServerStore, code: str) -> str | None:
    """The office an unused code enrols into (checked before the code is spent)."""
    rows = store.query(
        "SELECT office_id FROM enrolment_codes WHERE code_sha256=? AND used_at IS NULL",
        digest(code.strip().upper()),
    )
    return str(rows[0][0]) if rows else None


# -- what a device reads about its office --------------------------------------------


def attention(status: str, decision: str | None, submission: dict[str, Any]) -> list[str]:
    """Why an application needs someone (reason codes; the client words them)."""
    reasons = []
    if status in _RETURNING_STATUSES:
        reasons.append("returned_for_correction")
    if decision in _REFUSING_DECISIONS:
        reasons.append("decision_refused")
    documents = submission.get("documents") or []
    if any(isinstance(d, dict) and d.get("status") == "bring" for d in documents):
        reasons.append("documents_to_bring")
    checks = submission.get("once_only_checks") or []
    if any(isinstance(c, dict) and c.get("status") == "failed" for c in checks):
        reasons.append("registry_check_failed")
    return reasons


def office_applications(
    store: ServerStore, office_id: str, cursor: int, limit: int
) -> list[dict[str, Any]]:
    """The office's applications whose last status event is after `cursor`, oldest
    change first: a device that keeps the last cursor gets each change once."""
    rows = store.query(
        "SELECT s.submission_id, s.device_id, s.protocol_number, s.received_at, s.body, "
        "e.seq, e.status, e.decision, e.changed_at FROM submissions s "
        "JOIN status_events e ON e.seq = (SELECT max(x.seq) FROM status_events x "
        "WHERE x.submission_id = s.submission_id AND x.device_id = s.device_id) "
        "WHERE s.office_id=? AND e.seq>? ORDER BY e.seq LIMIT ?",
        office_id,
        cursor,
        limit,
    )
    found = []
    for sid, device_id, number, received, body, seq, status, decision, changed in rows:
        submission = json.loads(bytes(body))
        found.append(
            {
                "seq": int(seq),
                "submission_id": str(sid),
                "procedure_id": str(submission.get("procedure_id", "")),
                "procedure_version": str(submission.get("procedure_version", "")),
                "channel": str(submission.get("channel", "")),
                "device_id": str(device_id),
                "status": str(status),
                "protocol_number": str(number),
                "decision": decision,
                "received_at": str(received),
                "changed_at": str(changed),
                "attention": attention(str(status), decision, submission),
                "submission": submission,
            }
        )
    return found


def office_parked(store: ServerStore, office_id: str) -> list[dict[str, Any]]:
    rows = store.query(
        "SELECT lookup_id, stored_at, expires_at FROM parked_drafts WHERE office_id=? "
        "AND state='waiting' AND blob IS NOT NULL AND expires_at >= ? ORDER BY stored_at",
        office_id,
        now_utc().strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
    )
    # A reference, not the lookup id: the list says that a draft is waiting, not how
    # to ask for it (that takes the code the citizen holds).
    return [
        {"ref": digest(str(lookup))[:12], "stored_at": str(stored), "expires_at": str(expires)}
        for lookup, stored, expires in rows
    ]


MAX_REFUSED_BYTES = 2 * 1024 * 1024


def report_refused(
    store: ServerStore, device: Any, submission_id: str, document: dict[str, Any]
) -> str:
    """Keep a refused draft for the office's counters; the same report again answers its
    state (`waiting`, or `taken` once a counter took it, or `accepted` when the platform
    holds an application under that id after all)."""
    draft, reason, fields = document.get("draft"), document.get("reason"), document.get("fields")
    if (
        not isinstance(draft, dict)
        or draft.get("submission_id") != submission_id
        or not isinstance(reason, str)
        or not isinstance(fields, list)
        or not all(isinstance(f, str) and len(f) <= 100 for f in fields)
    ):
        raise ApiError(422, "invalid", "expected {draft, reason, fields} for this id")
    office_id = device.office_id
    if store.query(
        "SELECT 1 FROM submissions WHERE office_id=? AND submission_id=?", office_id, submission_id
    ):
        return "accepted"
    store.write(
        "INSERT OR IGNORE INTO refused_drafts (office_id, submission_id, device_id, procedure_id, "
        "channel, draft, reason, fields, reported_at) VALUES (?,?,?,?,?,?,?,?,?)",
        office_id, submission_id, device.device_id, str(draft.get("procedure_id", ""))[:100],
        "kiosk" if draft.get("channel") == "kiosk" else "counter",
        json.dumps(draft, ensure_ascii=False), reason[:500], json.dumps(fields[:100]),
        iso(now_utc()),
    )  # fmt: skip
    rows = store.query(
        "SELECT state FROM refused_drafts WHERE office_id=? AND submission_id=?",
        office_id,
        submission_id,
    )
    return str(rows[0][0])


def refused_waiting(store: ServerStore, office_id: str) -> list[dict[str, Any]]:
    rows = store.query(
        "SELECT submission_id, procedure_id, channel, device_id, reason, fields, reported_at "
        "FROM refused_drafts WHERE office_id=? AND state='waiting' ORDER BY reported_at",
        office_id,
    )
    keys = ("submission_id", "procedure_id", "channel", "device_id", "reason", "fields")
    return [
        dict(zip(keys, row[:5], strict=False))
        | {"fields": json.loads(row[5]), "reported_at": row[6]}
        for row in rows
    ]


def take_refused(store: ServerStore, device: Any, submission_id: str) -> dict[str, Any]:
    """The refused draft for this counter, once: the row is emptied as it is handed over."""
    taken = store.write(
        "UPDATE refused_drafts SET state='taken', taken_by=? "
        "WHERE office_id=? AND submission_id=? AND state='waiting'",
        device.device_id,
        device.office_id,
        submission_id,
    )
    rows = store.query(
        "SELECT draft, reason, fields, state FROM refused_drafts "
        "WHERE office_id=? AND submission_id=?",
        device.office_id,
        submission_id,
    )
    if not rows:
        raise ApiError(404, "unknown_refused", "no refused application under this id")
    if not taken:
        raise ApiError(410, "taken", "another counter has taken this application")
    draft, reason, fields, _state = rows[0]
    store.write(
        "UPDATE refused_drafts SET draft=NULL WHERE office_id=? AND submission_id=?",
        device.office_id,
        submission_id,
    )
    return {"draft": json.loads(draft), "reason": reason, "fields": json.loads(fields)}


def _submission_id(request: Request) -> str:
    text = str(request.path_params["submission_id"])
    try:
        return str(UUID(text))
    except ValueError as error:
        raise ApiError(404, "unknown_refused", "not an application id") from error


def office_routes(authenticate: Authenticate) -> list[Route]:
    def own_office(request: Request) -> Any:
        device = authenticate(request)
        if request.path_params["office_id"] != device.office_id:
            raise ApiError(403, "wrong_office", "this device belongs to another office")
        return device

    async def whoami(request: Request) -> Response:
        device = authenticate(request)
        return ok(device_id=device.device_id, office_id=device.office_id)

    async def applications(request: Request) -> Response:
        device = own_office(request)
        try:
            cursor = int(request.query_params.get("cursor", "0"))
            limit = min(max(int(request.query_params.get("limit", "100")), 1), PAGE_LIMIT)
        except ValueError as error:
            raise ApiError(422, "invalid", "cursor and limit are integers") from error
        store: ServerStore = request.app.state.store
        found = office_applications(store, device.office_id, max(cursor, 0), limit)
        return ok(
            office_id=device.office_id,
            applications=found,
            cursor=found[-1]["seq"] if found else max(cursor, 0),
            more=len(found) == limit,
        )

    async def parked(request: Request) -> Response:
        device = own_office(request)
        store: ServerStore = request.app.state.store
        return ok(office_id=device.office_id, parked=office_parked(store, device.office_id))

    async def put_refused(request: Request) -> Response:
        device = own_office(request)
        submission_id = _submission_id(request)
        body = await read_limited(request, MAX_REFUSED_BYTES)
        document = parse_json(body, "invalid")
        if not isinstance(document, dict):
            raise ApiError(422, "invalid", "expected a JSON object")
        state = report_refused(request.app.state.store, device, submission_id, document)
        return ok(submission_id=submission_id, state=state)

    async def list_refused(request: Request) -> Response:
        device = own_office(request)
        found = refused_waiting(request.app.state.store, device.office_id)
        return ok(office_id=device.office_id, refused=found)

    async def take(request: Request) -> Response:
        device = own_office(request)
        submission_id = _submission_id(request)
        return ok(
            submission_id=submission_id,
            **take_refused(request.app.state.store, device, submission_id),
        )

    return [
        Route(f"{PREFIX}/device", whoami, methods=["GET"]),
        Route(f"{PREFIX}/offices/{{office_id}}/refused", list_refused, methods=["GET"]),
        Route(
            f"{PREFIX}/offices/{{office_id}}/refused/{{submission_id}}",
            put_refused,
            methods=["PUT"],
        ),
        Route(
            f"{PREFIX}/offices/{{office_id}}/refused/{{submission_id}}/take", take, methods=["POST"]
        ),
        Route(f"{PREFIX}/offices/{{office_id}}/applications", applications, methods=["GET"]),
        Route(f"{PREFIX}/offices/{{office_id}}/parked", parked, methods=["GET"]),
    ]
