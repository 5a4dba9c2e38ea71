"""Where `SyncEngine.pull_catalog` puts a fetched bundle: the device catalog folder.

The bundle is verified with the office's key and installed atomically by
kiosk.catalog.install; a refused one raises BundleError and leaves the installed catalog
as it was. The ETag of the installed bundle lives in the catalog folder (install.json),
so it changes together with the catalog.

A refused bundle is remembered in a small file beside the catalog folder
(`.catalog.refused.json`: its ETag, its sha256 and why), so neither the next pull nor
the next start downloads it again: its ETag goes out as If-None-Match and the platform
answers 304 until it publishes another bundle. A server that sends no ETag still costs a
download, but the same bytes are refused by their sha256 without being verified again.
A bundle that installs clears the file.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kiosk.catalog.bundle import BundleError, fsync_dir
from kiosk.catalog.install import INSTALL_INFO, InstallBusyError, InstallResult, install_bundle

log = logging.getLogger(__name__)

OpenVersions = Callable[[], Iterable[tuple[str, str]]]


class BundleCatalogSink:
    def __init__(
        self,
        catalog_dir: Path,
        public_key: bytes,
        open_versions: OpenVersions = lambda: (),
    ) -> None:
        self.catalog_dir = catalog_dir
        self.public_key = public_key
        self.open_versions = open_versions  # e.g. store.drafts.open_definition_versions
        self.last_result: InstallResult | None = None

    @property
    def refused_path(self) -> Path:
        return self.catalog_dir.with_name(f".{self.catalog_dir.name}.refused.json")

    def current_etag(self) -> str | None:
        """What to send as If-None-Match: the refused bundle's tag while there is one
        (so it is not downloaded again), else the installed one's."""
        refused = self._refused()
        if isinstance(refused.get("etag"), str):
            return str(refused["etag"])
        etag = _read_json(self.catalog_dir / INSTALL_INFO).get("etag")
        return etag if isinstance(etag, str) else None

    def refused(self) -> str | None:
        """Why the last bundle from the platform was refused, while it still stands."""
        reason = self._refused().get("reason")
        return reason if isinstance(reason, str) else None

    def install(self, bundle: bytes, etag: str | None) -> None:
        digest = hashlib.sha256(bundle).hexdigest()
        refused = self._refused()
        if refused.get("sha256") == digest and self.refused():
            raise BundleError(f"refused before: {self.refused()}")
        try:
            result = install_bundle(
                bundle, self.catalog_dir, self.public_key, self.open_versions(), etag=etag
            )
        except InstallBusyError:
            raise  # the bundle may be fine: try it at the next pull
        except BundleError as error:
            self._remember(etag, digest, str(error))
            raise
        with contextlib.suppress(FileNotFoundError):
            self.refused_path.unlink()
        self.last_result = result
        log.info("catalog %s version %s installed", result.catalog_id, result.version)

    def _refused(self) -> dict[str, Any]:
        return _read_json(self.refused_path)

    def _remember(self, etag: str | None, digest: str, reason: str) -> None:
        record = {
            "etag": etag,
            "sha256": digest,
            "reason": reason,
            "refused_at": datetime.now(UTC).isoformat(timespec="seconds"),
        }
        path = self.refused_path
        path.parent.mkdir(parents=True, exist_ok=True)
        scratch = path.with_name(path.name + ".tmp")
        try:
            scratch.write_text(json.dumps(record, ensure_ascii=False, indent=2), "utf-8")
            os.replace(scratch, path)
            fsync_dir(path.parent)
        except OSError as error:  # a full disk: the next pull downloads it again, no worse
            log.warning("cannot remember the refused catalog bundle: %s", error.strerror)


def _read_json(path: Path) -> dict[str, Any]:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return document if isinstance(document, dict) else {}
