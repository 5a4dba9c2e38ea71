"""«Upload from your phone» on the reference server: the kiosk shows a QR code, the
citizen's phone opens the page it names and sends one file, the kiosk collects it.

- `POST /v1/phone-uploads` (device): a one-time token, valid 15 minutes; the server
  keeps only its SHA-256. The QR code holds `/v1/phone/{token}`.
- `GET /v1/phone/{token}`: the page (no device token: the token in the URL is the
  permission), Greek and English; `PUT` the same path sends the file's bytes (PDF, JPEG
  or PNG by their first bytes, at most 20 MB), once.
- `GET /v1/phone-uploads/{token}` (a device of the same office): `received: false`, or
  the file, which the server then deletes."""

from __future__ import annotations

import base64
import hashlib
import secrets
from collections.abc import Callable
from datetime import timedelta

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from kiosk.documents.importing import sniff
from sync.protocol import PREFIX, iso, now_utc, parse_iso
from sync.server.errors import ApiError, ok
from sync.server.limits import read_json, read_limited
from sync.server.store import Device, ServerStore

MAX_PHONE_FILE = 20 * 1024 * 1024
LIFETIME = timedelta(minutes=15)
_SCHEMA = """
CREATE TABLE IF NOT EXISTS phone_uploads (
    token_sha TEXT PRIMARY KEY, office_id TEXT NOT NULL, expires_at TEXT NOT NULL,
    media_type TEXT, body BLOB);
"""
Authenticate = Callable[[Request], Device]

_PAGE = """<!doctype html>
<html lang="el"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Αποστολή δικαιολογητικού · Send a document</title>
<style>body{font-family:sans-serif;margin:1.5em;font-size:1.2em}
button,input{font-size:1em;margin:.6em 0;display:block}</style></head>
<body><h1>Αποστολή δικαιολογητικού</h1>
<p>Φωτογραφίστε το έγγραφο ή επιλέξτε αρχείο PDF, JPEG ή PNG (έως 20 MB).
<br><span lang="en">Photograph the document or choose a PDF, JPEG or PNG file (up to 20 MB).</span></p>
<input id="file" type="file" accept="application/pdf,image/jpeg,image/png" capture="environment"
 aria-label="Αρχείο · File">
<button id="send">Αποστολή · Send</button>
<p id="state" role="status"></p>
<script>
document.getElementById('send').onclick = async () => {
  const file = document.getElementById('file').files[0];
  const state = document.getElementById('state');
  if (!file) { state.textContent = 'Επιλέξτε αρχείο. · Choose a file.'; return; }
  state.textContent = 'Αποστολή… · Sending…';
  const answer = await fetch(location.pathname, {method: 'PUT', body: file});
  state.textContent = answer.ok
    ? 'Λάβαμε το αρχείο· συνεχίστε στο περίπτερο. · File received; go on at the kiosk.'
    : 'Δεν στάλθηκε· ξαναδοκιμάστε. · Not sent; try again.';
};
</script></body></html>
"""


def _ready(store: ServerStore) -> ServerStore:
    store.ensure_tables("phone", _SCHEMA)
    return store


def _sha(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _live(store: ServerStore, token: str) -> tuple[str, str | None]:
    """(office, media type if a file arrived) of a live token; 404 otherwise."""
    row = store._one(
        "SELECT office_id, expires_at, media_type FROM phone_uploads WHERE token_sha = ?",
        _sha(token),
    )
    if row is None or parse_iso(str(row[1])) <= now_utc():
        raise ApiError(404, "unknown_upload", "no upload under this link, or it has expired")
    return str(row[0]), row[2]


def phone_routes(authenticate: Authenticate) -> list[Route]:
    async def begin(request: Request) -> Response:
        device = authenticate(request)
        await read_json(request)
        store = _ready(request.app.state.store)
        token = secrets.token_urlsafe(24)
        expires = now_utc() + LIFETIME
        with store._lock:
            store._db.execute(
                "INSERT INTO phone_uploads (token_sha, office_id, expires_at) VALUES (?, ?, ?)",
                (_sha(token), device.office_id, iso(expires)),
            )
        return ok(token=token, page=f"{PREFIX}/phone/{token}", expires_at=iso(expires))

    async def page(request: Request) -> Response:
        store = _ready(request.app.state.store)
        with store._lock:
            _live(store, request.path_params["token"])
        return HTMLResponse(_PAGE, headers={"Cache-Control": "no-store"})

    async def receive(request: Request) -> Response:
        store = _ready(request.app.state.store)
        token = request.path_params["token"]
        with store._lock:
            _, arrived = _live(store, token)
        if arrived is not None:
            raise ApiError(409, "already_sent", "a file was already sent with this link")
        body = await read_limited(request, MAX_PHONE_FILE)
        kind = sniff(body[:1024])
        if kind is None:
            raise ApiError(415, "not_a_document", "send a PDF, JPEG or PNG")
        with store._lock:
            store._db.execute(
                "UPDATE phone_uploads SET media_type = ?, body = ? "
                "WHERE token_sha = ? AND media_type IS NULL",
                (kind, body, _sha(token)),
            )
        return ok(received=True)

    async def collect(request: Request) -> Response:
        device = authenticate(request)
        store = _ready(request.app.state.store)
        token = request.path_params["token"]
        with store._lock:
            office, arrived = _live(store, token)
            if office != device.office_id:
                raise ApiError(404, "unknown_upload", "no upload under this link")
            if arrived is None:
                return ok(received=False)
            row = store._one("SELECT body FROM phone_uploads WHERE token_sha = ?", _sha(token))
            store._db.execute("DELETE FROM phone_uploads WHERE token_sha = ?", (_sha(token),))
        assert row is not None
        body = base64.b64encode(bytes(row[0])).decode()
        return ok(received=True, media_type=arrived, body=body)

    return [
        Route(f"{PREFIX}/phone-uploads", begin, methods=["POST"]),
        Route(f"{PREFIX}/phone-uploads/{{token}}", collect, methods=["GET"]),
        Route(f"{PREFIX}/phone/{{token}}", page, methods=["GET"]),
        Route(f"{PREFIX}/phone/{{token}}", receive, methods=["PUT"]),
    ]
