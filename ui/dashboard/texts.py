"""The office dashboard's words in Greek and English (same shape as ui/texts.py).

Greek is the source; English is in resources/translations/periferia_en.ts (ui/i18n.py)."""

from __future__ import annotations

from ui.i18n import QT_TRANSLATE_NOOP, declare_texts

TEXTS = declare_texts(
    "dashboard",
    {
        "title": QT_TRANSLATE_NOOP("dashboard", "Πίνακας εξυπηρέτησης γραφείου"),
        "period": QT_TRANSLATE_NOOP(
            "dashboard",
            # Today is left out on purpose (kiosk.analytics.dashboard): a half day would
            # read as a drop. Said here, so that nobody looks for today's applications.
            "Γραφείο {office} · {first} έως {last}, χωρίς τη σημερινή ημέρα (προστίθεται "
            "μόλις κλείσει) · ανώνυμα στοιχεία χρήσης",
        ),
        "export": QT_TRANSLATE_NOOP("dashboard", "Εξαγωγή CSV"),
        "exported": QT_TRANSLATE_NOOP("dashboard", "Αποθηκεύτηκε: {path} ({rows} τιμές)"),
        "export_failed": QT_TRANSLATE_NOOP(
            "dashboard",
            "Η εξαγωγή απέτυχε: {reason}. Ελέγξτε ότι ο φάκελος υπάρχει και δέχεται εγγραφή.",
        ),
        "no_export_path": QT_TRANSLATE_NOOP("dashboard", "Δεν έχει οριστεί φάκελος εξαγωγής."),
        "empty": QT_TRANSLATE_NOOP(
            "dashboard",
            "Δεν υπάρχουν ακόμη στοιχεία χρήσης για αυτή την περίοδο.",
        ),
        "procedures": QT_TRANSLATE_NOOP("dashboard", "Διαδικασίες"),
        "col_procedure": QT_TRANSLATE_NOOP("dashboard", "Διαδικασία"),
        "col_started": QT_TRANSLATE_NOOP("dashboard", "Ξεκίνησαν"),
        "col_submitted": QT_TRANSLATE_NOOP("dashboard", "Υποβλήθηκαν"),
        "col_completion": QT_TRANSLATE_NOOP("dashboard", "Ολοκλήρωση"),
        "col_median": QT_TRANSLATE_NOOP("dashboard", "Διάμεσος χρόνος"),
        "demand_day": QT_TRANSLATE_NOOP("dashboard", "Ζήτηση ανά ημέρα"),
        "demand_hour": QT_TRANSLATE_NOOP("dashboard", "Ζήτηση ανά ώρα (ώρα Ελλάδας)"),
        "chart_summary": QT_TRANSLATE_NOOP("dashboard", "Σύνολο {total}. {parts}."),
        "chart_empty": QT_TRANSLATE_NOOP("dashboard", "Χωρίς στοιχεία για αυτή την περίοδο."),
        "started_axis": QT_TRANSLATE_NOOP("dashboard", "Αιτήσεις που ξεκίνησαν"),
        "abandon": QT_TRANSLATE_NOOP("dashboard", "Πού σταματούν στο περίπτερο"),
        "col_step": QT_TRANSLATE_NOOP("dashboard", "Βήμα"),
        "col_left": QT_TRANSLATE_NOOP("dashboard", "Σταμάτησαν"),
        "col_reached": QT_TRANSLATE_NOOP("dashboard", "Έφτασαν"),
        "col_share": QT_TRANSLATE_NOOP("dashboard", "Ποσοστό"),
        "errors": QT_TRANSLATE_NOOP("dashboard", "Πεδία με τα περισσότερα σφάλματα"),
        "col_field": QT_TRANSLATE_NOOP("dashboard", "Πεδίο"),
        "col_errors": QT_TRANSLATE_NOOP("dashboard", "Με σφάλμα"),
        "col_rule": QT_TRANSLATE_NOOP("dashboard", "Συχνότερος έλεγχος"),
        "documents": QT_TRANSLATE_NOOP("dashboard", "Δικαιολογητικά που πρέπει να φέρουν"),
        "col_document": QT_TRANSLATE_NOOP("dashboard", "Δικαιολογητικό"),
        "col_bring": QT_TRANSLATE_NOOP("dashboard", "Να το φέρουν"),
        "col_of_submitted": QT_TRANSLATE_NOOP("dashboard", "Των υποβολών"),
        "hints": QT_TRANSLATE_NOOP("dashboard", "Προτάσεις απλούστευσης"),
        "no_hints": QT_TRANSLATE_NOOP(
            "dashboard",
            "Καμία πρόταση ακόμη: χρειάζονται στοιχεία από περισσότερους αιτούντες.",
        ),
        "hint_abandonment": QT_TRANSLATE_NOOP(
            "dashboard",
            "Βήμα «{subject}»: σταματά εδώ το {share} των αιτούντων στο περίπτερο ({abandoned} "
            "από {reached}{time}).",
        ),
        "hint_time": QT_TRANSLATE_NOOP("dashboard", ", διάμεσος χρόνος στο βήμα {time}"),
        "hint_errors": QT_TRANSLATE_NOOP(
            "dashboard",
            "Πεδίο «{subject}»: σφάλμα στο {share} όσων έφτασαν στο βήμα ({errors} από "
            "{reached}), συχνότερος έλεγχος «{rule}». Βοήθεια ή παράδειγμα στο πεδίο;",
        ),
        "hint_once_only": QT_TRANSLATE_NOOP(
            "dashboard",
            "Δικαιολογητικό «{subject}»: το φέρνει το {share} των αιτούντων ({bring} από "
            "{submitted}), ενώ το τηρεί μητρώο ({registry}, με {identifier}{asks}). Υποψήφιο "
            "για Once Only.",
        ),
        "hint_asks": QT_TRANSLATE_NOOP("dashboard", "· η φόρμα ήδη το ζητά"),
        "forecast": QT_TRANSLATE_NOOP("dashboard", "Πρόβλεψη ζήτησης για την επόμενη εβδομάδα"),
        "forecast_method": QT_TRANSLATE_NOOP(
            "dashboard",
            "Μέθοδος: μέσο προφίλ ημέρας και ώρας των τελευταίων {weeks} εβδομάδων × η τάση "
            "τους (ευθεία ελαχίστων τετραγώνων στα εβδομαδιαία σύνολα).",
        ),
        "forecast_error": QT_TRANSLATE_NOOP(
            "dashboard",
            "{procedure}: τάση ×{trend}· σφάλμα ±{mae} αιτήσεις/ημέρα σε {weeks} προηγούμενες "
            "εβδομάδες («όπως την προηγούμενη εβδομάδα»: ±{naive}).",
        ),
        "forecast_untested": QT_TRANSLATE_NOOP(
            "dashboard",
            "{procedure}: δεν υπάρχουν ακόμη αρκετές εβδομάδες για να μετρηθεί το σφάλμα.",
        ),
    },
)


def text(key: str, locale: str, **params: object) -> str:
    return TEXTS.text(key, locale, **params)
