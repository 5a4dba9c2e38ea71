"""The interface's own words (definitions carry their own texts).

Greek is the source; English comes from resources/translations/periferia_en.ts through
Qt's translation system (see ui/i18n.py). Add a string here as
`QT_TRANSLATE_NOOP("ui", "…")`, then run `bash scripts/translations.sh` and translate it
in the .ts (Qt Linguist or any editor); tests/ui/test_translations.py fails until it is."""

from __future__ import annotations

from ui.i18n import QT_TRANSLATE_NOOP, declare_texts

TEXTS = declare_texts(
    "ui",
    {
        "brand": QT_TRANSLATE_NOOP("ui", "Περιφέρεια · Εξυπηρέτηση Πολιτών"),
        # The language toggle names the other language in that language: the Greek
        # screen offers "English", the English one "Ελληνικά".
        "language": QT_TRANSLATE_NOOP("ui", "English"),
        "large_text": QT_TRANSLATE_NOOP("ui", "Μεγάλα γράμματα"),
        # The header's second line: the Region and Regional Unit (capitals, as on the
        # receipt; the English screen has the names in Latin letters).
        "place_region": QT_TRANSLATE_NOOP("ui", "ΠΕΡΙΦΕΡΕΙΑ {region}"),
        "place_unit": QT_TRANSLATE_NOOP("ui", "ΠΕ {unit}"),
        "contrast": QT_TRANSLATE_NOOP("ui", "Υψηλή αντίθεση"),
        "welcome": QT_TRANSLATE_NOOP("ui", "Καλώς ήρθατε"),
        "welcome_hint": QT_TRANSLATE_NOOP(
            "ui",
            "Βρείτε τη διαδικασία που σας ενδιαφέρει. Θα σας καθοδηγήσουμε βήμα βήμα και θα "
            "μάθετε ποια δικαιολογητικά χρειάζεστε.",
        ),
        "find": QT_TRANSLATE_NOOP("ui", "Βρείτε τη διαδικασία σας"),
        "home_how": QT_TRANSLATE_NOOP("ui", "Πώς γίνεται"),
        "home_step_find": QT_TRANSLATE_NOOP(
            "ui", "1. Βρείτε τη διαδικασία: δείτε ποιος μπορεί να κάνει αίτηση και τι χρειάζεται."
        ),
        "home_step_fill": QT_TRANSLATE_NOOP(
            "ui",
            "2. Συμπληρώστε την αίτηση βήμα βήμα. Όσα έγγραφα τηρεί η υπηρεσία τα αναζητά η ίδια.",
        ),
        "home_step_later": QT_TRANSLATE_NOOP(
            "ui",
            "3. Δεν έχετε χρόνο; Αποθηκεύστε την και συνεχίστε εδώ ή στο γκισέ με κωδικό και PIN.",
        ),
        "resume": QT_TRANSLATE_NOOP("ui", "Συνέχεια αποθηκευμένης αίτησης"),
        "search_label": QT_TRANSLATE_NOOP("ui", "Τι θέλετε να κάνετε;"),
        "search_hint": QT_TRANSLATE_NOOP("ui", "π.χ. άδεια ταξί"),
        "no_results": QT_TRANSLATE_NOOP("ui", "Δεν βρέθηκε διαδικασία. Δοκιμάστε άλλες λέξεις."),
        "back": QT_TRANSLATE_NOOP("ui", "Πίσω"),
        "home": QT_TRANSLATE_NOOP("ui", "Αρχική"),
        "start": QT_TRANSLATE_NOOP("ui", "Ξεκινήστε την αίτηση"),
        "who": QT_TRANSLATE_NOOP("ui", "Ποιος είναι αρμόδιος"),
        "documents": QT_TRANSLATE_NOOP("ui", "Δικαιολογητικά"),
        "fee": QT_TRANSLATE_NOOP("ui", "Κόστος"),
        "no_fee": QT_TRANSLATE_NOOP("ui", "Χωρίς κόστος"),
        "duration": QT_TRANSLATE_NOOP("ui", "Χρόνος διεκπεραίωσης: {days} ημέρες"),
        "legal": QT_TRANSLATE_NOOP("ui", "Νομικό πλαίσιο"),
        "eligibility": QT_TRANSLATE_NOOP("ui", "Ποιος μπορεί να κάνει αίτηση"),
        "step_of": QT_TRANSLATE_NOOP("ui", "Βήμα {n} από {total}"),
        "next": QT_TRANSLATE_NOOP("ui", "Συνέχεια"),
        "fix_errors": QT_TRANSLATE_NOOP(
            "ui", "Διορθώστε τα πεδία που σημειώνονται για να συνεχίσετε."
        ),
        "add_item": QT_TRANSLATE_NOOP("ui", "Προσθήκη: {item}"),
        "remove_item": QT_TRANSLATE_NOOP("ui", "Αφαίρεση"),
        "review": QT_TRANSLATE_NOOP("ui", "Ελέγξτε την αίτησή σας"),
        "change": QT_TRANSLATE_NOOP("ui", "Αλλαγή"),
        "bring": QT_TRANSLATE_NOOP("ui", "Θα τα φέρετε εσείς"),
        "fetched": QT_TRANSLATE_NOOP("ui", "Τα αναζητά η υπηρεσία — δεν χρειάζεται να τα φέρετε"),
        "total": QT_TRANSLATE_NOOP("ui", "Σύνολο: {amount}"),
        "submit": QT_TRANSLATE_NOOP("ui", "Υποβολή αίτησης"),
        "done": QT_TRANSLATE_NOOP("ui", "Η αίτησή σας καταχωρίστηκε"),
        "protocol": QT_TRANSLATE_NOOP("ui", "Αριθμός πρωτοκόλλου: {number}"),
        "queued": QT_TRANSLATE_NOOP(
            "ui",
            "Δεν υπάρχει σύνδεση αυτή τη στιγμή. Η αίτησή σας φυλάχτηκε με ασφάλεια και θα σταλεί "
            "αυτόματα μόλις επανέλθει η σύνδεση.",
        ),
        "reference": QT_TRANSLATE_NOOP("ui", "Κωδικός αίτησης: {reference}"),
        "still_to_bring": QT_TRANSLATE_NOOP("ui", "Φέρτε στην υπηρεσία"),
        "nothing_to_bring": QT_TRANSLATE_NOOP("ui", "Δεν χρειάζεται να φέρετε κανένα έγγραφο."),
        "print": QT_TRANSLATE_NOOP("ui", "Εκτύπωση απόδειξης"),
        "receipt_ready": QT_TRANSLATE_NOOP("ui", "Η απόδειξη εκτυπώθηκε."),
        "still_there": QT_TRANSLATE_NOOP("ui", "Είστε ακόμα εδώ;"),
        "still_there_detail": QT_TRANSLATE_NOOP(
            "ui",
            "Η αίτηση θα διαγραφεί σε {n} δευτερόλεπτο.|Η αίτηση θα διαγραφεί σε {n} δευτερόλεπτα.",
        ),
        # Before any application exists (home, finder, overview): nothing to delete.
        "still_there_restart": QT_TRANSLATE_NOOP(
            "ui",
            "Η οθόνη θα επιστρέψει στην αρχή σε {n} δευτερόλεπτο."
            "|Η οθόνη θα επιστρέψει στην αρχή σε {n} δευτερόλεπτα.",
        ),
        "yes": QT_TRANSLATE_NOOP("ui", "Ναι"),
        "no": QT_TRANSLATE_NOOP("ui", "Όχι"),
        "date_hint": QT_TRANSLATE_NOOP("ui", "ΗΗ/ΜΜ/ΕΕΕΕ"),
        "no_scan": QT_TRANSLATE_NOOP("ui", "Δώστε το έγγραφο στον υπάλληλο για σάρωση."),
        "sending": QT_TRANSLATE_NOOP(
            "ui",
            "Η αίτησή σας φυλάχτηκε και αποστέλλεται τώρα στην υπηρεσία…",
        ),
        "code_title": QT_TRANSLATE_NOOP("ui", "Συνέχεια αποθηκευμένης αίτησης"),
        "code_hint": QT_TRANSLATE_NOOP(
            "ui",
            "Πληκτρολογήστε τον κωδικό και το PIN που δόθηκαν όταν αποθηκεύτηκε η αίτηση.",
        ),
        "code": QT_TRANSLATE_NOOP("ui", "Κωδικός (π.χ. K7M3-PX4A)"),
        "opening_parked": QT_TRANSLATE_NOOP("ui", "Αναζήτηση της αίτησης…"),
        "pin": QT_TRANSLATE_NOOP("ui", "PIN"),
        "open": QT_TRANSLATE_NOOP("ui", "Άνοιγμα"),
        "cancel": QT_TRANSLATE_NOOP("ui", "Άκυρο"),
        "park": QT_TRANSLATE_NOOP("ui", "Αποθήκευση για αργότερα"),
        "parked_title": QT_TRANSLATE_NOOP("ui", "Η αίτησή σας αποθηκεύτηκε"),
        "parked_hint": QT_TRANSLATE_NOOP(
            "ui",
            "Σημειώστε τον κωδικό και το PIN: ισχύουν 3 ημέρες. Το PIN δεν θα ξαναεμφανιστεί.",
        ),
        "parked_sent": QT_TRANSLATE_NOOP(
            "ui", "Συνεχίστε σε οποιοδήποτε περίπτερο ή γκισέ αυτού του γραφείου."
        ),
        "parked_waiting": QT_TRANSLATE_NOOP(
            "ui",
            "Δεν έχει σταλεί ακόμη στο γραφείο. Μπορείτε να συνεχίσετε εδώ τώρα, ή σε γκισέ "
            "μόλις σταλεί· το περίπτερο συνεχίζει να προσπαθεί.",
        ),
        "parked_sending": QT_TRANSLATE_NOOP("ui", "Αποστολή στο γραφείο…"),
        "parked_here": QT_TRANSLATE_NOOP("ui", "Συνεχίστε σε αυτό το περίπτερο."),
        "parked_code": QT_TRANSLATE_NOOP("ui", "Κωδικός: {code}"),
        "parked_pin": QT_TRANSLATE_NOOP("ui", "PIN: {pin}"),
        "finish": QT_TRANSLATE_NOOP("ui", "Τέλος"),
        "kbd_shift": QT_TRANSLATE_NOOP("ui", "Κεφαλαία"),
        "kbd_layout": QT_TRANSLATE_NOOP("ui", "Αλλαγή γλώσσας πληκτρολογίου"),
        "kbd_space": QT_TRANSLATE_NOOP("ui", "Κενό"),
        "kbd_backspace": QT_TRANSLATE_NOOP("ui", "Διαγραφή χαρακτήρα"),
        "kbd_next": QT_TRANSLATE_NOOP("ui", "Επόμενο πεδίο"),
        "kbd_tonos": QT_TRANSLATE_NOOP("ui", "Τόνος"),
        "kbd_diaeresis": QT_TRANSLATE_NOOP("ui", "Διαλυτικά"),
    },
)


def text(key: str, locale: str, **params: object) -> str:
    return TEXTS.text(key, locale, **params)
