"""Where `SyncEngine.pull_catalog` puts a fetched bundle: the device catalog folder.

The bundle is verified with the office's key and installed atomically by
kiosk.catalog.install; a refused one raises BundleError and leaves the installed catalog
as it was. The ETag of the installed bundle lives in the catalog folder (install.json),
so it changes together with the catalog. A refused ETag is remembered for the life of
the process, so the same bad bundle is not downloaded again on every pull; a new one
published on the platform has a new ETag and is fetched.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable
from pathlib import Path

from kiosk.catalog.bundle import BundleError
from kiosk.catalog.install import INSTALL_INFO, InstallResult, install_bundle

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
        self._refused_etag: str | None = None

    def current_etag(self) -> str | None:
        if self._refused_etag is not None:
            return self._refused_etag
        try:
            info = json.loads((self.catalog_dir / INSTALL_INFO).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        etag = info.get("etag") if isinstance(info, dict) else None
        return etag if isinstance(etag, str) else None

    def install(self, bundle: bytes, etag: str | None) -> None:
        try:
            result = install_bundle(
                bundle, self.catalog_dir, self.public_key, self.open_versions(), etag=etag
            )
        except BundleError as error:
            self._refused_etag = etag
            log.warning("catalog bundle %s refused: %s", etag, error)
            raise
        self._refused_etag = None
        self.last_result = result
        log.info("catalog %s version %s installed", result.catalog_id, result.version)
