"""Who may fetch for the person being served (issue #16): a citizen who signs in on
their own phone at a kiosk (RFC 8628: ui/citizen_sign_in.py), or a clerk who checks the
applicant's identity in person at a counter. Either way the result is the same call:
the flow's OnceOnlyDesk is given a registry bound to that authority, for this
application only. The sign-in screen's outcomes come back here and go to the screen on
show, if it is still the sign-in's."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject

from kiosk.ports import RegistryLookupPort

if TYPE_CHECKING:  # the HTTP stack loads with the first sign-in, not with the first screen
    from kiosk.engine.evidence import InPersonCheck
    from kiosk.engine.session import FillingSession  # the engine: with the first session
    from sync.client import PlatformClient
    from ui.citizen_sign_in import CitizenSignIn
    from ui.flow import ProcedureFlow

# A counter's registry on the clerk's platform session, for this applicant, after the
# identity check; None without a session. Returns (registry, clerk id).
ClerkRegistry = Callable[
    ["FillingSession", "InPersonCheck"], "tuple[RegistryLookupPort, str] | None"
]


class Authorities(QObject):
    def __init__(
        self,
        flow: ProcedureFlow,
        citizen_client: PlatformClient | None,
        clerk_registry: ClerkRegistry | None,
    ) -> None:
        super().__init__(flow)
        self._flow = flow
        self._citizen_client = citizen_client
        self._clerk_registry = clerk_registry
        self.citizen_sign_in: CitizenSignIn | None = None

    def cancel(self) -> None:
        """The person is gone: a code still on a phone gives nothing now."""
        if self.citizen_sign_in is not None:
            self.citizen_sign_in.cancel()

    # --- kiosk: the citizen's sign-in -------------------------------------------------
    def show_citizen_sign_in(self) -> None:
        """The QR code and the short code; polling on the sign-in's own lane. The form
        stays as typed: every way out goes back to it."""
        from ui.citizen_sign_in import CitizenSignIn
        from ui.screens.citizen_sign_in import CitizenSignInScreen

        flow = self._flow
        session = flow.require_session()
        if self._citizen_client is None:
            return
        if self.citizen_sign_in is None:
            self.citizen_sign_in = CitizenSignIn(self._citizen_client, self)
            self.citizen_sign_in.started.connect(self._sign_in_started)
            self.citizen_sign_in.failed.connect(self._sign_in_failed)
            self.citizen_sign_in.granted.connect(self._citizen_granted)
        signing = self.citizen_sign_in
        screen = CitizenSignInScreen(flow.locale)
        screen.bring_instead.connect(self._sign_in_left)
        screen.again_requested.connect(lambda: signing.start(session))
        flow.show_kept(screen)
        signing.start(session)

    def _screen(self) -> Any:
        from ui.screens.citizen_sign_in import CitizenSignInScreen

        screen = self._flow.window.current_screen()
        return screen if isinstance(screen, CitizenSignInScreen) else None

    def _sign_in_started(self, started: Any) -> None:
        screen = self._screen()
        if screen is not None:
            screen.show_code(started)

    def _sign_in_failed(self, reason: str) -> None:
        from ui.citizen_sign_in import FAILURES

        screen = self._screen()
        if screen is not None:
            screen.show_failure(FAILURES[reason])

    def _citizen_granted(self, grant: Any) -> None:
        from kiosk.engine.evidence import Acting
        from ui.citizen_sign_in import grant_registry

        flow, signing, client = self._flow, self.citizen_sign_in, self._citizen_client
        session = flow.session
        if session is None or signing is None or client is None:
            return
        if grant.submission_id != session.submission_id:
            return  # an old sign-in's answer: not for this application
        left = grant.expires_at - datetime.now(UTC)  # the grant ends by itself then
        flow.once_only.authorise(
            session,
            grant_registry(client, session, grant),
            Acting(kind="citizen_grant"),
            lambda: signing.revoke(grant),
            until_ms=int(left.total_seconds() * 1000),
            signed_in=grant.display_name,
        )
        flow.show_step()

    def _sign_in_left(self) -> None:
        self.cancel()
        self._flow.show_step()

    # --- counter: the clerk's identity check ------------------------------------------
    def identity_checked(self, check: InPersonCheck) -> None:
        """The clerk saw the applicant's identity document: fetches may now be made,
        with the clerk's session, for the applicant (or the person they represent)."""
        from kiosk.engine.evidence import Acting

        flow, make = self._flow, self._clerk_registry
        session = flow.session
        if session is None or make is None:
            return
        made = make(session, check)
        if made is None:
            return  # no platform session (offline sign-in): the applicant brings documents
        registry, clerk_id = made
        acting = Acting(kind="clerk", clerk_id=clerk_id, represented=check.represented)
        flow.authorise(acting, registry)
        flow.backend.record_identity_check(session.submission_id, clerk_id, check)
