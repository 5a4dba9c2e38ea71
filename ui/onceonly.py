"""Once Only in the flow: who may fetch, the evidence panel on each step, the audit.

A filling session gets a registry only while someone is authorised to fetch: a
citizen signed in on their phone (a grant, kiosk) or a clerk who checked the
applicant's identity in person (counter). `authorise` hands the session a registry
lane bound to that authority; `end` takes it away at once (idle wipe, «Αρχική»,
submission) and runs its `on_end` (the grant's revocation, in the background). Before
that, the engine has no registry at all: it asks nobody.

Each fetch the engine reports (`Changes.fetched`) goes to the device's audit log,
without its values."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from shiboken6 import isValid

from kiosk.ports import RegistryLookupPort
from ui.backend import ApplicationBackend
from ui.registry_lane import BackgroundRegistry

if TYPE_CHECKING:  # the engine and the step's screens load with the first session
    from kiosk.engine.changes import Changes
    from kiosk.engine.evidence import Acting
    from kiosk.engine.session import FillingSession
    from ui.screens.evidence_panel import EvidencePanel
    from ui.screens.step_form import StepScreen


class OnceOnlyDesk(QObject):
    values_changed = Signal(object)  # Changes whose values the step screen must show
    sign_in_requested = Signal()
    identity_checked = Signal(object)  # counter: InPersonCheck

    def __init__(
        self,
        backend: ApplicationBackend,
        *,
        sign_in_offered: bool,
        parent: QObject | None,
        identity_check: bool = False,
    ) -> None:
        super().__init__(parent)
        self._identity_check = identity_check
        self._backend = backend
        self._sign_in_offered = sign_in_offered
        self._session: FillingSession | None = None
        self._lane: BackgroundRegistry | None = None
        self._on_end: Callable[[], None] | None = None
        self._panel: EvidencePanel | None = None
        self._screen: StepScreen | None = None
        self._owned = False
        self._signed_in = ""  # the citizen's name as the platform gave it, while signed in
        self._expiry = QTimer(self)
        self._expiry.setSingleShot(True)
        self._expiry.timeout.connect(self.end)

    @property
    def authorised(self) -> bool:
        return self._lane is not None

    # --- who may fetch -------------------------------------------------------------
    def authorise(
        self,
        session: FillingSession,
        registry: RegistryLookupPort,
        acting: Acting,
        on_end: Callable[[], None] | None = None,
        *,
        until_ms: int | None = None,
        signed_in: str = "",
    ) -> None:
        """From now on this session may fetch, through `registry`, on `acting`'s behalf;
        `until_ms`: the authority ends by itself then (a grant's lifetime)."""
        self.end()
        self._signed_in = signed_in
        if until_ms is not None:
            self._expiry.start(max(0, until_ms))
        shared = isinstance(registry, BackgroundRegistry)  # the app's lane: not ours to close
        lane = registry if isinstance(registry, BackgroundRegistry) else None
        if lane is None:
            lane = BackgroundRegistry(registry, self)
        lane.answered.connect(self._answered)
        self._lane, self._on_end, self._session = lane, on_end, session
        self._owned = not shared
        session.registry, session.acting = lane, acting
        self.redraw()

    def end(self) -> None:
        """No more fetching: the session loses its registry now; `on_end` runs once."""
        session, lane, on_end = self._session, self._lane, self._on_end
        self._lane = self._on_end = None
        self._signed_in = ""
        self._expiry.stop()
        if session is not None:
            session.registry = session.acting = None
        if lane is not None:
            lane.answered.disconnect(self._answered)
            if self._owned:
                lane.close()
        if on_end is not None:
            on_end()
        self.redraw()

    def forget(self) -> None:
        """The session is wiped: end any authority and drop the screens."""
        self.end()
        self._session = self._panel = self._screen = None

    # --- the panel on a step -------------------------------------------------------
    def attach(self, screen: StepScreen, session: FillingSession) -> None:
        """Put the evidence panel on this step when a registry could provide some of
        what it asks for."""
        self._session, self._screen = session, screen
        on_step = {f.id for f in screen.step.fields}
        if not any(e.key_field in on_step for e, _ in session.evidence_items()):
            self._panel = None
            return
        from ui.screens.evidence_panel import EvidencePanel

        panel = EvidencePanel(
            session.locale,
            sign_in_offered=self._sign_in_offered,
            identity_check=self._identity_check,
        )
        panel.identity_checked.connect(self.identity_checked)
        panel.choice_made.connect(self._choose)
        panel.rejected.connect(self._reject)
        panel.sign_in_requested.connect(self.sign_in_requested)
        screen.add_panel(panel)
        self._panel = panel
        self.redraw()

    def redraw(self) -> None:
        panel, session, screen = self._panel, self._session, self._screen
        if panel is None or session is None or screen is None or not isValid(panel):
            return
        on_step = {f.id for f in screen.step.fields}
        items = [(e, s) for e, s in session.evidence_items() if e.key_field in on_step]
        pending = {k for k, c in session.checks.items() if c.status == "pending"}
        labels = {f.id: f.label.get(session.locale) for f in session.procedure.all_fields()}
        panel.show_items(
            items,
            can_fetch=session.can_fetch,
            pending=pending,
            labels=labels,
            signed_in=self._signed_in,
        )

    def after(self, changes: Changes) -> None:
        """What an intent changed: audit its fetches, redraw the panel if it concerns it."""
        session = self._session
        if session is not None:
            for key in sorted(changes.fetched):
                self._backend.record_fetch(session.submission_id, session.fetch_entry(key))
        if changes.evidence_changed or changes.checks_changed or changes.checklist_changed:
            self.redraw()

    # --- intents -----------------------------------------------------------------------
    def _choose(self, key: str, choice: str) -> None:
        if self._session is not None:
            self._apply(self._session.choose_evidence(key, choice))

    def _reject(self, key: str) -> None:
        if self._session is not None:
            self._apply(self._session.reject_evidence(key))

    def _answered(self) -> None:
        if self._session is not None:
            self._apply(self._session.retry_pending_checks())
            self.redraw()  # a refusal changes nothing in the session, but it is said

    def _apply(self, changes: Changes) -> None:
        self.after(changes)
        self.values_changed.emit(changes)
