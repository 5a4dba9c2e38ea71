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
        "postcode_unknown": QT_TRANSLATE_NOOP("dashboard_rules", "ΤΚ που δεν υπάρχει"),
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


# The registries and the keys they are looked up by (kiosk.analytics.hints' figures), in
# a clerk's words: a hint says «Μητρώο οχημάτων, με αριθμό κυκλοφορίας», not «vehicle, plate».
REGISTRIES = declare_texts(
    "dashboard_registries",
    {
        "taxpayer": QT_TRANSLATE_NOOP("dashboard_registries", "Φορολογικό Μητρώο ΑΑΔΕ"),
        "aade": QT_TRANSLATE_NOOP("dashboard_registries", "ΑΑΔΕ"),
        "identity": QT_TRANSLATE_NOOP("dashboard_registries", "Μητρώο αστυνομικών ταυτοτήτων"),
        "vehicle": QT_TRANSLATE_NOOP("dashboard_registries", "Μητρώο οχημάτων"),
        "business": QT_TRANSLATE_NOOP("dashboard_registries", "Μητρώο επιχειρήσεων"),
        "property": QT_TRANSLATE_NOOP("dashboard_registries", "Μητρώο ακινήτων"),
        "ktimatologio": QT_TRANSLATE_NOOP("dashboard_registries", "Κτηματολόγιο"),
        "efka": QT_TRANSLATE_NOOP("dashboard_registries", "e-ΕΦΚΑ"),
        "gemi": QT_TRANSLATE_NOOP("dashboard_registries", "ΓΕΜΗ"),
        "police": QT_TRANSLATE_NOOP("dashboard_registries", "Ποινικό Μητρώο"),
        "other": QT_TRANSLATE_NOOP("dashboard_registries", "άλλο μητρώο"),
        "afm": QT_TRANSLATE_NOOP("dashboard_registries", "ΑΦΜ"),
        "amka": QT_TRANSLATE_NOOP("dashboard_registries", "ΑΜΚΑ"),
        "plate": QT_TRANSLATE_NOOP("dashboard_registries", "αριθμό κυκλοφορίας"),
    },
)


def text(key: str, locale: str, **params: object) -> str:
    return TEXTS.text(key, locale, **params)


def registry_words(key: str, locale: str) -> str:
    """A registry's or an identifier's name; a key not listed is shown as it is."""
    return REGISTRIES.text(key, locale) if key in REGISTRIES else key
