"""Counter mode's own words in Greek and English (same shape as ui/texts.py)."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "sign_in_title": ("Σύνδεση υπαλλήλου", "Clerk sign-in"),
    "clerk_id": ("Κωδικός υπαλλήλου", "Clerk id"),
    "password": ("Συνθηματικό", "Password"),
    "sign_in": ("Σύνδεση", "Sign in"),
    "sign_out": ("Αποσύνδεση", "Sign out"),
    "signed_in_as": ("Συνδεδεμένος/η: {name}", "Signed in: {name}"),
    "offline_sign_in": (
        "Σύνδεση χωρίς δίκτυο (έλεγχος με τα τοπικά στοιχεία).",
        "Signed in without the network (checked locally).",
    ),
    "today": ("Σημερινές αιτήσεις", "Today's applications"),
    "new_application": ("Νέα αίτηση", "New application"),
    "continue_draft": ("Συνέχεια πρόχειρης", "Continue draft"),
    "reprint": ("Επανεκτύπωση απόδειξης", "Reprint receipt"),
    "parked_code": ("Αίτηση με κωδικό από περίπτερο", "Application with a kiosk code"),
    "refresh": ("Ανανέωση", "Refresh"),
    "col_time": ("Ώρα", "Time"),
    "col_procedure": ("Διαδικασία", "Procedure"),
    "col_channel": ("Από", "From"),
    "col_status": ("Κατάσταση", "Status"),
    "col_protocol": ("Πρωτόκολλο", "Protocol no."),
    "nothing_today": ("Καμία αίτηση σήμερα ακόμη.", "No applications yet today."),
    "choose_row": ("Επιλέξτε πρώτα μια αίτηση από τη λίστα.", "Choose an application first."),
    "not_a_draft": (
        "Αυτή η αίτηση έχει ήδη υποβληθεί· μπορείτε να επανεκτυπώσετε την απόδειξη.",
        "This application is already submitted; you can reprint its receipt.",
    ),
    "no_receipt_yet": (
        "Η αίτηση είναι ακόμη πρόχειρη· δεν έχει απόδειξη.",
        "This application is still a draft; it has no receipt.",
    ),
    "attention": ("Χρειάζονται προσοχή", "Needs attention"),
    "attention_none": ("Τίποτα δεν περιμένει διόρθωση.", "Nothing waits for correction."),
    "attention_item": (
        "{procedure} · {time}: η πλατφόρμα την απέρριψε ({fields}).",
        "{procedure} · {time}: refused by the platform ({fields}).",
    ),
    "attention_todo": (
        "Ανοίξτε την, διορθώστε τα πεδία που σημειώνονται και υποβάλετέ την ξανά.",
        "Open it, correct the marked fields and submit it again.",
    ),
    "correct": ("Διόρθωση", "Correct"),
    "sync_online": ("Σε σύνδεση", "Online"),
    "sync_offline": ("Χωρίς σύνδεση", "Offline"),
    "sync_unknown": ("Έλεγχος σύνδεσης…", "Checking the connection…"),
    "sync_not_enrolled": (
        "Η συσκευή δεν είναι εγγεγραμμένη: οι αιτήσεις μένουν εδώ",
        "Device not enrolled: applications stay here",
    ),
    "sync_sending": ("αποστολή…", "sending…"),
    "sync_pending": ("{count} σε αναμονή", "{count} waiting"),
    "sync_last": ("τελευταία επιτυχία {time}", "last success {time}"),
    "status_draft": ("Πρόχειρη", "Draft"),
    "status_queued": ("Σε αναμονή αποστολής", "Waiting to be sent"),
    "status_sending": ("Αποστέλλεται", "Sending"),
    "status_accepted": ("Καταχωρίστηκε", "Registered"),
    "status_in_review": ("Σε εξέταση", "In review"),
    "status_decided": ("Αποφασίστηκε", "Decided"),
    "status_quarantined": ("Απορρίφθηκε — διόρθωση", "Refused — correct it"),
    "channel_kiosk": ("Περίπτερο", "Kiosk"),
    "channel_counter": ("Γκισέ", "Counter"),
}


def text(key: str, locale: str, **params: object) -> str:
    el, en = TEXTS[key]
    return (en if locale == "en" else el).format(**params)
