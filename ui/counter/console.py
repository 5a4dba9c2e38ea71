"""Counter mode: the clerk signs in, sees the day, fills or finishes applications,
corrects what the platform refused, reprints receipts; the sync state stays in view.

Thin: sign-in rules are kiosk.clerks', filling is the ProcedureFlow's, sending is the
network lane's. This wires them to the counter's screens."""

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
from kiosk.paths import app_paths
from kiosk.ports import RegistryLookupPort
from kiosk.regions import ATHENS
from kiosk.store import Store
from ui.backend import StoreBackend
from ui.background import Background

if TYPE_CHECKING:  # the HTTP stack loads with the network lane, not the sign-in screen
    from sync.parked import ParkedDrafts
    from ui.counter.dashboard_page import AggregateSource
    from ui.sync_lane import SyncLane
from ui.counter.read_model import attention_items, today_rows, waiting_too_long
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
    ) -> None:
        super().__init__(window)
        self.window, self.catalog, self.store = window, catalog, store
        self._sign_in, self._clock = sign_in, clock
        self._print = print_receipt
        self._signer = Background(self)
        self.office_id, self.region_code = office_id, region_code
        self._aggregates = aggregates or (
            lambda first, last: store.usage.daily(office_id, region_code, first, last)
        )
        self.clerk: Clerk | None = None
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
        now = self._clock()
        screen = TodayScreen(
            today_rows(self.store, self.catalog, self.locale, now),
            attention_items(self.store, self.catalog, self.locale),
            self.locale,
            waiting_too_long(self.store, now),
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
            lambda outcome: self._signed_in(clerk_id, outcome),
        )

    @property
    def signing_in(self) -> bool:
        return self._signer.busy

    def _signed_in(self, clerk_id: str, outcome: Clerk | Exception) -> None:
        screen = self.window.current_screen()
        if isinstance(screen, SignInScreen):
            screen.submit.setEnabled(True)
        if isinstance(outcome, SignInError):
            with self.store.db.conn:
                self.store.audit.record(
                    clerk_id.strip()[:40], "clerk.sign_in_refused", "", outcome.reason
                )
            if isinstance(screen, SignInScreen):
                screen.show_error(outcome.message(self.locale))
            return
        if isinstance(outcome, Exception):
            raise outcome
        self.clerk = outcome
        self.backend.clerk_id = outcome.clerk_id
        with self.store.db.conn:
            mode = "online" if outcome.verified_online else "offline"
            self.store.audit.record(outcome.clerk_id, "clerk.sign_in", "", mode)
        self._status_texts()
        self.show_today()

    def sign_out(self) -> None:
        if self.clerk is not None:
            with self.store.db.conn:
                self.store.audit.record(self.clerk.clerk_id, "clerk.sign_out")
        self.clerk = None
        self.backend.clerk_id = None
        self.flow.wipe_session()
        self._status_texts()
        self.show_sign_in()

    def continue_draft(self, submission_id: UUID) -> None:
        record = self.store.drafts.get(submission_id)
        if record.procedure_id not in self.catalog.procedures:
            self._today_message(f"{record.procedure_id}: not in this device's catalog")
            return
        answers = self.store.drafts.answers(submission_id)
        self.flow.resume(
            submission_id, record.procedure_id, answers, record.created_at, record.procedure_version
        )

    def correct(self, submission_id: UUID) -> None:
        self.store.outbox.reopen_for_correction(submission_id, self._actor())
        self.continue_draft(submission_id)

    def reprint(self, submission_id: UUID) -> None:
        from kiosk.receipts import render_receipt  # reportlab: loaded when first needed
        from kiosk.receipts.reprint import reprint_receipt
        from ui import printing

        record = self.store.drafts.get(submission_id)
        procedure = self.catalog.procedures.get(record.procedure_id)
        if procedure is None:
            self._today_message(f"{record.procedure_id}: not in this device's catalog")
            return
        receipt = reprint_receipt(
            procedure,
            self.store.outbox.submission(submission_id),
            self.store.drafts.answers(submission_id),
            record.protocol_number,
            locale=self.locale,
        )
        pdf = render_receipt(receipt, "a4")
        self.last_receipt_pdf = pdf
        with self.store.db.conn:
            self.store.audit.record(self._actor(), "receipt.reprint", str(submission_id))
        result = (self._print or printing.print_with_dialog)(pdf, self.window)
        self._today_message(result.message(self.locale))

    # --- the lane and the window ---------------------------------------------------------
    def _sync_state(self) -> None:
        if self._lane is not None:
            self.sync_bar.show_state(self._lane.state)

    def _drained(self) -> None:
        result = self._lane.last_result if self._lane is not None else None
        if result is None:
            return
        changed = result.accepted or result.quarantined or result.status_updates
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

    def _actor(self) -> str:
        return self.clerk.clerk_id if self.clerk else "counter"
