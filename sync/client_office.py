"""The platform's calls for the office as one system: its applications and their
changes, applications refused elsewhere and taken by a counter, heartbeats, parked
drafts waiting, usage aggregates and the registry-fetch log (docs/protocol.md)."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any
from uuid import UUID

import msgspec

from kiosk.analytics.aggregate import DailyAggregate
from kiosk.office_applications import (
    OfficeApplication,
    RefusedElsewhere,
    TakenDraft,
    WaitingParked,
)
from sync.errors import (
    TransientError,
)
from sync.heartbeat import Heartbeat
from sync.protocol import (
    aggregate_path,
    parse_iso,
)
from sync.transport import PlatformTransport


class AggregateReceipt(msgspec.Struct, frozen=True):
    """The platform's receipt of one day's aggregate (a Struct: made in microseconds at
    start, where a dataclass compiles its methods, docs/STACK-NOTES.md)."""

    office_id: str
    day: date
    revision: int  # the platform's; the same body again keeps it
    received_at: datetime


class OfficeCalls(PlatformTransport):
    """Calls about the office's devices and applications (PlatformClient has them)."""

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
            return [DailyAggregate.from_data(item) for item in document["aggregates"]]
        except (KeyError, TypeError, msgspec.ValidationError) as error:
            raise TransientError(f"aggregates of {office_id}: malformed answer") from error

    def region_usage(
        self, region_code: str, first: date | None = None, last: date | None = None
    ) -> dict[str, Any]:
        """The Region-wide view across offices (GET /v1/regions/{code}/usage), as JSON."""
        params = {name: day.isoformat() for name, day in (("from", first), ("to", last)) if day}
        return self._document(self._request("GET", f"/regions/{region_code}/usage", params=params))

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
        except (KeyError, TypeError, ValueError, msgspec.ValidationError) as error:
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
        submission=Submission.from_data(item["submission"]),
    )
