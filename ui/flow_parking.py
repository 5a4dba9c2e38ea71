"""Parked drafts in the citizen's path: «Αποθήκευση για αργότερα» (a code and PIN shown
once, the draft sealed for the platform, every trace wiped) and «Συνέχεια αποθηκευμένης
αίτησης» (the code and PIN checked, the draft resumed where it was left).

The PIN's verifier and the sealed copy (scrypt) and the platform's answer (HTTP) run on
workers (ui.background): the screen says it is busy meanwhile. Apart from ui.flow so the
flow stays a thin map of the screens; the flow delegates to this desk."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from uuid import UUID

from PySide6.QtCore import QObject
from shiboken6 import isValid

from ui.background import Background
from ui.screens.parked import ParkedCodeScreen, ParkedTicketScreen

if TYPE_CHECKING:
    from ui.flow import ProcedureFlow


class ParkingDesk(QObject):
    def __init__(self, flow: ProcedureFlow) -> None:
        super().__init__(flow)
        self.flow = flow
        self._checking = Background(self)  # parked drafts' scrypt and HTTP, off the GUI
        # Sealing a parked draft runs on a lane of its own: a code typed at the kiosk
        # while the last citizen's draft is still being sealed is checked at once.
        self._sealing = Background(self, name="sealing")
        self._park_pending = False

    def show_code_entry(self) -> None:
        self.flow._redraw = self.show_code_entry
        screen = ParkedCodeScreen(self.flow.locale)
        screen.open_requested.connect(self.open_parked)
        screen.cancel_requested.connect(self.flow.show_home)
        self.flow.window.show_screen(screen)
        screen.code.setFocus()

    def open_parked(self, code: str, pin: str) -> None:
        """A parked draft, by its code and PIN, resumed where it was left. The PIN check
        (scrypt, and the platform's answer over HTTP) runs on a worker; the screen says
        it is looking meanwhile."""
        from kiosk.store import ParkingError

        screen = self.flow.window.current_screen()
        if self._checking.busy:
            return
        try:
            plan = self.flow.backend.prepare_resume(code)
        except ParkingError as refused:
            if isinstance(screen, ParkedCodeScreen):
                screen.show_error(refused.message(self.flow.locale))
            return
        if isinstance(screen, ParkedCodeScreen):
            screen.show_busy()
        self._checking.run(
            lambda: self.flow.backend.resume_work(plan, pin),
            lambda result: self._resumed(screen, result),
        )

    @property
    def parking_busy(self) -> bool:
        """A code is being checked or a draft sealed (scripts and tests wait on it)."""
        return self._checking.busy or self._sealing.busy

    def _resumed(self, screen: QObject | None, result: Any) -> None:
        from kiosk.store import ParkingError

        try:
            submission_id = self.flow.backend.finish_resume(result)
        except ParkingError as refused:
            if isinstance(screen, ParkedCodeScreen) and isValid(screen):
                screen.show_error(refused.message(self.flow.locale))
            return
        if screen is not self.flow.window.current_screen():
            return  # wiped or left meanwhile: the draft waits here, in the store
        draft = self.flow.backend.draft(submission_id)
        self.flow.resume(
            submission_id, draft.procedure_id, draft.answers, draft.created_at, draft.version
        )

    def park(self) -> None:
        """Leave the draft for later: a code and PIN shown once, then every trace wiped.
        The PIN's verifier and the sealed copy for the platform are made on a worker
        (scrypt), then stored and queued on this thread."""
        session = self.flow.require_session()
        make_secret = self.flow.backend.park_secret_work()
        if make_secret is None:
            self._park(session.submission_id, None)
            return
        if self._park_pending:
            return  # a second press while the code is being made
        self._park_pending = True
        submission_id = session.submission_id
        self._sealing.run(make_secret, lambda secret: self._secret_made(submission_id, secret))

    def _secret_made(self, submission_id: UUID, secret: Any) -> None:
        from ui.tasks import report

        self._park_pending = False
        if isinstance(secret, Exception):
            report(secret)
            return
        if self.flow.session is None or self.flow.session.submission_id != submission_id:
            return  # wiped meanwhile: nobody is there to be given the code
        self._park(submission_id, secret)

    def _park(self, submission_id: UUID, secret: Any) -> None:
        code, pin = self.flow.backend.park(submission_id, secret)
        session = self.flow.require_session()
        sealing = self.flow.backend.seal_parked(session.submission_id, code, pin)
        self.flow.usage.abandoned("home")  # left for later: this journey ends here
        ticket = ParkedTicketScreen(
            code, pin, self.flow.locale, sent=lambda: self.flow.backend.parked_sent(code)
        )
        ticket.finished.connect(self.flow.wipe)
        self.flow.wipe_session()
        self.flow._redraw = lambda: None  # the PIN is never drawn twice
        self.flow.window.show_screen(ticket)
        if sealing is not None:
            self._sealing.run(sealing, lambda sealed: self._sealed(ticket, code, sealed))

    def _sealed(self, ticket: ParkedTicketScreen, code: str, sealed: Any) -> None:
        self.flow.backend.queue_parked(code, sealed)
        if isValid(ticket):
            ticket.settle()
