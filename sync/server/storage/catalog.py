"""The server's own state, kept so a restart changes nothing a device sees: its
settings and the published catalog, with every procedure definition ever published
(what submissions are checked against).
"""

from __future__ import annotations

from sync.server.storage.base import StoreBase, digest


class CatalogMixin(StoreBase):
    def setting(self, name: str) -> bytes | None:
        with self._lock:
            row = self._one("SELECT value FROM server_settings WHERE name=?", name)
        return bytes(row[0]) if row else None

    def put_setting(self, name: str, value: bytes) -> None:
        with self._lock:
            self._db.execute("INSERT OR REPLACE INTO server_settings VALUES (?, ?)", (name, value))

    def publish_catalog(self, bundle: bytes) -> str:
        """Serve `bundle`; its procedure definitions join those of every earlier bundle,
        which is what submissions are checked against (a draft started on an older
        version stays sendable). A bundle that cannot be read adds none."""
        etag = f'"{digest(bundle)[:32]}"'
        definitions = _bundle_definitions(bundle)
        with self._lock:
            self._db.execute("INSERT OR REPLACE INTO catalog VALUES (1, ?, ?)", (etag, bundle))
            self._db.executemany(
                "INSERT OR REPLACE INTO catalog_procedures VALUES (?, ?, ?)", definitions
            )
        return etag

    def procedure_definition(self, procedure_id: str, version: str) -> bytes | None:
        with self._lock:
            row = self._one(
                "SELECT definition FROM catalog_procedures WHERE procedure_id=? AND version=?",
                procedure_id,
                version,
            )
        return bytes(row[0]) if row else None

    def has_catalog_definitions(self) -> bool:
        with self._lock:
            return self._one("SELECT 1 FROM catalog_procedures LIMIT 1") is not None

    def catalog(self) -> tuple[str, bytes] | None:
        with self._lock:
            row = self._one("SELECT etag, bundle FROM catalog WHERE id=1")
        return (str(row[0]), bytes(row[1])) if row else None


def _bundle_definitions(bundle: bytes) -> list[tuple[str, str, bytes]]:
    """(procedure id, version, definition JSON) of each procedure in a bundle."""
    import json

    from kiosk.catalog.bundle import BundleError, read_bundle

    try:
        files = read_bundle(bundle).files
    except (BundleError, ValueError, KeyError):
        return []
    found = []
    for name, data in files.items():
        if not name.startswith("procedures/"):
            continue
        try:
            document = json.loads(data)
        except ValueError:
            continue
        if isinstance(document, dict):
            document.pop("$schema", None)  # as kiosk.catalog.loader reads it
            text = json.dumps(document, ensure_ascii=False).encode()
            found.append((str(document.get("id")), str(document.get("version")), text))
    return found
