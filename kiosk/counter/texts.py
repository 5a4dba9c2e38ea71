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
        "office_as_of": (
            "Αιτήσεις του γραφείου από την πλατφόρμα: όπως ήταν στις {time}.",
            "The office's applications from the platform: as of {time}.",
        ),
        "office_offline": (
            "Εκτός σύνδεσης: οι αιτήσεις των άλλων συσκευών του γραφείου όπως ήταν στις {time}.",
            "Offline: the other devices' applications as of {time}.",
        ),
        "office_never": (
            "Οι αιτήσεις των άλλων συσκευών του γραφείου δεν έχουν φορτωθεί ακόμη "
            "(χωρίς σύνδεση με την πλατφόρμα από την αρχή της ημέρας).",
            "The other devices' applications have not been loaded yet (no link to the "
            "platform so far).",
        ),
        "office_parked": (
            "Αποθηκευμένες αιτήσεις από περίπτερο που περιμένουν τον πολίτη ({count}, "
            "από τις {times}): ανοίγουν με τον κωδικό και το PIN του.",
            "Saved applications from a kiosk waiting for their citizen ({count}, saved at "
            "{times}): they open with the citizen's code and PIN.",
        ),
        "office_attention": (
            "{procedure} · {time}, από {channel}: {reasons}.",
            "{procedure} · {time}, from {channel}: {reasons}.",
        ),
        "reason_returned_for_correction": (
            "επιστράφηκε για διόρθωση",
            "returned for correction",
        ),
        "reason_decision_refused": ("η απόφαση ήταν αρνητική", "the decision was a refusal"),
        "reason_documents_to_bring": (
            "ο πολίτης πρέπει να φέρει δικαιολογητικά",
            "the citizen has documents to bring",
        ),
        "reason_registry_check_failed": (
            "ένας έλεγχος σε μητρώο απέτυχε",
            "a registry check failed",
        ),
        "taken_elsewhere": (
            "Άλλο γκισέ έχει ήδη αναλάβει αυτή την αίτηση για διόρθωση.",
            "Another counter has already taken this application to correct it.",
        ),
        "platform_unreachable": (
            "Η πλατφόρμα δεν απαντά τώρα· η αίτηση είναι σε άλλη συσκευή. Δοκιμάστε ξανά σε λίγο.",
            "The platform does not answer now; the application is on another device. Try "
            "again shortly.",
        ),
        "office_details": (
            "Αίτηση άλλης συσκευής του γραφείου, πρωτόκολλο {number}: {status}. "
            "Μπορείτε να επανεκτυπώσετε την απόδειξή της.",
            "An application from another device of the office, protocol number {number}: "
            "{status}. You can reprint its receipt.",
        ),
        "from_other_device": ("{channel} (άλλη συσκευή)", "{channel} (another device)"),
        "unknown_application": (
            "Η αίτηση δεν βρέθηκε σε αυτή τη συσκευή· ανανεώστε τη λίστα.",
            "The application is not on this device; refresh the list.",
        ),
    },
)
