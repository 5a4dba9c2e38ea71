"""Once Only on a step: what registries could provide, and the person's say over it.

Without sign-in the panel says that nothing is looked up, and why, and lists what is
to bring. Signed in (or at a counter after the clerk's identity check) it asks, per
piece of evidence, «Να το αναζητήσει η υπηρεσία» or «Θα το φέρω εγώ», and shows what
was fetched before it is used, with «Δεν είναι σωστά: θα φέρω το έγγραφο». Thin: the
choices are the engine's (kiosk.engine.evidence); this draws them and forwards intents.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.engine.evidence import Evidence, EvidenceState
from kiosk.engine.evidence_texts import TEXTS
from ui.screens.common import button, label


class EvidencePanel(QFrame):
    choice_made = Signal(str, str)  # evidence key, "fetch" | "bring"
    rejected = Signal(str)  # evidence key: the preview was wrong
    sign_in_requested = Signal()
    identity_checked = Signal(object)  # counter: an InPersonCheck recorded

    def __init__(
        self,
        locale: str,
        *,
        sign_in_offered: bool = False,
        identity_check: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._identity_check = identity_check
        self.setObjectName("panel")
        self._locale = locale
        self._sign_in_offered = sign_in_offered
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(20, 12, 20, 12)

    def _later(self, intent: Callable[[], None]) -> None:
        """Forward an intent once the click that made it is over: the redraw it causes
        deletes the row (and the button) the click is still running in."""
        QTimer.singleShot(0, self, intent)

    def _say(self, key: str, **params: object) -> str:
        return TEXTS[key].message(self._locale, **params)

    def show_items(
        self,
        items: list[tuple[Evidence, EvidenceState]],
        *,
        can_fetch: bool,
        pending: set[str],
        labels: Mapping[str, str],
        signed_in: str = "",
    ) -> None:
        """Redraw for these items; `pending`: keys whose look-up has not answered yet;
        `labels`: field id -> its label, for the preview."""
        while self._layout.count():
            taken = self._layout.takeAt(0)
            widget = taken.widget() if taken is not None else None
            if widget is not None:
                widget.setParent(None)
                widget.deleteLater()
        self.setVisible(bool(items))
        if not items:
            return
        self._layout.addWidget(label(self._say("panel_title"), "h2", self))
        if not can_fetch and self._identity_check:
            # A counter's check of a person's papers: its combo box and form layout make
            # five enum types (~1.5 ms), not for every start.
            from ui.screens.identity_check import IdentityCheckForm

            form = IdentityCheckForm(self._locale, self)
            form.checked.connect(
                lambda check: self._later(lambda: self.identity_checked.emit(check))
            )
            self._layout.addWidget(form)
            return
        if not can_fetch:
            self._not_signed_in(items)
            return
        if signed_in:
            self._layout.addWidget(label(self._say("signed_in", name=signed_in), "hint", self))
        for evidence, state in items:
            row = self._row(evidence, state, evidence.key in pending, labels)
            self._layout.addWidget(row)
            if state.refused is not None:  # the platform said no for this person
                self._layout.addWidget(label(self._say("refused"), "error", self))

    def _not_signed_in(self, items: list[tuple[Evidence, EvidenceState]]) -> None:
        notice = label(self._say("not_signed_in"), "notice", self)
        notice.setAccessibleName(notice.text())
        self._layout.addWidget(notice)
        self._layout.addWidget(label(self._say("why"), "hint", self))
        for evidence, _ in items:
            title = evidence.title.get(self._locale)
            said = "to_type" if evidence.is_prefill else "to_bring"  # a name is typed
            self._layout.addWidget(label(self._say(said, title=title), "", self))
        if self._sign_in_offered:
            offer = button(self._say("sign_in_offer"), "primary", self)
            offer.setProperty("action", "sign_in")
            offer.clicked.connect(lambda: self._later(self.sign_in_requested.emit))
            self._layout.addWidget(offer)

    def _row(
        self, evidence: Evidence, state: EvidenceState, pending: bool, labels: Mapping[str, str]
    ) -> QWidget:
        row = QWidget(self)
        row.setObjectName("evidence_row")  # the panel's colour shows through, in every theme
        row.setStyleSheet("#evidence_row, QLabel { background: transparent; }")
        layout = QVBoxLayout(row)
        layout.setContentsMargins(0, 4, 0, 4)
        title = evidence.title.get(self._locale)
        layout.addWidget(label(self._say("choose", title=title), "", row))
        actions = QHBoxLayout()
        if state.choice == "fetched":
            layout.addWidget(label(self._say("fetched"), "", row))
            for field_id, value in state.values.items():
                shown = label(f"{labels.get(field_id, field_id)}: {value}", "preview", row)
                layout.addWidget(shown)
            self._action(actions, "reject", evidence.key, row)
        elif state.choice == "fetch":
            if evidence.is_prefill:
                layout.addWidget(label(self._say("pending" if pending else "asked"), "", row))
            else:
                layout.addWidget(label(self._say("document_fetch"), "", row))
            self._action(actions, "bring", evidence.key, row)
        elif state.choice == "rejected":
            layout.addWidget(label(self._say("rejected"), "", row))
        elif state.choice == "bring":
            layout.addWidget(label(self._say("bringing"), "", row))
            self._action(actions, "fetch", evidence.key, row)
        else:
            self._action(actions, "fetch", evidence.key, row)
            self._action(actions, "bring", evidence.key, row)
        actions.addStretch(1)
        layout.addLayout(actions)
        return row

    def _action(self, actions: QHBoxLayout, kind: str, key: str, parent: QWidget) -> None:
        widget = button(self._say(kind), "primary" if kind == "fetch" else "", parent)
        widget.setProperty("action", f"{kind}:{key}")  # what tests and scripts press
        if kind == "reject":
            widget.clicked.connect(lambda: self._later(lambda: self.rejected.emit(key)))
        else:
            widget.clicked.connect(lambda: self._later(lambda: self.choice_made.emit(key, kind)))
        actions.addWidget(widget)
