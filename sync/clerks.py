"""Clerk sign-in through the platform: kiosk.clerks.ClerkDirectoryPort over HTTP."""

from __future__ import annotations

from kiosk.clerks import ClerkDirectoryPort, DirectoryUnavailableError
from sync.client import PlatformClient
from sync.errors import AuthError, SyncError


class PlatformClerkDirectory(ClerkDirectoryPort):
    def __init__(self, client: PlatformClient) -> None:
        self._client = client

    def verify_clerk(self, clerk_id: str, password: str) -> str | None:
        try:
            return self._client.verify_clerk(clerk_id, password)
        except AuthError as error:  # the device itself is refused: not the clerk's fault
            raise DirectoryUnavailableError(f"device not accepted: {error}") from error
        except SyncError as error:
            raise DirectoryUnavailableError(str(error)) from error
