"""Check, verify and install a build from the platform's TUF repository.

`DeviceUpdater.check()` refreshes the trusted metadata (root rotation, rollback and
freeze protection, snapshot consistency: all python-tuf's ngclient) and picks the newest
build of this device's channel whose signed rollout rule includes this device.
`apply()` also downloads it (hash and length checked against the signed targets),
unpacks it into a new version folder and marks it pending: the switch happens on the
next start (kiosk.updates.installs), never under an open application. Every failure
becomes an `UpdateOutcome` with a sentence and is recorded in the state file; the
running version is never touched."""

from __future__ import annotations

import json
import logging
import weakref
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import httpx
from tuf.api import exceptions as tuf_errors
from tuf.api.metadata import TargetFile
from tuf.ngclient import Updater

from kiosk.updates.installs import InstallError, Installs
from kiosk.updates.rollout import Rollout
from sync.protocol import PREFIX
from sync.updates.fetcher import HttpxFetcher, platform_http

log = logging.getLogger(__name__)
DOWNLOAD_ATTEMPTS = 3


@dataclass(frozen=True)
class UpdateOutcome:
    ok: bool
    message: str
    version: str | None = None  # the build found or installed


def _version_key(version: str) -> tuple[tuple[int, str], ...]:
    return tuple((int(p), "") if p.isdigit() else (-1, p) for p in version.split("."))


class DeviceUpdater:
    def __init__(
        self,
        installs: Installs,
        base_url: str,
        *,
        device_id: str,
        office_id: str,
        http: httpx.Client | None = None,
        ca_bundle: Path | None = None,
    ) -> None:
        self.installs = installs
        self.base = base_url.rstrip("/") + PREFIX
        self.device_id, self.office_id = device_id, office_id
        self._http = http or platform_http(base_url, ca_bundle)
        # A client made here is closed with the updater (close(), or when it is dropped):
        # its sockets never outlive it.
        self._closer = weakref.finalize(self, self._http.close) if http is None else None
        self.metadata_dir = installs.root / "metadata"
        self.download_dir = installs.root / "downloads"

    def close(self) -> None:
        if self._closer is not None:
            self._closer()

    def pin_root(self, root_json: bytes) -> None:
        """Trust this root.json (from the package or enrolment); later roots must chain."""
        self.metadata_dir.mkdir(parents=True, exist_ok=True)
        (self.metadata_dir / "root.json").write_bytes(root_json)

    def _updater(self) -> Updater:
        if not (self.metadata_dir / "root.json").is_file():
            raise _RefusedError(
                f"no trusted root.json in {self.metadata_dir}: pin the Region's root "
                "(kiosk update trust ROOT.json) before checking"
            )
        self.download_dir.mkdir(parents=True, exist_ok=True)
        return Updater(
            metadata_dir=str(self.metadata_dir),
            metadata_base_url=f"{self.base}/updates/metadata/",
            target_base_url=f"{self.base}/updates/targets/",
            target_dir=str(self.download_dir),
            fetcher=HttpxFetcher(self._http),
        )

    def _choose(self, updater: Updater) -> TargetFile | None:
        updater.refresh()
        # ngclient has just verified and stored targets.json: read the list from it.
        document = json.loads((self.metadata_dir / "targets.json").read_bytes())
        state = self.installs.read()
        best: tuple[tuple[tuple[int, str], ...], str] | None = None
        for name, entry in document["signed"]["targets"].items():
            custom = entry.get("custom") or {}
            version = str(custom.get("version", ""))
            if not version or custom.get("channel") != state.channel or version in state.failed:
                continue
            if not Rollout.from_custom(custom).includes(self.device_id, self.office_id):
                continue
            key = _version_key(version)
            if best is None or key > best[0]:
                best = (key, name)
        if best is None:
            return None
        info = updater.get_targetinfo(best[1])
        current = state.pending or state.current
        version = str(info.custom.get("version")) if info else ""
        if info is None or (current and _version_key(version) <= _version_key(current)):
            return None
        return info

    def check(self) -> UpdateOutcome:
        return self._run(install=False)

    def apply(self) -> UpdateOutcome:
        return self._run(install=True)

    def _run(self, *, install: bool) -> UpdateOutcome:
        try:
            outcome = self._attempt(install)
        except _RefusedError as refusal:
            outcome = UpdateOutcome(False, str(refusal))
        except tuf_errors.ExpiredMetadataError as error:
            outcome = UpdateOutcome(
                False,
                f"refused: the platform's update metadata is expired ({error}); possible freeze attack",
            )
        except (tuf_errors.BadVersionNumberError, tuf_errors.EqualVersionNumberError) as error:
            outcome = UpdateOutcome(
                False,
                f"refused: older or inconsistent update metadata ({error}); possible rollback or mix-and-match attack",
            )
        except tuf_errors.LengthOrHashMismatchError as error:
            outcome = UpdateOutcome(
                False, f"refused: a file does not match its signed hash or length ({error})"
            )
        except tuf_errors.UnsignedMetadataError as error:
            outcome = UpdateOutcome(
                False, f"refused: update metadata not signed by the trusted keys ({error})"
            )
        except tuf_errors.DownloadError as error:
            outcome = UpdateOutcome(
                False, f"the platform cannot be reached for updates ({error}); will try again later"
            )
        except tuf_errors.RepositoryError as error:
            outcome = UpdateOutcome(False, f"refused: the update repository is not valid ({error})")
        except InstallError as error:
            outcome = UpdateOutcome(False, str(error))
        except (OSError, ValueError, KeyError) as error:
            outcome = UpdateOutcome(False, f"update check failed: {type(error).__name__}: {error}")
        state = self.installs.read()
        state.last_check = datetime.now(UTC).isoformat(timespec="seconds")
        state.last_result = outcome.message
        self.installs.write(state)
        (log.info if outcome.ok else log.warning)("update: %s", outcome.message)
        return outcome

    def _attempt(self, install: bool) -> UpdateOutcome:
        updater = self._updater()
        info = self._choose(updater)
        if info is None:
            return UpdateOutcome(True, "up to date")
        version = str(info.custom["version"])
        if not install:
            return UpdateOutcome(True, f"{version} is available", version)
        path = self._download(updater, info)
        self.installs.unpack(version, Path(path))
        Path(path).unlink(missing_ok=True)
        return UpdateOutcome(True, f"{version} installed; it starts on the next start", version)

    def _download(self, updater: Updater, info: TargetFile) -> str:
        # ngclient writes to a temporary file and renames after the hash check, so an
        # interrupted download leaves nothing behind: retrying starts clean.
        for attempt in range(1, DOWNLOAD_ATTEMPTS + 1):
            try:
                return updater.download_target(info)
            except tuf_errors.DownloadError:
                if attempt == DOWNLOAD_ATTEMPTS:
                    raise
        raise AssertionError("unreachable")

    def report(self, token: str) -> bool:
        """Tell the platform what runs here (PUT /v1/devices/me/update-status)."""
        state = self.installs.read()
        body = {"current": state.current, "pending": state.pending, "result": state.last_result}
        try:
            response = self._http.put(
                f"{self.base}/devices/me/update-status",
                json=body,
                headers={"Authorization": f"Bearer {token}"},
            )
        except httpx.HTTPError:
            return False
        return response.status_code == 200


class _RefusedError(Exception):
    pass
