"""The e-παράβολο panel's own words (refusals are the core's: kiosk/payments.py).

Greek is the source; English is in resources/translations/periferia_en.ts (ui/i18n.py)."""

from __future__ import annotations

from ui.i18n import QT_TRANSLATE_NOOP, declare_texts

TEXTS = declare_texts(
    "payments",
    {
        "title": QT_TRANSLATE_NOOP("payments", "Κωδικός e-παραβόλου"),
        "hint": QT_TRANSLATE_NOOP(
            "payments",
            "Πληκτρολογήστε τον κωδικό πληρωμής (20 ψηφία ή RF) ή σαρώστε τον με τον αναγνώστη "
            "γραμμωτού κώδικα.",
        ),
        "code_for": QT_TRANSLATE_NOOP("payments", "Κωδικός για: {fee}"),
        "read_scan": QT_TRANSLATE_NOOP("payments", "Ανάγνωση κωδικού από σάρωση: {fee}"),
        "read_scan_short": QT_TRANSLATE_NOOP("payments", "Ανάγνωση από σάρωση"),
    },
)


def text(key: str, locale: str, **params: object) -> str:
    return TEXTS.text(key, locale, **params)
