"""The review summary, in the chosen language, for the screen and the receipt."""

from __future__ import annotations

import uuid
from datetime import date

from kiosk.engine.review import format_money, review_summary
from kiosk.engine.session import FillingSession
from tests.kiosk.engine.procedures import support_grant


def _session(locale: str) -> FillingSession:
    session = FillingSession(
        support_grant(), "9", uuid.uuid4(), today=date(2026, 11, 22), locale=locale
    )
    session.set_answer("kind", "cattle")
    session.set_answer("heads", "1500")
    session.set_answer("loss", "1234.5")
    session.set_answer("unit", "0202")
    session.add_item("herds")
    session.set_item_answer("herds", 0, "code", "Β-7")
    session.set_item_answer("herds", 0, "moved", True)
    return session


def test_rows_speak_greek_with_greek_numbers_and_money() -> None:
    summary = review_summary(_session("el"))
    rows = dict(summary.sections[0].rows)
    assert rows["Είδος"] == "Βοοειδή"
    assert rows["Αριθμός ζώων"] == "1.500"
    assert rows["Ζημία"] == "1.234,50 €"
    assert rows["Περιφερειακή Ενότητα"] == "ΘΕΣΣΑΛΟΝΙΚΗΣ"
    assert dict(summary.sections[1].rows)["Κοπάδι 1: Προορισμός"] == "—"
    assert summary.total_display == "30,00 €"


def test_rows_speak_english_and_the_summary_says_what_is_missing() -> None:
    summary = review_summary(_session("en"))
    rows = dict(summary.sections[0].rows)
    assert rows["Kind"] == "Cattle" and rows["Loss"] == "€1,234.50"
    assert rows["Regional Unit"] == "Thessaloniki"
    assert not summary.ready
    assert [i.path for i in summary.issues] == ["herds[0].destination"]
    assert [i.document_id for i in summary.documents_to_bring] == ["cattle_register", "loss_report"]
    assert format_money("5", "en") == "€5.00"
