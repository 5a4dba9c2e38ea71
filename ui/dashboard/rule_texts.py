"""Validation rule names (kiosk/engine/messages.py keys) and weekday abbreviations, in a
clerk's words, for the office dashboard.

Greek is the source; English is in resources/translations/periferia_en.ts (ui/i18n.py)."""

from __future__ import annotations

from ui.i18n import QT_TRANSLATE_NOOP, declare_texts

TEXTS = declare_texts(
    "dashboard_rules",
    {
        "required": QT_TRANSLATE_NOOP("dashboard_rules", "υποχρεωτικό, κενό"),
        "not_a_number": QT_TRANSLATE_NOOP("dashboard_rules", "όχι αριθμός"),
        "min_value": QT_TRANSLATE_NOOP("dashboard_rules", "κάτω από το ελάχιστο"),
        "max_value": QT_TRANSLATE_NOOP("dashboard_rules", "πάνω από το μέγιστο"),
        "money": QT_TRANSLATE_NOOP("dashboard_rules", "ποσό"),
        "min_length": QT_TRANSLATE_NOOP("dashboard_rules", "πολύ σύντομο"),
        "max_length": QT_TRANSLATE_NOOP("dashboard_rules", "πολύ μεγάλο"),
        "date": QT_TRANSLATE_NOOP("dashboard_rules", "ημερομηνία"),
        "future_date": QT_TRANSLATE_NOOP("dashboard_rules", "μελλοντική ημερομηνία"),
        "min_age": QT_TRANSLATE_NOOP("dashboard_rules", "ηλικία κάτω του ορίου"),
        "max_age": QT_TRANSLATE_NOOP("dashboard_rules", "ηλικία πάνω από το όριο"),
        "afm": QT_TRANSLATE_NOOP("dashboard_rules", "μη έγκυρος ΑΦΜ"),
        "amka": QT_TRANSLATE_NOOP("dashboard_rules", "μη έγκυρος ΑΜΚΑ"),
        "amka_birth_date": QT_TRANSLATE_NOOP("dashboard_rules", "ΑΜΚΑ και ημερομηνία γέννησης"),
        "iban": QT_TRANSLATE_NOOP("dashboard_rules", "μη έγκυρο IBAN"),
        "phone": QT_TRANSLATE_NOOP("dashboard_rules", "μη έγκυρο τηλέφωνο"),
        "email": QT_TRANSLATE_NOOP("dashboard_rules", "μη έγκυρο email"),
        "postcode": QT_TRANSLATE_NOOP("dashboard_rules", "μη έγκυρος ΤΚ"),
        "declaration": QT_TRANSLATE_NOOP("dashboard_rules", "δήλωση χωρίς αποδοχή"),
        "constraint": QT_TRANSLATE_NOOP("dashboard_rules", "κανόνας της διαδικασίας"),
        "mon": QT_TRANSLATE_NOOP("dashboard_rules", "Δευ"),
        "tue": QT_TRANSLATE_NOOP("dashboard_rules", "Τρι"),
        "wed": QT_TRANSLATE_NOOP("dashboard_rules", "Τετ"),
        "thu": QT_TRANSLATE_NOOP("dashboard_rules", "Πεμ"),
        "fri": QT_TRANSLATE_NOOP("dashboard_rules", "Παρ"),
        "sat": QT_TRANSLATE_NOOP("dashboard_rules", "Σαβ"),
        "sun": QT_TRANSLATE_NOOP("dashboard_rules", "Κυρ"),
    },
)


def text(key: str, locale: str, **params: object) -> str:
    return TEXTS.text(key, locale, **params)
