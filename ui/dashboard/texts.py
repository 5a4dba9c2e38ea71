"""The office dashboard's words in Greek and English (same shape as ui/texts.py)."""

from __future__ import annotations

from datetime import date

TEXTS: dict[str, tuple[str, str]] = {
    "title": ("Πίνακας εξυπηρέτησης γραφείου", "Office service dashboard"),
    "period": (
        "Γραφείο {office} · {first} έως {last} · ανώνυμα στοιχεία χρήσης",
        "Office {office} · {first} to {last} · anonymous usage figures",
    ),
    "export": ("Εξαγωγή CSV", "CSV export"),
    "exported": ("Αποθηκεύτηκε: {path} ({rows} τιμές)", "Saved: {path} ({rows} figures)"),
    "export_failed": (
        "Η εξαγωγή απέτυχε: {reason}. Ελέγξτε ότι ο φάκελος υπάρχει και δέχεται εγγραφή.",
        "The export failed: {reason}. Check that the folder exists and is writable.",
    ),
    "no_export_path": (
        "Δεν έχει οριστεί φάκελος εξαγωγής.",
        "No export folder has been set.",
    ),
    "empty": (
        "Δεν υπάρχουν ακόμη στοιχεία χρήσης για αυτή την περίοδο.",
        "There are no usage figures for this period yet.",
    ),
    "procedures": ("Διαδικασίες", "Procedures"),
    "col_procedure": ("Διαδικασία", "Procedure"),
    "col_started": ("Ξεκίνησαν", "Started"),
    "col_submitted": ("Υποβλήθηκαν", "Submitted"),
    "col_completion": ("Ολοκλήρωση", "Completion"),
    "col_median": ("Διάμεσος χρόνος", "Median time"),
    "demand_day": ("Ζήτηση ανά ημέρα", "Demand by day"),
    "demand_hour": ("Ζήτηση ανά ώρα (ώρα Ελλάδας)", "Demand by hour (Athens time)"),
    "started_axis": ("Αιτήσεις που ξεκίνησαν", "Applications started"),
    "abandon": ("Πού σταματούν στο περίπτερο", "Where kiosk users stop"),
    "col_step": ("Βήμα", "Step"),
    "col_left": ("Σταμάτησαν", "Left"),
    "col_reached": ("Έφτασαν", "Reached"),
    "col_share": ("Ποσοστό", "Share"),
    "errors": ("Πεδία με τα περισσότερα σφάλματα", "Fields with most validation errors"),
    "col_field": ("Πεδίο", "Field"),
    "col_errors": ("Με σφάλμα", "With an error"),
    "col_rule": ("Συχνότερος έλεγχος", "Most frequent check"),
    "documents": ("Δικαιολογητικά που πρέπει να φέρουν", "Documents still to bring"),
    "col_document": ("Δικαιολογητικό", "Document"),
    "col_bring": ("Να το φέρουν", "To bring"),
    "col_of_submitted": ("Των υποβολών", "Of submissions"),
    "hints": ("Προτάσεις απλούστευσης", "Simplification hints"),
    "no_hints": (
        "Καμία πρόταση ακόμη: χρειάζονται στοιχεία από περισσότερους αιτούντες.",
        "No hints yet: figures from more applicants are needed.",
    ),
    "hint_abandonment": (
        "Βήμα «{subject}»: σταματά εδώ το {share} των αιτούντων στο περίπτερο "
        "({abandoned} από {reached}{time}).",
        "Step “{subject}”: {share} of kiosk applicants stop here ({abandoned} of {reached}{time}).",
    ),
    "hint_time": (", διάμεσος χρόνος στο βήμα {time}", ", median time on the step {time}"),
    "hint_errors": (
        "Πεδίο «{subject}»: σφάλμα στο {share} όσων έφτασαν στο βήμα ({errors} από {reached}), "
        "συχνότερος έλεγχος «{rule}». Βοήθεια ή παράδειγμα στο πεδίο;",
        "Field “{subject}”: {share} of those reaching the step hit an error ({errors} of "
        "{reached}), most often “{rule}”. Help text or an example on the field?",
    ),
    "hint_once_only": (
        "Δικαιολογητικό «{subject}»: το φέρνει το {share} των αιτούντων ({bring} από "
        "{submitted}), ενώ το τηρεί μητρώο ({registry}, με {identifier}{asks}). "
        "Υποψήφιο για Once Only.",
        "Document “{subject}”: {share} of applicants bring it ({bring} of {submitted}), yet a "
        "registry holds it ({registry}, by {identifier}{asks}). A Once Only candidate.",
    ),
    "hint_asks": ("· η φόρμα ήδη το ζητά", "; the form already asks it"),
    "forecast": ("Πρόβλεψη ζήτησης για την επόμενη εβδομάδα", "Demand forecast for next week"),
    "forecast_method": (
        "Μέθοδος: μέσο προφίλ ημέρας και ώρας των τελευταίων {weeks} εβδομάδων × η τάση "
        "τους (ευθεία ελαχίστων τετραγώνων στα εβδομαδιαία σύνολα).",
        "Method: mean weekday and hour profile of the last {weeks} weeks × their trend "
        "(least-squares line through the weekly totals).",
    ),
    "forecast_error": (
        "{procedure}: τάση ×{trend}· σφάλμα ±{mae} αιτήσεις/ημέρα σε {weeks} προηγούμενες "
        "εβδομάδες («όπως την προηγούμενη εβδομάδα»: ±{naive}).",
        "{procedure}: trend ×{trend}; error ±{mae} applications/day over {weeks} past weeks "
        "(“same as last week”: ±{naive}).",
    ),
    "forecast_untested": (
        "{procedure}: δεν υπάρχουν ακόμη αρκετές εβδομάδες για να μετρηθεί το σφάλμα.",
        "{procedure}: not enough weeks yet to measure the error.",
    ),
}

# Validation rule names (kiosk/engine/messages.py keys) in a clerk's words.
RULES: dict[str, tuple[str, str]] = {
    "required": ("υποχρεωτικό, κενό", "required, left empty"),
    "not_a_number": ("όχι αριθμός", "not a number"),
    "min_value": ("κάτω από το ελάχιστο", "below the minimum"),
    "max_value": ("πάνω από το μέγιστο", "above the maximum"),
    "money": ("ποσό", "amount"),
    "min_length": ("πολύ σύντομο", "too short"),
    "max_length": ("πολύ μεγάλο", "too long"),
    "date": ("ημερομηνία", "date"),
    "future_date": ("μελλοντική ημερομηνία", "date in the future"),
    "min_age": ("ηλικία κάτω του ορίου", "under the age limit"),
    "max_age": ("ηλικία πάνω από το όριο", "over the age limit"),
    "afm": ("μη έγκυρος ΑΦΜ", "invalid AFM"),
    "amka": ("μη έγκυρος ΑΜΚΑ", "invalid AMKA"),
    "amka_birth_date": ("ΑΜΚΑ και ημερομηνία γέννησης", "AMKA and birth date"),
    "iban": ("μη έγκυρο IBAN", "invalid IBAN"),
    "phone": ("μη έγκυρο τηλέφωνο", "invalid phone"),
    "email": ("μη έγκυρο email", "invalid e-mail"),
    "postcode": ("μη έγκυρος ΤΚ", "invalid postcode"),
    "declaration": ("δήλωση χωρίς αποδοχή", "declaration not accepted"),
    "constraint": ("κανόνας της διαδικασίας", "the procedure's rule"),
}

WEEKDAYS = {
    "el": ("Δευ", "Τρι", "Τετ", "Πεμ", "Παρ", "Σαβ", "Κυρ"),
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
}


def text(key: str, locale: str, **params: object) -> str:
    el, en = TEXTS[key]
    return (en if locale == "en" else el).format(**params)


def rule(name: str, locale: str) -> str:
    pair = RULES.get(name)
    return name if pair is None else (pair[1] if locale == "en" else pair[0])


def percent(share: float | None, locale: str) -> str:
    if share is None:
        return "—"
    value = f"{share * 100:.0f}"
    return f"{value} %" if locale == "el" else f"{value}%"


def minutes(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    whole = int(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


def day_label(day: date, locale: str) -> str:
    return f"{WEEKDAYS['en' if locale == 'en' else 'el'][day.weekday()]} {day:%d/%m}"
