"""What the counter's services say when they refuse (kiosk.texts: code, Greek, English)."""

from __future__ import annotations

from kiosk.texts import declare

TEXTS = declare(
    "counter",
    {
        "not_in_catalog": (
            "{procedure}: η διαδικασία δεν υπάρχει στον κατάλογο αυτής της συσκευής· "
            "ζητήστε από το τμήμα πληροφορικής να τον ενημερώσει.",
            "{procedure}: this procedure is not in this device's catalog; ask IT to update it.",
        ),
        "not_a_draft": (
            "Αυτή η αίτηση έχει ήδη υποβληθεί· μπορείτε να επανεκτυπώσετε την απόδειξη.",
            "This application has already been submitted; you can reprint its receipt.",
        ),
        "no_receipt_yet": (
            "Η αίτηση είναι ακόμη πρόχειρη· δεν έχει απόδειξη.",
            "The application is still a draft; it has no receipt yet.",
        ),
        "not_refused": (
            "Αυτή η αίτηση δεν περιμένει διόρθωση.",
            "This application is not waiting to be corrected.",
        ),
        "unknown_application": (
            "Η αίτηση δεν βρέθηκε σε αυτή τη συσκευή· ανανεώστε τη λίστα.",
            "The application is not on this device; refresh the list.",
        ),
    },
)
