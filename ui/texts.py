"""The interface's own words in Greek and English (definitions carry their own texts)."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "brand": ("Περιφέρεια · Εξυπηρέτηση Πολιτών", "Region · Citizen Services"),
    "language": ("English", "Ελληνικά"),
    "large_text": ("Μεγάλα γράμματα", "Large text"),
    "contrast": ("Υψηλή αντίθεση", "High contrast"),
    "welcome": ("Καλώς ήρθατε", "Welcome"),
    "welcome_hint": (
        "Βρείτε τη διαδικασία που σας ενδιαφέρει. Θα σας καθοδηγήσουμε βήμα βήμα και θα "
        "μάθετε ποια δικαιολογητικά χρειάζεστε.",
        "Find the procedure you need. We will guide you step by step and tell you which "
        "documents you need.",
    ),
    "find": ("Βρείτε τη διαδικασία σας", "Find your procedure"),
    "resume": ("Συνέχεια αποθηκευμένης αίτησης", "Continue a saved application"),
    "search_label": ("Τι θέλετε να κάνετε;", "What do you want to do?"),
    "search_hint": ("π.χ. άδεια ταξί", "e.g. taxi licence"),
    "no_results": (
        "Δεν βρέθηκε διαδικασία. Δοκιμάστε άλλες λέξεις.",
        "No procedure found. Try other words.",
    ),
    "back": ("Πίσω", "Back"),
    "home": ("Αρχική", "Home"),
    "start": ("Ξεκινήστε την αίτηση", "Start the application"),
    "who": ("Ποιος είναι αρμόδιος", "Responsible authority"),
    "documents": ("Δικαιολογητικά", "Supporting documents"),
    "fee": ("Κόστος", "Fee"),
    "no_fee": ("Χωρίς κόστος", "No fee"),
    "duration": ("Χρόνος διεκπεραίωσης: {days} ημέρες", "Processing time: {days} days"),
    "legal": ("Νομικό πλαίσιο", "Legal basis"),
    "eligibility": ("Ποιος μπορεί να κάνει αίτηση", "Who can apply"),
    "step_of": ("Βήμα {n} από {total}", "Step {n} of {total}"),
    "next": ("Συνέχεια", "Continue"),
    "fix_errors": (
        "Διορθώστε τα πεδία που σημειώνονται για να συνεχίσετε.",
        "Correct the marked fields to continue.",
    ),
    "add_item": ("Προσθήκη: {item}", "Add: {item}"),
    "remove_item": ("Αφαίρεση", "Remove"),
    "review": ("Ελέγξτε την αίτησή σας", "Check your application"),
    "change": ("Αλλαγή", "Change"),
    "bring": ("Θα τα φέρετε εσείς", "You bring these"),
    "fetched": (
        "Τα αναζητά η υπηρεσία — δεν χρειάζεται να τα φέρετε",
        "The office fetches these — you need not bring them",
    ),
    "total": ("Σύνολο: {amount}", "Total: {amount}"),
    "submit": ("Υποβολή αίτησης", "Submit the application"),
    "done": ("Η αίτησή σας καταχωρίστηκε", "Your application is registered"),
    "protocol": ("Αριθμός πρωτοκόλλου: {number}", "Protocol number: {number}"),
    "queued": (
        "Δεν υπάρχει σύνδεση αυτή τη στιγμή. Η αίτησή σας φυλάχτηκε με ασφάλεια και θα σταλεί "
        "αυτόματα μόλις επανέλθει η σύνδεση.",
        "There is no connection right now. Your application is stored safely and will be sent "
        "automatically when the connection returns.",
    ),
    "sending": (
        "Η αίτησή σας φυλάχτηκε και αποστέλλεται τώρα στην υπηρεσία…",
        "Your application is saved and is being sent to the office now…",
    ),
    "reference": ("Κωδικός αίτησης: {reference}", "Application code: {reference}"),
    "still_to_bring": ("Φέρτε στην υπηρεσία", "Bring to the office"),
    "nothing_to_bring": (
        "Δεν χρειάζεται να φέρετε κανένα έγγραφο.",
        "You need not bring any document.",
    ),
    "print": ("Εκτύπωση απόδειξης", "Print the receipt"),
    "receipt_ready": ("Η απόδειξη εκτυπώθηκε.", "The receipt was printed."),
    "code_title": ("Συνέχεια αποθηκευμένης αίτησης", "Continue a saved application"),
    "code_hint": (
        "Πληκτρολογήστε τον κωδικό και το PIN που δόθηκαν όταν αποθηκεύτηκε η αίτηση.",
        "Type the code and the PIN given when the application was saved.",
    ),
    "code": ("Κωδικός (π.χ. ACDE-FHJK)", "Code (e.g. ACDE-FHJK)"),
    "pin": ("PIN", "PIN"),
    "open": ("Άνοιγμα", "Open"),
    "cancel": ("Άκυρο", "Cancel"),
    "park": ("Αποθήκευση για αργότερα", "Save and finish later"),
    "parked_title": ("Η αίτησή σας αποθηκεύτηκε", "Your application is saved"),
    "parked_hint": (
        "Σημειώστε τον κωδικό και το PIN. Με αυτά συνεχίζετε σε περίπτερο ή γκισέ του ίδιου "
        "γραφείου μέσα σε 3 ημέρες. Το PIN δεν θα ξαναεμφανιστεί.",
        "Note the code and the PIN. With them you continue at a kiosk or counter of the same "
        "office within 3 days. The PIN will not be shown again.",
    ),
    "parked_code": ("Κωδικός: {code}", "Code: {code}"),
    "parked_pin": ("PIN: {pin}", "PIN: {pin}"),
    "finish": ("Τέλος", "Finish"),
}


def text(key: str, locale: str, **params: object) -> str:
    el, en = TEXTS[key]
    return (en if locale == "en" else el).format(**params)
