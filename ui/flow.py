"""The citizen's path through a procedure: home → finder → overview → steps → review →
submitted. Thin: every rule is the engine's; this wires screens to a FillingSession
and redraws what the session says changed."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any
from uuid import UUID

import msgspec
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget
from shiboken6 import isValid

from kiosk.analytics.events import MemorySink, UsageRecorder
from kiosk.analytics.journey import SessionUsage
from kiosk.catalog.loader import CatalogLoad
from kiosk.catalog.model import Procedure
from kiosk.catalog.regional import resolve_for_region
from kiosk.catalog.search import SearchHit, SearchIndex
from kiosk.logs import forget_personal
from kiosk.ports import RegistryLookupPort
from kiosk.submission import Channel
from ui.authorities import Authorities, ClerkRegistry
from ui.backend import ApplicationBackend
from ui.flow_parking import ParkingDesk
from ui.main_window import MainWindow
from ui.onceonly import OnceOnlyDesk
from ui.payments.codes import FeeCodes
from ui.screens.finder import FinderScreen
from ui.screens.home import HomeScreen

log = logging.getLogger(__name__)

# The engine and the screens of an application (step, review, done: ~30 ms of imports)
# are imported where a citizen or clerk first opens one, not while the app loads; the
# HTTP stack loads with the network lane.
if TYPE_CHECKING:
    from kiosk.engine.evidence import Acting
    from kiosk.engine.session import FillingSession
    from sync.client import PlatformClient
    from sync.fees import PlatformFees
    from ui.documents.desk import DocumentDesk
    from ui.screens.done import DoneScreen
    from ui.sync_lane import SyncLane


class ProcedureFlow(QObject):
    def __init__(
        self,
        window: MainWindow,
        catalog: CatalogLoad,
        *,
        region_code: str,
        backend: ApplicationBackend,
        channel: Channel = "kiosk",
        registry: RegistryLookupPort | None = None,
        printer_name: str | None = None,
        on_home: Callable[[], None] | None = None,
        lane: SyncLane | None = None,
        usage: SessionUsage | None = None,
        definitions: Callable[[str, str], Procedure] | None = None,
        index: SearchIndex | None = None,
        documents: DocumentDesk | None = None,
        fee_codes: PlatformFees | None = None,
        citizen_client: PlatformClient | None = None,
        clerk_registry: ClerkRegistry | None = None,
        receipt_base: str | None = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.catalog = catalog
        self.region_code = region_code
        self.channel: Channel = channel
        self.backend = backend
        # Once Only: the registry lane the sessions get only while someone is authorised
        # to fetch (a citizen's grant, a clerk's in-person check): see ui/onceonly.py.
        self._registry = registry
        # A kiosk enrolled with the platform offers the citizen's sign-in on their phone;
        # at a counter the clerk's identity check in person opens the registries.
        self.once_only = OnceOnlyDesk(
            backend,
            sign_in_offered=citizen_client is not None,
            parent=self,
            identity_check=clerk_registry is not None,
        )
        self.authorities = Authorities(self, citizen_client, clerk_registry)
        self.once_only.identity_checked.connect(self.authorities.identity_checked)
        self.once_only.values_changed.connect(self._engine_changed)
        self.once_only.sign_in_requested.connect(self.show_citizen_sign_in)
        self.printer_name = printer_name
        # The platform's address for phones: a kiosk enrolled with it shows the receipt's
        # QR code on the done screen (kiosk/receipts/phone.py).
        self.receipt_base = receipt_base if channel == "kiosk" else None
        # Anonymous usage (kiosk.analytics): ids and counts, never an answer.
        self.usage = usage or SessionUsage(UsageRecorder(MemorySink()))
        self._definitions = definitions  # older versions that open drafts still use
        self._on_home = on_home  # a counter goes back to its list, a kiosk to its welcome
        self.parking = ParkingDesk(self)  # parked drafts: code, PIN, sealing, resuming
        self._done: DoneScreen | None = None
        self._lane = lane
        # Scanning and importing documents: the counter, and a kiosk with a scanner.
        self.documents = documents
        # e-παράβολο codes: taken at the counter, and wherever the platform can check them.
        self.fee_codes = FeeCodes(fee_codes, self, documents.scan_one if documents else None)
        if lane is not None:
            lane.drained.connect(self._lane_drained)
        if index is None:  # `kiosk run` builds it on its loading thread, a test here
            index = SearchIndex()
            index.rebuild(catalog.procedures.values())
        self.index = index
        self.session: FillingSession | None = None
        self.created_at: datetime | None = None
        self._redraw: Callable[[], None] = self.show_home
        window.settings_changed.connect(self._settings_changed)

    @property
    def locale(self) -> str:
        return self.window.language

    # --- screens --------------------------------------------------------------------
    def show_home(self, shown: HomeScreen | None = None) -> None:
        """The welcome; `shown`: one already on show, which the flow takes over (the one
        `kiosk run` paints before the flow has loaded)."""
        if self._on_home is not None:
            self._redraw = lambda: None
            self._on_home()
            return
        self._redraw = self.show_home
        home = shown or HomeScreen(self.locale)
        home.find_requested.connect(self.show_finder)
        home.resume_requested.connect(self.show_code_entry)
        home.procedure_chosen.connect(self.show_overview)
        home.offer(self.catalog.procedures.values())
        if shown is None:
            self.window.show_screen(home)

    def show_code_entry(self) -> None:
        self.parking.show_code_entry()

    def open_parked(self, code: str, pin: str) -> None:
        self.parking.open_parked(code, pin)

    def park(self) -> None:
        self.parking.park()

    @property
    def parking_busy(self) -> bool:
        """A code is being checked or a draft sealed (scripts and tests wait on it)."""
        return self.parking.parking_busy

    def show_finder(self) -> None:
        self._redraw = self.show_finder
        finder = FinderScreen(self.locale, self._search)
        finder.procedure_chosen.connect(self.show_overview)
        finder.back_requested.connect(self.show_home)
        self.window.show_screen(finder)
        finder.query.setFocus()

    def show_overview(self, procedure_id: str) -> None:
        self._redraw = lambda: self.show_overview(procedure_id)
        procedure = resolve_for_region(
            self.catalog.procedures[procedure_id], self.catalog.overrides, self.region_code
        ).procedure
        from ui.screens.overview import OverviewScreen

        overview = OverviewScreen(procedure, self.locale)
        overview.start_requested.connect(lambda: self.start(procedure_id))
        overview.back_requested.connect(self.show_finder)
        self.window.show_screen(overview)

    def start(self, procedure_id: str) -> None:
        from kiosk.engine.session import FillingSession

        procedure = resolve_for_region(
            self.catalog.procedures[procedure_id], self.catalog.overrides, self.region_code
        ).procedure
        self.once_only.forget()  # a grant is for one application: not for a new one
        submission_id = self.backend.new_draft(procedure, self.region_code, self.channel)
        save = self.backend.save_answer
        self._forget_applicant_extras()
        self.session = FillingSession(
            procedure,
            self.region_code,
            submission_id,
            on_answer=lambda field_id, value: save(submission_id, field_id, value),
            locale=self.locale,
        )
        self.created_at = datetime.now(UTC)
        self.usage.started(self.session, self.channel)
        self.show_step()

    def resume(
        self,
        submission_id: UUID,
        procedure_id: str,
        answers: dict[str, Any],
        created_at: datetime,
        version: str | None = None,
    ) -> None:
        """Pick a saved draft up where it was left (a kiosk draft at a counter, a parked
        one, a refused one reopened for correction): same identity, same answers, and the
        definition version it was started on while the catalog still keeps it."""
        definition = self.catalog.procedures[procedure_id]
        if version and version != definition.version and self._definitions is not None:
            from kiosk.catalog.loader import DefinitionUnavailableError

            try:
                definition = self._definitions(procedure_id, version)
            except DefinitionUnavailableError as missing:  # finished on the current one
                log.warning("draft %s: %s", submission_id, missing)
        from kiosk.engine.session import FillingSession

        procedure = resolve_for_region(
            definition, self.catalog.overrides, self.region_code
        ).procedure
        self.once_only.forget()  # whoever was authorised, it was for another application
        save = self.backend.save_answer
        self._forget_applicant_extras()
        self.session = FillingSession.resume(
            procedure,
            self.region_code,
            submission_id,
            answers,
            on_answer=lambda field_id, value: save(submission_id, field_id, value),
            locale=self.locale,
        )
        self.created_at = created_at
        self.show_step()

    def authorise(
        self,
        acting: Acting,
        registry: RegistryLookupPort | None = None,
        on_end: Callable[[], None] | None = None,
    ) -> bool:
        """The person being served may now have evidence fetched on `acting`'s behalf
        (a citizen's grant: its own registry; a clerk: the flow's). False: nothing to
        authorise (no session, or no registry at all on this device)."""
        registry = registry or self._registry
        if self.session is None or registry is None:
            return False
        self.once_only.authorise(self.session, registry, acting, on_end)
        return True

    def show_citizen_sign_in(self) -> None:
        self.authorities.show_citizen_sign_in()

    def show_kept(self, screen: QWidget) -> None:
        """A screen a language switch leaves as it is (it holds a code being shown)."""
        self._redraw = lambda: None
        self.window.show_screen(screen)

    def show_step(self, focus_errors: bool = False) -> None:
        from kiosk.engine.visibility import visible_field_ids
        from ui.screens.step_form import StepScreen

        session = self.require_session()
        if session.at_review:
            self.show_review()
            return
        self._redraw = self.show_step
        before = self.window.current_screen()
        screen = StepScreen(session.current_step, self.locale)
        screen.load(session.answers)
        screen.set_progress(*session.progress)
        screen.set_visible_fields(visible_field_ids(session.procedure, session.variables))
        screen.answer_given.connect(self._answer)
        screen.next_requested.connect(self._next)
        screen.back_requested.connect(self._back)
        screen.park_requested.connect(self.park)
        self.once_only.attach(screen, session)
        self.window.show_screen(screen)
        if isinstance(before, StepScreen) and before.step.id == screen.step.id:
            # The same step redrawn (the language switched): the errors it showed stay,
            # in the new language, while the values that caused them are still there.
            shown = {fid for fid in before.rows if before.issue_text(fid)}
            screen.show_issues([i for i in session.issues() if i.path in shown])
            screen.summary_error.setVisible(before.summary_error.isVisibleTo(before))

    def show_review(self) -> None:
        from kiosk.engine.review import review_summary
        from ui.screens.review import ReviewScreen

        session = self.require_session()
        self._redraw = self.show_review
        summary = review_summary(session)
        attachable = self.documents is not None and any(
            item.status in ("bring", "attached") for item in summary.checklist
        )
        panel = None
        if summary.fees and (self.fee_codes.service is not None or self.channel == "counter"):
            panel = self.fee_codes.panel(session, summary.fees, self.locale)
        review = ReviewScreen(
            session.procedure.title.get(self.locale),
            summary,
            self.locale,
            attachable,
            panel,
            counter=self.channel == "counter",
        )
        review.documents_requested.connect(self.show_documents)
        review.change_requested.connect(self._change)
        review.back_requested.connect(self._back)
        review.submit_requested.connect(self.submit)
        self.window.show_screen(review)

    def show_documents(self) -> None:
        from ui.documents.screen import DocumentsScreen

        session, desk = self.require_session(), self.documents
        if desk is None:
            return
        self._redraw = self.show_documents
        screen = DocumentsScreen(session, desk, self.locale, kiosk=self.channel == "kiosk")
        screen.back_requested.connect(self.show_review)
        self.window.show_screen(screen)

    def _document_refusals(self, session: FillingSession) -> list[str]:
        """What would make the platform refuse an attached document, said now."""
        if self.documents is None or not session.documents:
            return []
        from kiosk.documents import refusals_before_finalising

        by_id = {document.id: document for document in session.procedure.documents}
        attached = [(by_id[key], ref) for key, ref in session.documents.items() if key in by_id]
        refusals = refusals_before_finalising(attached, self.documents.limits)
        return [refusal.message(self.locale) for refusal in refusals]

    def submit(self) -> None:
        session = self.require_session()
        if not session.ready_to_submit():
            return
        refusals = self._document_refusals(session)
        if refusals:
            self._refuse_on_review(refusals)
            return
        if self.fee_codes.refusals:  # a code refused and still in its field
            self._refuse_on_review(list(self.fee_codes.refusals.values()))
            return
        if not self.fee_codes.bind_then(
            session, lambda: self._submit_now(session), self._refuse_on_review
        ):
            self._submit_now(session)

    def _refuse_on_review(self, messages: list[str]) -> None:
        from ui.screens.review import ReviewScreen

        review = self.window.current_screen()
        if isinstance(review, ReviewScreen):
            review.show_refusals(messages)

    @property
    def fees_busy(self) -> bool:
        return self.fee_codes.busy

    def _submit_now(self, session: FillingSession) -> None:
        from kiosk.engine.submission_builder import build_submission
        from kiosk.receipts.data import short_reference  # the receipt's code, as printed
        from ui.screens.done import DoneScreen

        submission = build_submission(
            session,
            channel=self.channel,
            created_at=self.created_at or datetime.now(UTC),
            payment_codes=self.fee_codes.codes,
        )
        receipt_url = None
        if self.receipt_base is not None:
            from kiosk.receipts.phone import mint

            # Minted now, offline or not: only its digest travels, in the submission.
            phone = mint()
            submission = msgspec.structs.replace(submission, receipt_token_sha256=phone.digest)
            receipt_url = phone.url(self.receipt_base)
        self.once_only.end()  # submitted: no more fetching for it (the platform revokes too)
        outcome = self.backend.submit(submission)
        self.usage.submitted(session)
        to_bring = [
            i.document.title.get(self.locale) for i in session.checklist() if i.status == "bring"
        ]
        done = DoneScreen(
            locale=self.locale,
            reference=short_reference(submission.submission_id),
            protocol_number=outcome.protocol_number,
            to_bring=to_bring,
            sending=outcome.sending,
            receipt_url=receipt_url,
        )
        done.home_requested.connect(self.wipe)
        done.print_requested.connect(lambda: self.print_receipt(done))
        self._redraw = lambda: None
        self.window.show_screen(done)
        self._done = done
        self.last_submission = submission
        self._write_receipt(outcome.protocol_number)

    def _write_receipt(self, protocol_number: str | None) -> None:
        from kiosk.receipts.from_session import receipt_for  # reportlab: not at start-up

        self.last_receipt = receipt_for(
            self.require_session(), self.last_submission, protocol_number, office_name=""
        )
        if self.channel == "kiosk" and self._done is not None:
            self._show_receipt(self._done)

    def _show_receipt(self, done: DoneScreen) -> None:
        """The receipt full size on the done screen: many offices' kiosks have no printer."""
        from kiosk.receipts import render_receipt
        from ui import printing
        from ui.screens.done import RECEIPT_PX

        pdf = render_receipt(self.last_receipt, "thermal80")
        done.show_receipt(printing.receipt_pixmap(pdf, width=RECEIPT_PX))

    def _lane_drained(self) -> None:
        """The network lane finished a drain: tell the waiting citizen how it went."""
        done, session = self._done, self.session
        if done is None or session is None or self.window.current_screen() is not done:
            return
        number = self.backend.protocol_number(self.last_submission.submission_id)
        if number:
            done.show_protocol(number)
            self._write_receipt(number)
        elif self._lane is not None and self._lane.last_result and self._lane.last_result.error:
            done.show_queued()

    def print_receipt(self, done: DoneScreen) -> None:
        from kiosk.receipts import render_receipt
        from ui import printing
        from ui.screens.done import RECEIPT_PX

        pdf = render_receipt(self.last_receipt, "thermal80" if self.channel == "kiosk" else "a4")
        if self.channel == "kiosk":
            result = printing.print_silently(pdf, self.printer_name)
        else:
            result = printing.print_with_dialog(pdf, self.window)
        shown = None if result.ok else printing.receipt_pixmap(pdf, width=RECEIPT_PX)
        done.show_print_result(result.message(self.locale), shown)

    def wipe(self) -> None:
        """Forget the applicant: session, answers and every screen that showed them."""
        self.usage.abandoned("idle" if self.channel == "kiosk" else "home")
        self.wipe_session()
        self.show_home()

    def wipe_session(self) -> None:
        self.authorities.cancel()  # a code still on a phone gives nothing now
        self.once_only.forget()  # the grant ends with the person's session, at once
        if self.session is not None:
            forget_personal(self.session.submission_id)  # its names no longer masked in logs
        self._forget_applicant_extras()
        self.session = None
        self.created_at = None
        self._done = None

    # --- intents from the step screen ----------------------------------------------------
    def _answer(self, field_id: str, value: Any) -> None:
        from kiosk.engine.visibility import visible_field_ids
        from ui.screens.step_form import StepScreen

        session = self.session
        if session is None or not isValid(self.window) or not self.window.isVisible():
            return  # a field losing focus as its screen is wiped or the app closes
        changes = self.usage.after(session, session.set_answer(field_id, value))
        self.once_only.after(changes)
        screen = self.window.current_screen()
        if not isinstance(screen, StepScreen):
            return
        if changes.fields_shown or changes.fields_hidden:
            screen.set_visible_fields(visible_field_ids(session.procedure, session.variables))
        for prefilled in changes.prefilled:
            screen.set_value(prefilled, session.answers[prefilled])
        if changes.steps_changed:
            screen.set_progress(*session.progress)
        errors = [i for i in changes.issues if i.path == field_id]
        current = [i for i in session.issues() if i.path != field_id and screen.issue_text(i.path)]
        screen.show_issues(errors + current)

    def _engine_changed(self, changes: Any) -> None:
        """Once Only changed values (a fetch came back, a preview was rejected): show them."""
        from ui.screens.step_form import StepScreen

        session = self.session
        screen = self.window.current_screen()
        if session is None or not isinstance(screen, StepScreen):
            return
        for field_id in changes.values_changed | changes.prefilled:
            screen.set_value(field_id, session.answers.get(field_id))
        # «Συμπληρώστε αυτό το πεδίο.» goes from the fields the registry just filled.
        shown = [i for i in session.issues() if screen.issue_text(i.path)]
        screen.show_issues(shown)

    def _next(self) -> None:
        from ui.screens.step_form import StepScreen

        session = self.require_session()
        changes = self.usage.after(session, session.next())
        if changes.moved:
            self.show_step()
            return
        screen = self.window.current_screen()
        if isinstance(screen, StepScreen):
            screen.show_issues(list(changes.issues), focus_first=True)

    def _back(self) -> None:
        session = self.require_session()
        if session.progress[0] == 1 and not session.at_review:
            self.usage.abandoned("overview")
            self.show_overview(session.procedure.id)
            return
        self.usage.after(session, session.back())
        self.show_step()

    def _change(self, step_id: str) -> None:
        session = self.require_session()
        self.usage.after(session, session.jump(step_id))
        self.show_step()

    def _search(self, query: str) -> list[SearchHit]:
        if not query.strip():
            return self.index.all_titles(self.locale)
        return self.index.search(query, locale=self.locale)

    def _settings_changed(self) -> None:
        if self.session is not None:
            self.session.locale = self.locale
        self._redraw()

    def _forget_applicant_extras(self) -> None:
        """Pages gathered and fee codes typed belong to one applicant: never shown to
        the next, however the next application is opened."""
        if self.documents is not None:
            self.documents.forget()
        self.fee_codes.forget()

    def require_session(self) -> FillingSession:
        if self.session is None:
            raise RuntimeError("no procedure is being filled")
        return self.session
