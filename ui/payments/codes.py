"""The e-παράβολο codes of the application being filled: the form checked at once,
the platform's check and binding on a lane (HTTP never on the GUI thread).

A refusal (unpaid, another amount, used elsewhere) is said in the panel, and at
submission on the review, which then does not submit; a link that fails leaves the code
pending: the submission carries it so, the receipt says so, and the platform binds it
when the application arrives."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from shiboken6 import isValid

from kiosk.payments import TEXTS, PaymentCode, check_code, code_from_page
from kiosk.submission import FeeLine
from kiosk.texts import RefusedError
from ui.payments.fee_codes import FeeCodesPanel
from ui.tasks import Background

if TYPE_CHECKING:
    from kiosk.engine.session import FillingSession  # the engine: with the first session
    from sync.fees import PlatformFees

log = logging.getLogger(__name__)
Outcome = PaymentCode | RefusedError


class FeeCodes(QObject):
    def __init__(
        self,
        service: PlatformFees | None,
        parent: QObject | None = None,
        scan: Callable[[], bytes] | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.scan = scan  # a scanned page (PNG), where a scanner is at hand
        self.codes: dict[str, PaymentCode] = {}
        # Codes refused (form or platform), still in their field: they hold the submission
        # until the clerk corrects or clears them, so a fee is never sent without its code
        # by mistake.
        self.refusals: dict[str, str] = {}
        self._lane = Background(self, name="fees")
        self._panel: FeeCodesPanel | None = None
        self._session: FillingSession | None = None
        self._locale = "el"

    @property
    def busy(self) -> bool:
        return self._lane.busy

    def forget(self) -> None:
        self.codes, self.refusals = {}, {}
        self._panel = self._session = None

    def panel(self, session: FillingSession, fees: list[FeeLine], locale: str) -> FeeCodesPanel:
        self._session, self._locale = session, locale
        panel = FeeCodesPanel(fees, self.codes, locale, can_scan=self.scan is not None)
        panel.code_given.connect(self.given)
        panel.scan_requested.connect(self.read_from_scan)
        self._panel = panel
        return panel

    def given(self, fee_id: str, raw: str) -> None:
        """Form first (offline); then the platform's check, off the GUI thread."""
        panel, session, locale = self._panel, self._session, self._locale
        if panel is None or session is None:
            return
        if not raw.strip():
            self.codes.pop(fee_id, None)
            self.refusals.pop(fee_id, None)
            return
        try:
            code = check_code(raw)
        except RefusedError as refused:
            self.codes.pop(fee_id, None)
            self.refusals[fee_id] = refused.message(locale)
            panel.show_state(fee_id, self.refusals[fee_id], refused=True)
            return
        if (known := self.codes.get(fee_id)) is not None and known.code == code:
            return
        self.refusals.pop(fee_id, None)
        self.codes[fee_id] = PaymentCode(fee_id, code, "pending")
        panel.show_state(fee_id, TEXTS["pending"].message(locale))
        service = self.service
        line = next((line for line in session.fees() if line.fee_id == fee_id), None)
        if service is None or line is None:
            return
        submission_id, amount = session.submission_id, line.amount

        def check() -> Exception | None:
            try:
                service.check(fee_id, code, amount, submission_id)
            except Exception as failure:  # a refusal, or the link: the check stays pending
                return failure
            return None

        self._lane.run(check, lambda outcome: self._checked(fee_id, code, outcome))

    def read_from_scan(self, fee_id: str) -> None:
        """Scan the payment slip and read its barcode (zxing-cpp), on the lane."""
        scan, panel = self.scan, self._panel
        if scan is None or panel is None:
            return

        def read() -> str | RefusedError:
            try:
                return code_from_page(scan())
            except RefusedError as refused:  # no code on the page, or the scanner failed
                return refused

        def done(outcome: str | RefusedError) -> None:
            if self._panel is not panel or not isValid(panel):
                return
            if isinstance(outcome, RefusedError):
                panel.show_state(fee_id, outcome.message(self._locale), refused=True)
            else:
                panel.set_code(fee_id, outcome)

        self._lane.run(read, done)

    def _checked(self, fee_id: str, code: str, outcome: Exception | None) -> None:
        panel = self._panel
        if panel is None or not isValid(panel):
            return
        if isinstance(outcome, RefusedError):
            if (given := self.codes.get(fee_id)) is not None and given.code == code:
                del self.codes[fee_id]
                self.refusals[fee_id] = outcome.message(self._locale)
            panel.show_state(fee_id, outcome.message(self._locale), refused=True)
        elif outcome is None:
            panel.show_state(fee_id, TEXTS["verified"].message(self._locale))
        else:
            log.info("fee code check pending: %s", type(outcome).__name__)

    def bind_then(
        self,
        session: FillingSession,
        submit: Callable[[], None],
        refuse: Callable[[list[str]], None],
    ) -> bool:
        """Bind the pending codes, then `submit()`; or `refuse(messages)`. False when
        there is nothing to bind (the caller submits at once)."""
        service = self.service
        pending = [code for code in self.codes.values() if code.status == "pending"]
        if service is None or not pending:
            return False
        amounts = {line.fee_id: line.amount for line in session.fees()}
        submission_id, locale = session.submission_id, self._locale

        def bind() -> list[Outcome]:
            outcomes: list[Outcome] = []
            for code in pending:
                try:
                    amount = amounts[code.fee_id]
                    outcomes.append(service.bind(code.fee_id, code.code, amount, submission_id))
                except RefusedError as refused:
                    outcomes.append(refused)
                except Exception as failure:  # offline: bound when the application arrives
                    log.info("fee code binding pending: %s", type(failure).__name__)
                    outcomes.append(code)
            return outcomes

        def bound(outcomes: list[Outcome]) -> None:
            if self._session is not session:
                return  # the applicant has gone meanwhile
            refused = [o.message(locale) for o in outcomes if isinstance(o, RefusedError)]
            for outcome in outcomes:
                if isinstance(outcome, PaymentCode):
                    self.codes[outcome.fee_id] = outcome
            if refused:
                refuse(refused)
            else:
                submit()

        self._lane.run(bind, bound)
        return True
