"""Resumable, content-addressed attachment uploads.

`GET /v1/attachments/{sha256}` says how many bytes the server holds. `PATCH` appends
from `Upload-Offset` (which must equal what the server holds: a stale offset gets 409
with the real one) toward `Upload-Length`. Bytes are written as they stream in, so a
connection dropped midway keeps what arrived and the client continues from there. On
the last byte the server hashes the whole file and keeps it only if it matches the
name: a corrupted upload is discarded, never accepted.

An upload is the uploading office's: its state, its bytes and its declared length are
kept per office, so another office's device can neither see that a digest is held nor
squat it with a few junk bytes and a false Upload-Length (that would have quarantined
the rightful submission with `length_mismatch`).
"""

from __future__ import annotations

import asyncio
import hashlib
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response
from starlette.routing import Route

from sync.protocol import PREFIX
from sync.server.errors import ApiError, ok
from sync.server.store import ServerStore, UploadState

_SHA256 = re.compile(r"^[0-9a-f]{64}$")
MAX_ATTACHMENT_BYTES = 512 * 1024 * 1024


def _state_document(state: UploadState) -> Response:
    return ok(sha256=state.sha256, size=state.size, offset=state.offset, complete=state.complete)


def _sha(request: Request) -> str:
    sha256 = str(request.path_params["sha256"])
    if not _SHA256.match(sha256):
        raise ApiError(422, "invalid", "not a sha256 digest", {"sha256": "64 lowercase hex"})
    return sha256


def _int_header(request: Request, name: str) -> int:
    try:
        value = int(request.headers[name])
    except (KeyError, ValueError) as error:
        raise ApiError(422, "invalid", f"{name} is required", {name: "integer"}) from error
    if value < 0:
        raise ApiError(422, "invalid", f"{name} is negative", {name: "integer >= 0"})
    return value


def attachment_routes(authenticate: Callable[[Request], Any]) -> list[Route]:
    async def get_state(request: Request) -> Response:
        device = authenticate(request)
        store: ServerStore = request.app.state.store
        return _state_document(store.upload_state(device.office_id, _sha(request)))

    async def patch(request: Request) -> Response:
        office = authenticate(request).office_id
        store: ServerStore = request.app.state.store
        sha256 = _sha(request)
        offset = _int_header(request, "upload-offset")
        length = _int_header(request, "upload-length")
        if length > MAX_ATTACHMENT_BYTES:
            raise ApiError(413, "too_large", f"attachments are limited to {MAX_ATTACHMENT_BYTES}")
        # One writer per digest and office: two devices uploading one scan take turns.
        locks: dict[tuple[str, str], asyncio.Lock] = request.app.state.upload_locks
        lock = locks.setdefault((office, sha256), asyncio.Lock())
        async with lock:
            state = store.upload_state(office, sha256)
            if state.complete:
                return _state_document(state)
            if state.size is not None and state.size != length and state.offset == 0:
                store.discard_upload(office, sha256)  # nothing held yet: start afresh
                state = store.upload_state(office, sha256)
            if state.size is not None and state.size != length:
                raise ApiError(409, "length_mismatch", "Upload-Length differs", offset=state.offset)
            if offset != state.offset:
                raise ApiError(409, "offset_mismatch", "resume from offset", offset=state.offset)
            store.begin_upload(office, sha256, length)
            hasher = hashlib.sha256() if offset == 0 else None
            held = await _append(request, store.part_path(office, sha256), offset, length, hasher)
            if held == length:
                streamed = hasher.hexdigest() if hasher is not None else None
                kept = await run_in_threadpool(store.finish_upload, office, sha256, streamed)
                if not kept:
                    raise ApiError(422, "sha256_mismatch", "the bytes do not match their digest")
            return _state_document(store.upload_state(office, sha256))

    return [
        Route(f"{PREFIX}/attachments/{{sha256}}", get_state, methods=["GET"]),
        Route(f"{PREFIX}/attachments/{{sha256}}", patch, methods=["PATCH"]),
    ]


async def _append(
    request: Request, path: Path, offset: int, length: int, hasher: Any | None
) -> int:
    held = offset
    with path.open("ab") as part:
        try:
            async for chunk in request.stream():
                if held + len(chunk) > length:
                    raise ApiError(422, "too_long", "more bytes than Upload-Length")
                part.write(chunk)
                if hasher is not None:
                    hasher.update(chunk)
                held += len(chunk)
                request.app.state.bytes_received += len(chunk)
        except ClientDisconnect:
            # Keep what arrived: the client resumes from here.
            pass
    return held
