"""The reference server's TUF repository of builds, and the routes that serve it.

Four roles (root, targets, snapshot, timestamp), one Ed25519 key each, kept in
`<db folder>/updates/keys/` (PEM, readable by the server's user only). Metadata is
written with consistent snapshots: `N.root.json`, `N.targets.json`, `N.snapshot.json`,
`timestamp.json`, and each build as `targets/<sha256>.<name>`. A build's entry carries
its version, channel and rollout rule in the signed `custom` field: the device decides
from that, never from an unsigned answer. Devices report how an update went with
`PUT /v1/devices/me/update-status` (a small JSON document, kept per device).

The timestamp (1 day) and snapshot (7 days) are re-signed by the server itself when
they come within 6 hours of expiry (`keep_fresh`, a background task of the app), not
only when a build is published."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from securesystemslib.signer import CryptoSigner, SSlibKey
from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import Route
from tuf.api.metadata import (
    Metadata,
    MetaFile,
    Root,
    Snapshot,
    TargetFile,
    Targets,
    Timestamp,
)
from tuf.api.serialization.json import JSONSerializer

from sync.protocol import PREFIX
from sync.server.errors import ApiError, ok
from sync.server.limits import read_limited

ROLES = ("root", "targets", "snapshot", "timestamp")
EXPIRY = {
    "root": timedelta(days=365),
    "targets": timedelta(days=90),
    "snapshot": timedelta(days=7),
    "timestamp": timedelta(days=1),
}
REFRESH_MARGIN = timedelta(hours=6)  # re-sign a role this long before it expires
REFRESH_EVERY = 15 * 60.0  # seconds between the server's looks at the expiries
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$")
MAX_STATUS_BYTES = 4096
log = logging.getLogger(__name__)


class RepositoryError(Exception):
    """The repository cannot sign (a missing key, a bad build file)."""


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


class UpdateRepository:
    def __init__(
        self, folder: Path, *, create: bool = True, clock: Callable[[], datetime] = _now
    ) -> None:
        self.folder = folder
        self._clock = clock
        self.keys = folder / "keys"
        self.metadata = folder / "metadata"
        self.targets = folder / "targets"
        self.status = folder / "status"
        if not (self.metadata / "root.json").exists():
            if not create:
                raise RepositoryError(f"no update repository in {folder}")
            self._initialise()

    # -- keys --------------------------------------------------------------------------

    def _signer(self, role: str) -> CryptoSigner:
        path = self.keys / f"{role}.pem"
        try:
            private = serialization.load_pem_private_key(path.read_bytes(), password=None)
        except (OSError, ValueError) as error:
            raise RepositoryError(
                f"the {role} key is missing or unreadable ({path}): cannot sign"
            ) from error
        assert isinstance(private, Ed25519PrivateKey)
        return CryptoSigner(private, SSlibKey.from_crypto(private.public_key()))

    def _initialise(self) -> None:
        for folder in (self.keys, self.metadata, self.targets, self.status):
            folder.mkdir(parents=True, exist_ok=True)
        os.chmod(self.keys, 0o700)
        for role in ROLES:
            key = Ed25519PrivateKey.generate()
            pem = key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
            path = self.keys / f"{role}.pem"
            path.write_bytes(pem)
            os.chmod(path, 0o600)
        root = Root(expires=self._clock() + EXPIRY["root"], consistent_snapshot=True)
        for role in ROLES:
            public = self._signer(role).public_key
            root.add_key(public, role)
        self._write(Metadata(root), "root")
        self._write(Metadata(Targets(expires=self._clock() + EXPIRY["targets"])), "targets")
        self._bump_snapshot_and_timestamp(new=True)

    # -- metadata ----------------------------------------------------------------------

    def load(self, role: str) -> Metadata[Any]:
        return Metadata.from_file(str(self.metadata / f"{role}.json"))

    def _write(self, metadata: Metadata[Any], role: str, *, sign: bool = True) -> None:
        if sign:
            metadata.signatures.clear()
            metadata.sign(self._signer(role))
        data = metadata.to_bytes(JSONSerializer(compact=False))
        if role != "timestamp":
            _atomic(self.metadata / f"{metadata.signed.version}.{role}.json", data)
        _atomic(self.metadata / f"{role}.json", data)

    def _bump_snapshot_and_timestamp(
        self, *, new: bool = False, timestamp_expires: datetime | None = None
    ) -> None:
        targets_version = self.load("targets").signed.version
        if new:
            snapshot = Metadata(Snapshot(expires=self._clock() + EXPIRY["snapshot"]))
        else:
            snapshot = self.load("snapshot")
            snapshot.signed.version += 1
            snapshot.signed.expires = self._clock() + EXPIRY["snapshot"]
        snapshot.signed.meta["targets.json"] = MetaFile(version=targets_version)
        self._write(snapshot, "snapshot")
        if new:
            timestamp = Metadata(Timestamp(expires=self._clock() + EXPIRY["timestamp"]))
        else:
            timestamp = self.load("timestamp")
            timestamp.signed.version += 1
        timestamp.signed.expires = timestamp_expires or self._clock() + EXPIRY["timestamp"]
        timestamp.signed.snapshot_meta = MetaFile(version=snapshot.signed.version)
        self._write(timestamp, "timestamp")

    def refresh(self, margin: timedelta = REFRESH_MARGIN) -> list[str]:
        """Re-sign what expires within `margin`, online keys only: the timestamp (1 day)
        and the snapshot (7 days), which a platform that publishes nothing for a day or
        a week would otherwise let lapse, so that every device refused every check as
        a freeze attack. Targets and root are signed offline in production: their
        expiry (90 and 365 days) is the Region's calendar. Returns the roles re-signed."""
        now = self._clock()
        if self.load("snapshot").signed.expires - now < margin:
            self._bump_snapshot_and_timestamp()
            return ["snapshot", "timestamp"]
        timestamp = self.load("timestamp")
        if timestamp.signed.expires - now < margin:
            timestamp.signed.version += 1
            timestamp.signed.expires = now + EXPIRY["timestamp"]
            self._write(timestamp, "timestamp")
            return ["timestamp"]
        return []

    def root_bytes(self) -> bytes:
        """The root.json a device pins at enrolment or ships with its package."""
        return (self.metadata / "1.root.json").read_bytes()

    def publish(
        self,
        build: Path,
        version: str,
        *,
        channel: str = "stable",
        percent: int = 100,
        offices: list[str] | None = None,
        timestamp_expires: datetime | None = None,
    ) -> TargetFile:
        """Sign a build (a tar archive of one install folder) into the repository."""
        if not _NAME.match(version):
            raise RepositoryError(f"not a version name: {version!r}")
        if not 0 <= percent <= 100:
            raise RepositoryError(f"the rollout share is 0-100 %, not {percent}")
        name = f"periferia-kiosk-{version}.tar"
        try:
            target = TargetFile.from_file(name, str(build), ["sha256"])
            data = build.read_bytes()
        except OSError as error:
            raise RepositoryError(f"cannot read the build {build}: {error.strerror}") from None
        target.unrecognized_fields["custom"] = {
            "version": version,
            "channel": channel,
            "rollout": {"percent": percent, "offices": sorted(offices or [])},
        }
        _atomic(self.targets / f"{target.hashes['sha256']}.{name}", data)
        metadata = self.load("targets")
        metadata.signed.targets[name] = target
        metadata.signed.version += 1
        metadata.signed.expires = self._clock() + EXPIRY["targets"]
        self._write(metadata, "targets")
        self._bump_snapshot_and_timestamp(timestamp_expires=timestamp_expires)
        return target

    def record_status(self, device_id: str, document: dict[str, Any]) -> None:
        _atomic(self.status / f"{device_id}.json", json.dumps(document).encode())

    def device_status(self, device_id: str) -> dict[str, Any] | None:
        try:
            found: dict[str, Any] = json.loads((self.status / f"{device_id}.json").read_text())
        except (OSError, ValueError):
            return None
        return found


def _atomic(path: Path, data: bytes) -> None:
    temp = path.with_name(f".{path.name}.tmp")
    temp.write_bytes(data)
    os.replace(temp, path)


def repository_for(request: Request) -> UpdateRepository:
    state = request.app.state
    repository: UpdateRepository | None = getattr(state, "updates", None)
    if repository is None:
        folder = Path(state.store.attachment_dir).parent / "updates"
        repository = state.updates = UpdateRepository(folder)
    return repository


async def keep_fresh(app: Any, every: float = REFRESH_EVERY) -> None:
    """The server's background task: every `every` seconds, re-sign the timestamp and
    snapshot of its repository (once one exists) when they are near expiry. The first
    look is after one interval, never at start-up."""
    while True:
        await asyncio.sleep(every)
        refresh_repository(app)


def refresh_repository(app: Any) -> list[str]:
    """One look: the roles re-signed (none when there is no repository yet)."""
    state = app.state
    repository: UpdateRepository | None = getattr(state, "updates", None)
    if repository is None:
        folder = Path(state.store.attachment_dir).parent / "updates"
        if not (folder / "metadata" / "root.json").exists():
            return []
        repository = state.updates = UpdateRepository(folder, create=False)
    try:
        return repository.refresh()
    except (RepositoryError, OSError, ValueError) as error:
        log.error("updates: cannot re-sign the metadata: %s", error)
        return []


def update_routes(authenticate: Callable[[Request], Any]) -> list[Route]:
    def _file(folder: Path, name: str) -> Response:
        path = folder / name
        if not _NAME.match(name) or not path.is_file():
            raise ApiError(404, "not_found", "no such update file")
        return FileResponse(path, media_type="application/octet-stream")

    async def metadata(request: Request) -> Response:
        return _file(repository_for(request).metadata, request.path_params["name"])

    async def target(request: Request) -> Response:
        return _file(repository_for(request).targets, request.path_params["name"])

    async def update_status(request: Request) -> Response:
        device = authenticate(request)
        body = await read_limited(request, MAX_STATUS_BYTES)  # 413 past it, not all read
        try:
            document = json.loads(body)
            fields = {
                key: str(document[key])[:200]
                for key in ("current", "pending", "result")
                if document.get(key) is not None
            }
        except (ValueError, TypeError, AttributeError) as error:
            raise ApiError(422, "invalid", "expected {current, pending, result}") from error
        repository_for(request).record_status(device.device_id, fields)
        return ok(device_id=device.device_id, **fields)

    return [
        Route(f"{PREFIX}/updates/metadata/{{name}}", metadata, methods=["GET"]),
        Route(f"{PREFIX}/updates/targets/{{name}}", target, methods=["GET"]),
        Route(f"{PREFIX}/devices/me/update-status", update_status, methods=["PUT"]),
    ]
