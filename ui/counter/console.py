"""Counter mode: the clerk signs in, sees the day, fills or finishes applications,
corrects what the platform refused, reprints receipts; the sync state stays in view.

Thin: sign-in rules are kiosk.clerks', the day, the actions allowed on an application,
correcting and reprinting (with their audit entries) are kiosk.counter's, filling is the
ProcedureFlow's, sending is the network lane's. This wires them to the counter's screens
and shows what they return or refuse."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING
from uuid import UUID

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QHBoxLayout, QWidget

from kiosk.analytics.journey import SessionUsage
from kiosk.catalog.loader import CatalogLoad
from kiosk.catalog.model import Procedure
from kiosk.catalog.search import SearchIndex
from kiosk.clerks import Clerk, ClerkSignIn, SignInError
from kiosk.counter import ATHENS, CounterDesk, OpenedDraft, read_day
from kiosk.paths import app_paths
from kiosk.ports import RegistryLookupPort
from kiosk.store import Store
from kiosk.texts import RefusedError
from ui.backend import StoreBackend
from ui.tasks import Lane, call_on_main, report

if TYPE_CHECKING:  # the HTTP stack loads with the network lane, not the sign-in screen
    from sync.client import PlatformClient
    from sync.fees import PlatformFees
    from sync.parked import ParkedDrafts
    from ui.counter.dashboard_page import AggregateSource
    from ui.documents.desk import DocumentDesk
    from ui.sync_lane import SyncLane
from ui.authorities import ClerkRegistry
from ui.counter.read_model import as_of_line, attention_items, office_lines, today_rows
from ui.counter.sign_in import SignInScreen
from ui.counter.sync_bar import SyncBar
from ui.counter.texts import text
from ui.counter.today import TodayScreen
from ui.flow import ProcedureFlow
from ui.main_window import MainWindow
from ui.printing import PrintResult
from ui.screens.common import button, label
from ui.screens.parked import ParkedCodeScreen

Printer = Callable[[bytes, QWidget], PrintResult]


class CounterConsole(QObject):
    def __init__(
        self,
        window: MainWindow,
        catalog: CatalogLoad,
        store: Store,
        sign_in: ClerkSignIn,
        *,
        region_code: str,
        lane: SyncLane | None = None,
        registry: RegistryLookupPort | None = None,
        print_receipt: Printer | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        office_id: str = "office",
        aggregates: AggregateSource | None = None,
        usage: SessionUsage | None = None,
        definitions: Callable[[str, str], Procedure] | None = None,
        parked: ParkedDrafts | None = None,
        index: SearchIndex | None = None,
        documents: DocumentDesk | None = None,
        fee_codes: PlatformFees | None = None,
        clerk_registry: ClerkRegistry | None = None,
        platform: PlatformClient | None = None,
    ) -> None:
        super().__init__(window)
        self.window, self.catalog, self.store = window, catalog, store
        self._sign_in, self._clock = sign_in, clock
        self._print = print_receipt
        self._signer = Lane("sign-in", self)
        # Taking another device's refused application from the platform: HTTP, so a lane.
        self._taker, self._platform = Lane("take-over", self), platform
        self.office_id, self.region_code = office_id, region_code
        self._aggregates = aggregates or (  # asked on a lane: the store on its own thread
            lambda first, last: call_on_main(
                lambda: store.usage.daily(office_id, region_code, first, last)
            )
        )
        self.clerk: Clerk | None = None
        self.desk = CounterDesk(store, catalog.procedures)
        self.backend = StoreBackend(store, lane=lane, parked=parked)
        self.flow = ProcedureFlow(
            window,
            catalog,
            region_code=region_code,
            backend=self.backend,
            channel="counter",
            registry=registry,
            on_home=self.show_today,
            lane=lane,
            usage=usage,
            definitions=definitions,
            index=index,
            documents=documents,
            fee_codes=fee_codes,
            clerk_registry=clerk_registry,
        )
        self.sync_bar = SyncBar(window.language)
        self.clerk_label = label("", "secondary")
        self.sign_out_button = button("", "link")
        self.sign_out_button.clicked.connect(self.sign_out)
        bar = QWidget()
        row = QHBoxLayout(bar)
        row.setContentsMargins(8, 0, 8, 0)
        for widget in (self.sync_bar, self.clerk_label, self.sign_out_button):
            row.addWidget(widget)
        window.statusBar().addPermanentWidget(bar, 1)
        self.last_receipt_pdf: bytes | None = None
        self._lane = lane
        if lane is not None:
            lane.state_changed.connect(self._sync_state)
            lane.drained.connect(self._drained)
            self.sync_bar.show_state(lane.state)
        window.settings_changed.connect(self._settings_changed)
        self._redraw: Callable[[], None] = self.show_sign_in
        self._shown: QWidget | None = None  # the counter's own screen on show, if any
        self._status_texts()

    @property
    def locale(self) -> str:
        return self.window.language

    # --- screens ---------------------------------------------------------------------
    def show_sign_in(self, shown: SignInScreen | None = None) -> None:
        """`shown`: a sign-in already on show, taken over as it is (the one `kiosk run`
        paints before the console has loaded: what the clerk typed stays)."""
        self._redraw = self.show_sign_in
        screen = shown or SignInScreen(self.locale)
        screen.sign_in_requested.connect(self._signing_in)
        self._shown = screen
        if shown is None:
            self.window.show_screen(screen)
            screen.clerk_id.setFocus()

    def show_today(self) -> None:
        if self.clerk is None:
            self.show_sign_in()
            return
        self.flow.wipe_session()
        self._redraw = self.show_today
        # The office's other devices, from the platform's copy the network lane keeps:
        # only on a device that has a platform (enrolled).
        office = self.store.office if self._lane is not None else None
        day = read_day(self.store.drafts, self.store.outbox, self._clock(), office=office)
        online = self._lane.state.online if self._lane is not None else None
        screen = TodayScreen(
            today_rows(day, self.catalog, self.locale),
            attention_items(day, self.catalog, self.locale),
            self.locale,
            (day.waiting.count, day.waiting.oldest),
            office=office_lines(day, self.catalog, self.locale, online),
        )
        screen.new_requested.connect(self.flow.show_finder)
        screen.continue_requested.connect(self.continue_draft)
        screen.reprint_requested.connect(self.reprint)
        screen.correct_requested.connect(self.correct)
        screen.code_requested.connect(self.show_code)
        screen.refresh_requested.connect(self.show_today)
        screen.dashboard_requested.connect(self.show_dashboard)
        self.window.show_screen(screen)
        self._shown = screen

    def show_dashboard(self) -> None:
        from ui.counter.dashboard_page import DashboardPage  # QtCharts: loaded when asked

        self._redraw = self.show_dashboard
        today = self._clock().astimezone(ATHENS).date()
        page = DashboardPage(
            self._aggregates,
            self.catalog.procedures,
            office_id=self.office_id,
            today=today,
            locale=self.locale,
            export_path=app_paths().data_dir / "exports" / f"dashboard-{today}.csv",
        )
        page.back_requested.connect(self.show_today)
        self.window.show_screen(page)
        self._shown = page

    def show_code(self) -> None:
        self._redraw = self.show_code
        screen = ParkedCodeScreen(self.locale)
        screen.open_requested.connect(self.flow.open_parked)  # here, else the platform
        screen.cancel_requested.connect(self.show_today)
        self.window.show_screen(screen)
        self._shown = screen
        screen.code.setFocus()

    # --- intents ---------------------------------------------------------------------
    def _signing_in(self, clerk_id: str, password: str) -> None:
        """The platform (or the scrypt verifier) answers on a worker: the window stays live."""
        screen = self.window.current_screen()
        if self._signer.busy or not isinstance(screen, SignInScreen):
            return
        screen.submit.setEnabled(False)
        self._signer.run(
            lambda: self._sign_in.sign_in(clerk_id, password),
            self._signed_in,
            lambda error: self._refused(clerk_id, error),
        )

    @property
    def signing_in(self) -> bool:
        return self._signer.busy

    def _refused(self, clerk_id: str, error: Exception) -> None:
        """A refusal is told on the sign-in screen; anything else is reported (logged,
        the recoverable error screen) instead of re-raised into the event loop, where it
        was lost with the sign-in button left disabled."""
        screen = self.window.current_screen()
        if isinstance(screen, SignInScreen):
            screen.submit.setEnabled(True)
        if not isinstance(error, SignInError):
            report(error)
            return
        self.desk.sign_in_refused(clerk_id, error.reason)
        if isinstance(screen, SignInScreen):
            screen.show_error(error.message(self.locale))

    def _signed_in(self, outcome: Clerk) -> None:
        screen = self.window.current_screen()
        if isinstance(screen, SignInScreen):
            screen.submit.setEnabled(True)
        self.clerk = outcome
        self.backend.clerk_id = outcome.clerk_id
        self.desk.signed_in(outcome)
        self._status_texts()
        self.show_today()

    def sign_out(self) -> None:
        if self.clerk is not None:
            self.desk.signed_out(self.clerk)
        self.clerk = None
        self.backend.clerk_id = None
        self.flow.wipe_session()
        self._status_texts()
        self.show_sign_in()

    def continue_draft(self, submission_id: UUID) -> None:
        self._open(lambda: self.desk.open_draft(submission_id))

    def correct(self, submission_id: UUID) -> None:
        if self.clerk is None:
            return
        clerk = self.clerk
        if self.desk.holds(submission_id) or self._platform is None:
            self._open(lambda: self.desk.correct(submission_id, clerk))
            return
        if self._taker.busy:
            return
        client, office = self._platform, self.office_id  # refused on a kiosk: take it first
        self._taker.run(
            lambda: client.take_refused(office, submission_id),
            lambda taken: self._open(lambda: self.desk.take_over(taken, clerk)),
            self._take_failed,
        )

    def _take_failed(self, error: Exception) -> None:
        from kiosk.counter import TEXTS
        from sync.errors import SyncError

        if not isinstance(error, SyncError):
            report(error)
            return
        self._today_message(TEXTS["platform_unreachable"].message(self.locale))

    def _open(self, opening: Callable[[], OpenedDraft]) -> None:
        try:
            opened = opening()
        except RefusedError as refused:
            self._today_message(refused.message(self.locale))
            return
        record = opened.record
        self.flow.resume(
            record.submission_id,
            record.procedure_id,
            opened.answers,
            record.created_at,
            record.procedure_version,
        )

    def reprint(self, submission_id: UUID) -> None:
        if self.clerk is None:
            return
        try:
            reprinted = self.desk.reprint(submission_id, self.clerk, self.locale)
        except RefusedError as refused:
            self._today_message(refused.message(self.locale))
            return
        self.last_receipt_pdf = reprinted.pdf
        self._show_receipt(reprinted.pdf, f"receipt-{str(submission_id)[:8]}")

    def _show_receipt(self, pdf: bytes, name: str) -> None:
        """The receipt full size, to print through the system's dialog or save as PDF
        (a counter without a printer still hands the citizen a receipt)."""
        from ui.screens.receipt import ReceiptScreen

        self._redraw = lambda: self._show_receipt(pdf, name)
        screen = ReceiptScreen(pdf, name, self.locale, printer=self._print)
        screen.back_requested.connect(self.show_today)
        self.window.show_screen(screen)
        self._shown = screen
        screen.print_button.setFocus()

    # --- the lane and the window ---------------------------------------------------------
    def _sync_state(self) -> None:
        if self._lane is None:
            return
        state = self._lane.state
        self.sync_bar.show_state(state, self._lane.fault)
        screen = self.window.current_screen()
        if isinstance(screen, TodayScreen) and screen.office_notes:
            # The link went down or came back: the list's "as of" line says so at once
            # (only that line: the clerk's selection stays).
            words = as_of_line(self.store.office.fetched_at(), self.locale, state.online)
            screen.office_notes[0].setText(words)

    def _drained(self) -> None:
        result = self._lane.last_result if self._lane is not None else None
        if result is None:
            return
        changed = (
            result.accepted or result.quarantined or result.status_updates or result.office_changes
        )
        if changed and isinstance(self.window.current_screen(), TodayScreen):
            self.show_today()

    def _settings_changed(self) -> None:
        self.sync_bar.set_locale(self.locale)
        self._status_texts()
        if self._shown is not None and self.window.current_screen() is self._shown:
            self._redraw()

    def _status_texts(self) -> None:
        signed_in = self.clerk is not None
        name = self.clerk.display_name if self.clerk else ""
        words = text("signed_in_as", self.locale, name=name) if signed_in else ""
        if self.clerk is not None and not self.clerk.verified_online:
            words += " — " + text("offline_sign_in", self.locale)
        self.clerk_label.setText(words)
        self.sign_out_button.setText(text("sign_out", self.locale))
        self.sign_out_button.setAccessibleName(text("sign_out", self.locale))
        self.sign_out_button.setVisible(signed_in)

    def _today_message(self, message: str) -> None:
        screen = self.window.current_screen()
        if isinstance(screen, TodayScreen):
            screen.show_message(message)
