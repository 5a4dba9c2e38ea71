"""Once Only look-ups through the platform: kiosk.ports.RegistryLookupPort over HTTP."""

from __future__ import annotations

from kiosk.ports import LookupPurpose, RegistryLookupPort, RegistryRecord, RegistryUnavailableError
from sync.client import PlatformClient
from sync.errors import SyncError
from sync.protocol import REGISTRIES


class PlatformRegistry(RegistryLookupPort):
    def __init__(self, client: PlatformClient) -> None:
        self._client = client

    def lookup(
        self, registry: str, identifier: str, purpose: LookupPurpose | None = None
    ) -> RegistryRecord | None:
        if registry not in REGISTRIES:
            raise ValueError(f"unknown registry {registry!r}; known: {', '.join(REGISTRIES)}")
        try:
            attributes = self._client.lookup(registry, identifier)
        except SyncError as error:
            # Link down, registry down, token refused: the check stays pending either way.
            raise RegistryUnavailableError(f"{registry} registry unavailable") from error
        if attributes is None:
            return None
        return RegistryRecord(registry=registry, identifier=identifier, attributes=attributes)
