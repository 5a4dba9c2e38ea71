"""The citizen's sign-in at a kiosk, on their own phone (RFC 8628), off the GUI thread.

`CitizenSignIn` asks the platform for a user code and a QR link (`started`), then polls
the token endpoint on its task lane no faster than the interval the platform gives
(`slow_down` adds 5 seconds, RFC 8628 §3.5), until the citizen approves (`granted`),
refuses, the code expires or the platform is down (`failed` with a reason). The grant
lives in memory only: `registry_for` makes the registry lane the flow hands the
session, and `revoke` ends it on the platform (in the background)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.engine.evidence import InPersonCheck
from kiosk.engine.session import FillingSession
from sync.citizen import (
    CitizenGrant,
    ClerkSession,
    DeviceAuthorization,
    EvidenceScope,
    IdentityCheck,
    LookupPurpose,
    Representation,
    TokenPoll,
)
from sync.client import PlatformClient
from sync.protocol import REGISTRIES
from sync.registry import PlatformRegistry, RegistryCredentials
from ui.tasks import Lane

# Why a sign-in did not give a grant, as the screen words it (kiosk.engine.evidence_texts).
FAILURES = {
    "access_denied": "signin_refused",
    "expired_token": "signin_expired",
    "invalid_grant": "signin_expired",
    "down": "signin_down",
}


def scopes_for(session: FillingSession) -> list[EvidenceScope]:
    """What the consent page lists: the evidence of this procedure a platform registry
    provides (the documents other services provide are fetched later, as recorded)."""
    return [
        EvidenceScope(item.registry, item.evidence_type, item.attributes)
        for item, _ in session.evidence_items()
        if item.is_prefill and item.registry in REGISTRIES
    ]


def grant_registry(
    client: PlatformClient, session: FillingSession, grant: CitizenGrant
) -> PlatformRegistry:
    """Look-ups under this grant, for this application only."""
    default = grant.scope[0].evidence_type if grant.scope else "taxpayer_identity"
    credentials = RegistryCredentials(
        purpose=LookupPurpose(
            session.submission_id, session.procedure.id, default, session.procedure.version
        ),
        attributes={scope.registry: list(scope.attributes) for scope in grant.scope},
        grant=grant.grant,
    )
    return PlatformRegistry(client, lambda: credentials)


def clerk_registry_maker(
    client: PlatformClient, clerk_session: Callable[[], ClerkSession | None]
) -> Callable[[FillingSession, InPersonCheck], tuple[PlatformRegistry, str] | None]:
    """For a counter: a registry on the signed-in clerk's platform session, carrying the
    identity check (and any representation) with every look-up; None without a session
    (signed in offline): then nothing is fetched and the applicant brings the documents."""

    def make(session: FillingSession, check: InPersonCheck) -> tuple[PlatformRegistry, str] | None:
        verified = clerk_session()
        if verified is None or verified.session is None:
            return None
        scopes = scopes_for(session)
        represented = check.represented
        credentials = RegistryCredentials(
            purpose=LookupPurpose(
                session.submission_id,
                session.procedure.id,
                scopes[0].evidence_type if scopes else "taxpayer_identity",
                session.procedure.version,
            ),
            attributes={scope.registry: list(scope.attributes) for scope in scopes},
            clerk_session=verified.session,
            identity_check=IdentityCheck(check.document_type, check.number_last4),
            on_behalf_of=Representation(represented.relation, represented.document)
            if represented is not None
            else None,
        )
        return PlatformRegistry(client, lambda: credentials), verified.clerk_id

    return make


class CitizenSignIn(QObject):
    started = Signal(object)  # DeviceAuthorization: show its code and QR
    granted = Signal(object)  # CitizenGrant
    failed = Signal(str)  # a FAILURES key

    def __init__(self, client: PlatformClient, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._client = client
        self._lane = Lane("citizen-sign-in", self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._poll)
        self._device_code: str | None = None
        self._interval = 5

    @property
    def busy(self) -> bool:
        return self._lane.busy or self._timer.isActive()

    def start(self, session: FillingSession) -> None:
        self.cancel()
        submission_id, procedure = session.submission_id, session.procedure
        scopes = scopes_for(session)
        self._lane.run(
            lambda: self._client.start_citizen_authorization(
                submission_id, procedure.id, procedure.version, scopes
            ),
            self._started,
            lambda _error: self.failed.emit("down"),
        )

    def cancel(self) -> None:
        """Stop polling (the person chose to bring the documents, or left)."""
        self._device_code = None
        self._timer.stop()

    def revoke(self, grant: CitizenGrant) -> None:
        """End the grant on the platform, in the background; a failure is harmless (it
        expires by itself within 15 minutes)."""
        self._lane.run(lambda: self._client.revoke_citizen_grant(grant.grant), _ignore, _ignore)

    def close(self) -> None:
        self.cancel()
        self._lane.close()

    def _started(self, started: DeviceAuthorization) -> None:
        self._device_code, self._interval = started.device_code, max(1, started.interval)
        self.started.emit(started)
        self._timer.start(self._interval * 1000)

    def _poll(self) -> None:
        device_code = self._device_code
        if device_code is None:
            return
        self._lane.run(
            lambda: self._client.poll_citizen_token(device_code),
            lambda polled: self._polled(device_code, polled),
            lambda _error: self._polled(device_code, None),
        )

    def _polled(self, device_code: str, polled: TokenPoll | None) -> None:
        if device_code != self._device_code:
            return  # cancelled or restarted meanwhile
        if polled is None:
            self.cancel()
            self.failed.emit("down")
        elif polled.grant is not None:
            self.cancel()
            self.granted.emit(polled.grant)
        elif polled.status in ("authorization_pending", "slow_down"):
            if polled.status == "slow_down":
                self._interval = polled.interval or self._interval + 5
            self._timer.start(self._interval * 1000)
        else:
            self.cancel()
            self.failed.emit(polled.status if polled.status in FAILURES else "down")


def _ignore(_result: Any) -> None:
    """A revocation's outcome: nothing waits for it."""
