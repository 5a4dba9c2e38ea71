"""Fleet health for the Region's IT (docs/fleet.md): each device's latest heartbeat,
shown stale and stuck ones first, as JSON (`GET /v1/fleet`) and as a page
(`GET /v1/fleet.html`).

Who may see it: whoever holds an admin token of the server (`kiosk server admin
fleet-token`, kept only as a SHA-256), sent as `Authorization: Bearer TOKEN` or, from a
browser, as HTTP Basic with any user name and the token as password (the page asks for
it). Device tokens are refused: a kiosk has no business reading the fleet.

States, in the order shown:
- `stale`: no heartbeat for STALE_AFTER (or never): off, unplugged, or its link is down;
- `stuck`: it reports in, but an application has waited to be sent for longer than
  STUCK_AFTER, or the platform refused some (quarantined: a clerk must correct them);
- `attention`: its last `kiosk doctor` had failed checks;
- `ok`; then `revoked` devices, last."""

from __future__ import annotations

import base64
import binascii
import hmac
import html
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import msgspec
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from kiosk.regions import ATHENS
from sync.heartbeat import Heartbeat
from sync.protocol import PREFIX, iso, now_utc, parse_iso
from sync.server.errors import ApiError, ok
from sync.server.limits import field_messages, parse_json, read_limited
from sync.server.store import ServerStore, digest

STALE_AFTER = timedelta(minutes=15)  # three missed heartbeats (one per 5 minutes)
STUCK_AFTER = timedelta(hours=1)
MAX_HEARTBEAT_BYTES = 8 * 1024
ORDER = ("stale", "stuck", "attention", "ok", "revoked")

Authenticate = Callable[[Request], Any]


@dataclass(frozen=True)
class FleetDevice:
    device_id: str
    office_id: str
    region_code: str | None
    state: str
    reasons: tuple[str, ...]
    last_seen: str | None
    heartbeat: dict[str, Any] | None

    def as_json(self) -> dict[str, Any]:
        return {
            "device_id": self.device_id,
            "office_id": self.office_id,
            "region_code": self.region_code,
            "state": self.state,
            "reasons": list(self.reasons),
            "last_seen": self.last_seen,
            "heartbeat": self.heartbeat,
        }


def new_admin_token(store: ServerStore) -> str:
    token = secrets.token_urlsafe(32)
    store.write("INSERT INTO admin_tokens VALUES (?, ?)", digest(token), iso(now_utc()))
    return token


def is_admin(store: ServerStore, token: str) -> bool:
    if not token:
        return False
    wanted = digest(token)
    return any(
        hmac.compare_digest(str(row[0]), wanted)
        for row in store.query("SELECT token_sha256 FROM admin_tokens")
    )


def _state(
    heartbeat: Heartbeat | None, received: datetime | None, now: datetime
) -> tuple[str, tuple[str, ...]]:
    if heartbeat is None or received is None:
        return "stale", ("no heartbeat yet",)
    if now - received > STALE_AFTER:
        minutes = int((now - received).total_seconds() // 60)
        return "stale", (f"silent for {minutes} min",)
    reasons = []
    if heartbeat.oldest_unsent_at is not None and now - heartbeat.oldest_unsent_at > STUCK_AFTER:
        reasons.append(
            f"{heartbeat.outbox_depth} waiting, oldest since {_when(iso(heartbeat.oldest_unsent_at))}"
        )
    if heartbeat.quarantined:
        reasons.append(f"{heartbeat.quarantined} refused by the platform")
    if reasons:
        return "stuck", tuple(reasons)
    if heartbeat.doctor is not None and heartbeat.doctor.failed:
        return "attention", ("doctor: " + ", ".join(heartbeat.doctor.failed),)
    return "ok", ()


def fleet(
    store: ServerStore, region: str | None = None, now: datetime | None = None
) -> list[FleetDevice]:
    """Every device (of `region`, when given), stale and stuck ones first."""
    now = now or now_utc()
    rows = store.query(
        "SELECT d.device_id, d.office_id, r.revoked_at, h.region_code, h.received_at, h.body "
        "FROM devices d LEFT JOIN device_revocations r USING (device_id) "
        "LEFT JOIN device_heartbeats h USING (device_id)"
    )
    found = []
    for device_id, office_id, revoked_at, region_code, received, body in rows:
        if region is not None and region_code != region:
            continue
        heartbeat = Heartbeat.from_json_bytes(body) if body else None
        seen = parse_iso(str(received)) if received else None
        state, reasons = (
            ("revoked", (f"revoked {_when(str(revoked_at))}",))
            if revoked_at
            else _state(heartbeat, seen, now)
        )
        found.append(
            FleetDevice(
                str(device_id), str(office_id), None if region_code is None else str(region_code),
                state, reasons, None if received is None else str(received),
                msgspec.to_builtins(heartbeat) if heartbeat else None,
            )
        )  # fmt: skip
    # Within a state the longest silent first (never seen: first of all).
    return sorted(found, key=lambda d: (ORDER.index(d.state), d.last_seen or "", d.device_id))


def device_lines(store: ServerStore, office_id: str | None = None) -> list[str]:
    """`kiosk server admin devices list`: one line per device."""
    from sync.server.office import devices

    enrolled = {row.device_id: row.enrolled_at for row in devices(store, office_id)}
    lines = [
        f"{device.device_id}  office {device.office_id}  {device.state:<9}  "
        f"enrolled {enrolled[device.device_id]}  last seen {device.last_seen or 'never'}"
        for device in fleet(store)
        if device.device_id in enrolled
    ]
    return lines or ["no devices enrolled"]


def _when(text: str | None) -> str:
    """An ISO time as the Region's IT reads it: 2026-12-06 07:29, Greek time (the JSON
    keeps the ISO times; only the words and the page use this)."""
    if not text:
        return "—"
    try:
        return parse_iso(text).astimezone(ATHENS).strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return text


def _token(request: Request) -> str:
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer":
        return value.strip()
    if scheme.lower() == "basic":
        try:
            return base64.b64decode(value.strip(), validate=True).decode().partition(":")[2]
        except (binascii.Error, UnicodeDecodeError):
            return ""
    return ""


_STYLE = """
body{font-family:sans-serif;margin:1.5rem;color:#1b1b1b}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #b1b4b6;padding:.4rem;text-align:left}
th{background:#f3f2f1}tr.stale td.state{background:#d4351c;color:#fff}
tr.stuck td.state{background:#f47738}tr.attention td.state{background:#ffdd00}
tr.ok td.state{background:#00703c;color:#fff}tr.revoked{color:#505a5f}
"""
_LABELS = {
    "stale": "Σιωπηλή / stale",
    "stuck": "Κολλημένη / stuck",
    "attention": "Προσοχή / attention",
    "ok": "Εντάξει / ok",
    "revoked": "Ανακλήθηκε / revoked",
}


def fleet_page(devices: list[FleetDevice], region: str | None, now: datetime) -> str:
    e = html.escape
    counts = {state: sum(1 for d in devices if d.state == state) for state in ORDER}
    summary = ", ".join(f"{_LABELS[s]}: {n}" for s, n in counts.items() if n)
    rows = []
    for d in devices:
        beat = d.heartbeat or {}
        cells = (
            d.device_id, d.office_id, d.region_code or "—", _LABELS[d.state],
            "; ".join(d.reasons) or "—", _when(d.last_seen), str(beat.get("app_version", "—")),
            str(beat.get("catalog_version") or "—"), str(beat.get("outbox_depth", "—")),
            str(beat.get("quarantined", "—")), _when(beat.get("last_sync_at")),
        )  # fmt: skip
        tds = "".join(
            f'<td class="{"state" if i == 3 else "c"}">{e(c)}</td>' for i, c in enumerate(cells)
        )
        rows.append(
            f'<tr class="{e(d.state)}" data-device="{e(d.device_id)}" data-state="{e(d.state)}">{tds}</tr>'
        )
    heads = (
        "Συσκευή / device", "Γραφείο / office", "Περιφέρεια / region", "Κατάσταση / state",
        "Γιατί / why", "Τελευταίο σήμα / last seen", "Έκδοση / app", "Κατάλογος / catalog",
        "Σε αναμονή / outbox", "Απορρίφθηκαν / quarantined", "Τελευταίος συγχρονισμός / last sync",
    )  # fmt: skip
    title = "Συσκευές / devices" + (f" — Περιφέρεια {e(region)}" if region else "")
    return (
        f'<!doctype html><html lang="el"><head><meta charset="utf-8"><title>{title}</title>'
        f"<style>{_STYLE}</style></head><body><h1>{title}</h1>"
        f'<p id="summary">{e(summary) or "—"} ({e(_when(iso(now)))}, ώρα Ελλάδας / '
        "Greek time)</p>"
        f'<table id="fleet"><thead><tr>{"".join(f"<th>{e(h)}</th>" for h in heads)}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></body></html>"
    )


def fleet_routes(authenticate: Authenticate) -> list[Route]:
    def admin(request: Request) -> ServerStore:
        store: ServerStore = request.app.state.store
        if not is_admin(store, _token(request)):
            raise ApiError(401, "unauthorised", "an admin token of the server is needed")
        return store

    def region(request: Request) -> str | None:
        value = request.query_params.get("region")
        return value or None

    async def heartbeat(request: Request) -> Response:
        device = authenticate(request)
        body = await read_limited(request, MAX_HEARTBEAT_BYTES)
        document = parse_json(body, "invalid_heartbeat")
        try:
            beat = Heartbeat.from_json_bytes(body)
        except msgspec.DecodeError as error:
            fields = field_messages(document, Heartbeat, error)
            raise ApiError(422, "invalid_heartbeat", "the heartbeat is invalid", fields) from error
        store: ServerStore = request.app.state.store
        received = iso(now_utc())
        store.write(
            "INSERT OR REPLACE INTO device_heartbeats VALUES (?, ?, ?, ?, ?)",
            device.device_id, device.office_id, beat.region_code, received,
            beat.to_json_bytes().decode(),
        )  # fmt: skip
        return ok(device_id=device.device_id, received_at=received)

    async def fleet_json(request: Request) -> Response:
        store = admin(request)
        now = now_utc()
        devices = fleet(store, region(request), now)
        return ok(generated_at=iso(now), devices=[d.as_json() for d in devices])

    async def fleet_html(request: Request) -> Response:
        store: ServerStore = request.app.state.store
        if not is_admin(store, _token(request)):
            return HTMLResponse(
                "<!doctype html><p>Χρειάζεται κλειδί διαχειριστή / an admin token is needed "
                "(kiosk server admin fleet-token).</p>",
                status_code=401,
                headers={"WWW-Authenticate": 'Basic realm="fleet", charset="UTF-8"'},
            )
        now = now_utc()
        chosen = region(request)
        return HTMLResponse(fleet_page(fleet(store, chosen, now), chosen, now))

    return [
        Route(f"{PREFIX}/devices/me/heartbeat", heartbeat, methods=["PUT"]),
        Route(f"{PREFIX}/fleet", fleet_json, methods=["GET"]),
        Route(f"{PREFIX}/fleet.html", fleet_html, methods=["GET"]),
    ]
