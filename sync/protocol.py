"""Wire-level facts of the platform protocol shared by the client and the reference server.

Every JSON answer carries `"protocol": "periferia/1"`. The client treats only such a
document, served as application/json, as an answer: a captive portal's HTML page or a
proxy's error page answered with 200 is never mistaken for success (ODK's lesson).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any, Final
from uuid import UUID

import msgspec

PROTOCOL: Final = "periferia/1"
PREFIX: Final = "/v1"
JSON_TYPE: Final = "application/json"
KEYRING_SERVICE: Final = "periferia-kiosk"
KEYRING_USERNAME: Final = "device-token"

REGISTRIES: Final = ("taxpayer", "identity", "vehicle")


# Daily usage aggregates (kiosk.analytics.aggregate.DailyAggregate, schema
# "periferia.usage/1"): counts only, no personal data. PUT under the office and day; the
# same body again is the same revision.
def aggregate_path(office_id: str, day: str) -> str:
    return f"/aggregates/{office_id}/{day}"


class Acknowledgement(msgspec.Struct, frozen=True):
    """The platform's receipt for one submission: the same on both ends of the wire."""

    submission_id: UUID
    protocol_number: str
    received_at: datetime


class ProtocolViolationError(ValueError):
    """The answer is not a well-formed protocol document (captive portal, proxy page,
    truncated body, another service on the port)."""


def now_utc() -> datetime:
    return datetime.now(UTC)


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def parse_iso(text: str) -> datetime:
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        raise ValueError(f"timestamp without a time zone: {text!r}")
    return moment


def envelope(**fields: Any) -> dict[str, Any]:
    """A protocol document: the marker first, then the fields."""
    return {"protocol": PROTOCOL, **fields}


def parse_document(content_type: str | None, raw: bytes) -> dict[str, Any]:
    """Decode a protocol document or raise ProtocolViolationError saying why not."""
    media_type = (content_type or "").split(";", 1)[0].strip().lower()
    if media_type != JSON_TYPE:
        raise ProtocolViolationError(f"expected {JSON_TYPE}, got {media_type or 'no type'}")
    try:
        document = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as error:
        raise ProtocolViolationError(f"body is not JSON ({len(raw)} bytes)") from error
    if not isinstance(document, dict) or document.get("protocol") != PROTOCOL:
        raise ProtocolViolationError(f"body is not a {PROTOCOL} document")
    return document
