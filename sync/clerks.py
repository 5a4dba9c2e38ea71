"""Clerk sign-in through the platform: kiosk.clerks.ClerkDirectoryPort over HTTP."""

from __future__ import annotations

import contextlib

from kiosk.clerks import ClerkDirectoryPort, DirectoryUnavailableError
from sync.citizen import ClerkSession
from sync.client import PlatformClient
from sync.errors import AuthError, SyncError


class PlatformClerkDirectory(ClerkDirectoryPort):
    """Also keeps the platform session of the clerk last verified (`session`): a
    counter's registry look-ups go with it (docs/once-only.md); `sign_out` ends it."""

    def __init__(self, client: PlatformClient) -> None:
        self._client = client
        self.session: ClerkSession | None = None

    def verify_clerk(self, clerk_id: str, password: str) -> str | None:
        try:
            verified = self._client.verify_clerk_session(clerk_id, password)
            self.session = verified
            return verified.display_name if verified else None
        except AuthError as error:  # the device itself is refused: not the clerk's fault
            raise DirectoryUnavailableError(f"device not accepted: {error}") from error
        except SyncError as error:
            raise DirectoryUnavailableError(str(error)) from error

    def sign_out(self) -> None:
        """End the clerk's platform session; offline, it ends by itself (10 hours)."""
        session, self.session = self.session, None
        if session is not None and session.session is not None:
            with contextlib.suppress(SyncError):
                self._client.end_clerk_session(session.session)
