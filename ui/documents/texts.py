"""The supporting documents screens' own words (refusals are the core's:
kiosk/documents/texts.py, kiosk/scanning/texts.py).

Greek is the source; English is in resources/translations/periferia_en.ts (ui/i18n.py)."""

from __future__ import annotations

from ui.i18n import QT_TRANSLATE_NOOP, declare_texts

TEXTS = declare_texts(
    "documents",
    {
        "title": QT_TRANSLATE_NOOP("documents", "Δικαιολογητικά"),
        "intro_counter": QT_TRANSLATE_NOOP(
            "documents",
            "Σαρώστε ή εισαγάγετε κάθε δικαιολογητικό που φέρνει ο αιτών· οι σελίδες γίνονται "
            "ένα PDF.",
        ),
        "intro_kiosk": QT_TRANSLATE_NOOP(
            "documents",
            "Αν έχετε μαζί σας ένα δικαιολογητικό, σαρώστε το εδώ: τοποθετήστε τη σελίδα με την "
            "όψη προς τα κάτω στο γυαλί του σαρωτή, κλείστε το καπάκι και πατήστε «Σάρωση "
            "σελίδας». Ό,τι δεν σαρώσετε το φέρνετε στο γκισέ.",
        ),
        "scan": QT_TRANSLATE_NOOP("documents", "Σάρωση σελίδας"),
        "import": QT_TRANSLATE_NOOP("documents", "Εισαγωγή αρχείου"),
        "import_title": QT_TRANSLATE_NOOP("documents", "Εισαγωγή δικαιολογητικού"),
        "import_filter": QT_TRANSLATE_NOOP("documents", "Έγγραφα (*.pdf *.jpg *.jpeg *.png)"),
        "earlier": QT_TRANSLATE_NOOP("documents", "◀ Νωρίτερα"),
        "later": QT_TRANSLATE_NOOP("documents", "Αργότερα ▶"),
        "delete": QT_TRANSLATE_NOOP("documents", "Διαγραφή σελίδας"),
        "rescan": QT_TRANSLATE_NOOP("documents", "Νέα σάρωση σελίδας"),
        "attach": QT_TRANSLATE_NOOP("documents", "Επισύναψη"),
        "scanning": QT_TRANSLATE_NOOP("documents", "Σάρωση…"),
        "working": QT_TRANSLATE_NOOP("documents", "Επεξεργασία…"),
        "pages": QT_TRANSLATE_NOOP("documents", "{count} σελίδες"),
        "page": QT_TRANSLATE_NOOP("documents", "Σελίδα {number}"),
        "status_bring": QT_TRANSLATE_NOOP("documents", "Να προσκομιστεί"),
        "status_attached": QT_TRANSLATE_NOOP("documents", "Επισυνάφθηκε ({size} MB)"),
        "status_changed": QT_TRANSLATE_NOOP(
            "documents",
            "Οι σελίδες άλλαξαν· πατήστε «Επισύναψη» για να ενημερωθεί.",
        ),
        "done": QT_TRANSLATE_NOOP("documents", "Πίσω στον έλεγχο"),
        "attach_documents": QT_TRANSLATE_NOOP("documents", "Δικαιολογητικά: σάρωση ή εισαγωγή"),
        "attach_documents_kiosk": QT_TRANSLATE_NOOP(
            "documents", "Έχετε μαζί σας δικαιολογητικά; Στείλτε τα από εδώ"
        ),
        "intro_kiosk_phone": QT_TRANSLATE_NOOP(
            "documents",
            "Αν έχετε ένα δικαιολογητικό στο κινητό σας ή μπορείτε να το φωτογραφίσετε, "
            "πατήστε «Από το κινητό σας». Ό,τι δεν στείλετε το φέρνετε στο γκισέ.",
        ),
        "attached_list": QT_TRANSLATE_NOOP("documents", "Επισυνάφθηκαν"),
        "phone": QT_TRANSLATE_NOOP("documents", "Από το κινητό σας"),
        "phone_hint": QT_TRANSLATE_NOOP(
            "documents",
            "Σαρώστε αυτόν τον κωδικό QR με την κάμερα του κινητού σας, φωτογραφίστε το έγγραφο "
            "ή επιλέξτε αρχείο και πατήστε «Αποστολή». Η σελίδα εμφανίζεται εδώ μόλις φτάσει.",
        ),
        "phone_qr": QT_TRANSLATE_NOOP("documents", "Κωδικός QR για αποστολή από το κινητό"),
        "photo": QT_TRANSLATE_NOOP("documents", "Φωτογραφία"),
        "photo_title": QT_TRANSLATE_NOOP("documents", "Φωτογράφιση δικαιολογητικού"),
        "photo_hint": QT_TRANSLATE_NOOP(
            "documents",
            "Απλώστε τη σελίδα σε επίπεδη, φωτεινή επιφάνεια, ώστε να γεμίζει την εικόνα, και "
            "πατήστε «Λήψη».",
        ),
        "photo_viewfinder": QT_TRANSLATE_NOOP("documents", "Εικόνα της κάμερας"),
        "photo_take": QT_TRANSLATE_NOOP("documents", "Λήψη"),
        "photo_cancel": QT_TRANSLATE_NOOP("documents", "Άκυρο"),
        "photo_failed": QT_TRANSLATE_NOOP(
            "documents",
            "Η κάμερα δεν αποκρίνεται· ελέγξτε ότι είναι συνδεδεμένη και ότι δεν τη χρησιμοποιεί "
            "άλλο πρόγραμμα, ή σαρώστε τη σελίδα.",
        ),
    },
)


def text(key: str, locale: str, **params: object) -> str:
    return TEXTS.text(key, locale, **params)
