"""The overview, read before anything is answered: conditions say «Αν …» (not «Επειδή …»,
which states as a fact what the citizen has not said yet), in Greek and in English,
and an English screen is English wherever the definition has English."""

from __future__ import annotations

import re

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from kiosk.catalog.loader import load_catalog, sample_catalog_dir
from ui.screens.overview import OverviewScreen

GREEK = re.compile("[α-ωά-ώΑ-ΩΆ-Ώ]")


def _words(qtbot: QtBot, procedure_id: str, locale: str) -> list[str]:
    procedure = load_catalog(sample_catalog_dir()).procedures[procedure_id]
    screen = OverviewScreen(procedure, locale)
    qtbot.addWidget(screen)
    return [label.text() for label in screen.findChildren(QLabel)]


def test_document_conditions_read_as_ifs_before_anything_is_answered(qtbot: QtBot) -> None:
    greek = _words(qtbot, "taxi-driver-licence-renewal", "el")
    assert not [w for w in greek if "Επειδή" in w]
    assert any("— Αν έχετε ελληνική υπηκοότητα." in w for w in greek)
    english = _words(qtbot, "taxi-driver-licence-renewal", "en")
    assert not [w for w in english if "Because" in w]
    assert any("— If you are a Greek national." in w for w in english)


def test_the_eligibility_bullets_are_english_on_an_english_screen(qtbot: QtBot) -> None:
    english = _words(qtbot, "taxi-driver-licence", "en")
    bullets = [w for w in english if w.startswith("• ")]
    assert any("driving licence" in w for w in bullets)
    eligibility = [w for w in bullets if "Aged 21" in w or "category B" in w]
    assert len(eligibility) == 2 and not [w for w in eligibility if GREEK.search(w)]
