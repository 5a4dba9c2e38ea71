"""Counter mode's own words in Greek and English (same shape as ui/texts.py).

Greek is the source; English is in resources/translations/periferia_en.ts (ui/i18n.py).
What the counter's services say when they refuse is the core's (kiosk/counter/texts.py),
shown with `refused.message(locale)`. Every kiosk.status.Status has a `status_…` label
here (tests/ui/test_translations.py checks it)."""

from __future__ import annotations

from ui.i18n import QT_TRANSLATE_NOOP, declare_texts

TEXTS = declare_texts(
    "counter",
    {
        "sign_in_title": QT_TRANSLATE_NOOP("counter", "Σύνδεση υπαλλήλου"),
        "clerk_id": QT_TRANSLATE_NOOP("counter", "Κωδικός υπαλλήλου"),
        "password": QT_TRANSLATE_NOOP("counter", "Συνθηματικό"),
        "sign_in": QT_TRANSLATE_NOOP("counter", "Σύνδεση"),
        "sign_out": QT_TRANSLATE_NOOP("counter", "Αποσύνδεση"),
        "signed_in_as": QT_TRANSLATE_NOOP("counter", "Συνδεδεμένος/η: {name}"),
        "offline_sign_in": QT_TRANSLATE_NOOP(
            "counter",
            "Σύνδεση χωρίς δίκτυο (έλεγχος με τα τοπικά στοιχεία).",
        ),
        "today": QT_TRANSLATE_NOOP("counter", "Σημερινές αιτήσεις"),
        "new_application": QT_TRANSLATE_NOOP("counter", "Νέα αίτηση"),
        "continue_draft": QT_TRANSLATE_NOOP("counter", "Συνέχεια πρόχειρης"),
        "reprint": QT_TRANSLATE_NOOP("counter", "Επανεκτύπωση απόδειξης"),
        "parked_code": QT_TRANSLATE_NOOP("counter", "Αίτηση με κωδικό από περίπτερο"),
        "refresh": QT_TRANSLATE_NOOP("counter", "Ανανέωση"),
        "dashboard": QT_TRANSLATE_NOOP("counter", "Στατιστικά γραφείου"),
        "attention_waiting": QT_TRANSLATE_NOOP(
            "counter",
            "{count} αιτήσεις περιμένουν να σταλούν πάνω από μία ώρα (η παλαιότερη από τις "
            "{time}). Ελέγξτε τη σύνδεση ή ζητήστε από το τμήμα πληροφορικής να τρέξει "
            "«kiosk doctor».",
        ),
        "back_to_list": QT_TRANSLATE_NOOP("counter", "Πίσω στη λίστα"),
        "col_time": QT_TRANSLATE_NOOP("counter", "Ώρα"),
        "col_procedure": QT_TRANSLATE_NOOP("counter", "Διαδικασία"),
        "col_channel": QT_TRANSLATE_NOOP("counter", "Από"),
        "col_status": QT_TRANSLATE_NOOP("counter", "Κατάσταση"),
        "col_protocol": QT_TRANSLATE_NOOP("counter", "Πρωτόκολλο"),
        "nothing_today": QT_TRANSLATE_NOOP("counter", "Καμία αίτηση σήμερα ακόμη."),
        "choose_row": QT_TRANSLATE_NOOP("counter", "Επιλέξτε πρώτα μια αίτηση από τη λίστα."),
        "attention": QT_TRANSLATE_NOOP("counter", "Χρειάζονται προσοχή"),
        "attention_none": QT_TRANSLATE_NOOP("counter", "Τίποτα δεν περιμένει διόρθωση."),
        "attention_item": QT_TRANSLATE_NOOP(
            "counter",
            "{procedure} · {time}: η πλατφόρμα την απέρριψε ({fields}).",
        ),
        "attention_todo": QT_TRANSLATE_NOOP(
            "counter",
            "Ανοίξτε την, διορθώστε τα πεδία που σημειώνονται και υποβάλετέ την ξανά.",
        ),
        "correct": QT_TRANSLATE_NOOP("counter", "Διόρθωση"),
        "sync_online": QT_TRANSLATE_NOOP("counter", "Σε σύνδεση"),
        "sync_offline": QT_TRANSLATE_NOOP("counter", "Χωρίς σύνδεση"),
        "sync_unknown": QT_TRANSLATE_NOOP("counter", "Έλεγχος σύνδεσης…"),
        "sync_not_enrolled": QT_TRANSLATE_NOOP(
            "counter",
            "Η συσκευή δεν είναι εγγεγραμμένη: οι αιτήσεις μένουν εδώ",
        ),
        "sync_sending": QT_TRANSLATE_NOOP("counter", "αποστολή…"),
        "sync_pending": QT_TRANSLATE_NOOP("counter", "{count} σε αναμονή"),
        "sync_last": QT_TRANSLATE_NOOP("counter", "τελευταία επιτυχία {time}"),
        "sync_failed": QT_TRANSLATE_NOOP(
            "counter", "Σφάλμα συγχρονισμού — νέα προσπάθεια στις {time}"
        ),
        "dashboard_loading": QT_TRANSLATE_NOOP("counter", "Φόρτωση στατιστικών…"),
        "status_draft": QT_TRANSLATE_NOOP("counter", "Πρόχειρη"),
        "status_queued": QT_TRANSLATE_NOOP("counter", "Σε αναμονή αποστολής"),
        "status_sending": QT_TRANSLATE_NOOP("counter", "Αποστέλλεται"),
        "status_accepted": QT_TRANSLATE_NOOP("counter", "Καταχωρίστηκε"),
        "status_in_review": QT_TRANSLATE_NOOP("counter", "Σε εξέταση"),
        "status_decided": QT_TRANSLATE_NOOP("counter", "Αποφασίστηκε"),
        "status_quarantined": QT_TRANSLATE_NOOP("counter", "Απορρίφθηκε — διόρθωση"),
        "channel_kiosk": QT_TRANSLATE_NOOP("counter", "Περίπτερο"),
        "channel_counter": QT_TRANSLATE_NOOP("counter", "Γκισέ"),
    },
)


def text(key: str, locale: str, **params: object) -> str:
    return TEXTS.text(key, locale, **params)
