"""The evidence panel draws each consent state and forwards the person's intents: the
choice when nothing is chosen, what was fetched with the way to refuse it, what is to
bring, and the identity check form at a counter."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel
from pytestqt.qtbot import QtBot

from kiosk.catalog.loader import load_catalog, sample_catalog_dir
from kiosk.engine.evidence import Evidence, EvidenceState, procedure_evidence
from ui.screens.evidence_panel import EvidencePanel
from ui.screens.identity_check import IdentityCheckForm

NAME_LABELS = {"surname": "Επώνυμο", "first_name": "Όνομα"}


def _evidence() -> tuple[Evidence, Evidence]:
    procedure = load_catalog(sample_catalog_dir()).procedures["taxi-driver-licence"]
    name, record = procedure_evidence(procedure)
    return name, record


def _panel(qtbot: QtBot, locale: str = "el", **options: bool) -> EvidencePanel:
    panel = EvidencePanel(locale, **options)
    qtbot.addWidget(panel)
    return panel


def _actions(panel: EvidencePanel) -> list[str]:
    return [str(b.property("action")) for b in panel.findChildren(QAbstractButton)]


def _words(panel: EvidencePanel) -> str:
    return "\n".join(w.text() for w in panel.findChildren(QLabel))


def test_nothing_chosen_offers_both_choices_for_each_piece(qtbot: QtBot) -> None:
    name, record = _evidence()
    panel = _panel(qtbot)
    items = [(name, EvidenceState()), (record, EvidenceState())]
    panel.show_items(items, can_fetch=True, pending=set(), labels=NAME_LABELS)
    assert _actions(panel) == [
        "fetch:prefill:afm", "bring:prefill:afm",
        "fetch:document:criminal_record", "bring:document:criminal_record",
    ]  # fmt: skip
    chosen: list[tuple[str, str]] = []
    panel.choice_made.connect(lambda key, choice: chosen.append((key, choice)))
    panel.findChildren(QAbstractButton)[1].click()
    QApplication.processEvents()  # forwarded once the click is over
    assert chosen == [("prefill:afm", "bring")]


def test_what_was_fetched_is_shown_with_the_way_to_refuse_it(qtbot: QtBot) -> None:
    name, _ = _evidence()
    fetched = EvidenceState(
        choice="fetched", fetch_id="f-1", fetched_at=datetime.now(UTC),
        values={"surname": "ΔΟΚΙΜΑΣΤΙΚΟΣ", "first_name": "ΠΟΛΙΤΗΣ"},
    )  # fmt: skip
    panel = _panel(qtbot)
    panel.show_items([(name, fetched)], can_fetch=True, pending=set(), labels=NAME_LABELS)
    assert "Επώνυμο: ΔΟΚΙΜΑΣΤΙΚΟΣ" in _words(panel) and "Όνομα: ΠΟΛΙΤΗΣ" in _words(panel)
    rejected: list[str] = []
    panel.rejected.connect(rejected.append)
    (refuse,) = panel.findChildren(QAbstractButton)
    assert refuse.text() == "Δεν είναι σωστά: θα φέρω το έγγραφο"
    refuse.click()
    QApplication.processEvents()
    assert rejected == ["prefill:afm"]


def test_a_pending_request_a_rejection_and_a_refusal_are_said_in_english(qtbot: QtBot) -> None:
    name, record = _evidence()
    panel = _panel(qtbot, "en")
    items = [(name, EvidenceState(choice="fetch")), (record, EvidenceState(choice="rejected"))]
    panel.show_items(items, can_fetch=True, pending={"prefill:afm"}, labels=NAME_LABELS)
    assert "the registry has not answered yet" in _words(panel)
    assert "Not used. Type the details yourself" in _words(panel)
    refused = EvidenceState(choice="bring", refused="not_your_record")
    panel.show_items(
        [(name, refused)], can_fetch=True, pending=set(), labels=NAME_LABELS, signed_in="P. TEST"
    )
    assert "Signed in as P. TEST" in _words(panel)
    assert "only your own, while you are signed in" in _words(panel)


def test_at_a_counter_the_identity_check_comes_before_any_choice(qtbot: QtBot) -> None:
    name, _ = _evidence()
    panel = _panel(qtbot, identity_check=True)
    panel.show_items([(name, EvidenceState())], can_fetch=False, pending=set(), labels={})
    form = panel.findChild(IdentityCheckForm)
    assert form is not None and "fetch:prefill:afm" not in _actions(panel)
    checks: list[object] = []
    panel.identity_checked.connect(checks.append)
    form.last4.setText("ab12")
    form.record.click()
    QApplication.processEvents()
    (check,) = checks
    assert check.number_last4 == "AB12" and check.document_type == "id_card"  # type: ignore[attr-defined]


def test_with_nothing_a_registry_could_provide_the_panel_is_hidden(qtbot: QtBot) -> None:
    panel = _panel(qtbot)
    panel.show_items([], can_fetch=False, pending=set(), labels={})
    assert panel.isHidden()
