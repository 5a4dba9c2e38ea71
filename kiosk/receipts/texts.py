"""The receipt's fixed wording, Greek first, and how amounts and times are written."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from kiosk.regions import ATHENS

_WORDS: dict[str, tuple[str, str]] = {
    "title": ("Απόδειξη υποβολής αίτησης", "Application receipt"),
    "procedure": ("Διαδικασία", "Procedure"),
    "office": ("Υπηρεσία", "Office"),
    "applicant": ("Αιτών/ούσα", "Applicant"),
    "when": ("Υποβλήθηκε", "Submitted"),
    "athens_time": ("ώρα Ελλάδας", "Greek time"),
    "protocol": ("Αριθμός πρωτοκόλλου", "Protocol number"),
    "code": ("Κωδικός αίτησης", "Application code"),
    "check": ("Κωδικός ελέγχου", "Check code"),
    "queued_title": ("Σε αναμονή αποστολής", "Waiting to be sent"),
    "queued": (
        "Η αίτηση φυλάχτηκε σε αυτή τη συσκευή, γιατί δεν υπάρχει σύνδεση. "
        "Θα σταλεί αυτόματα μόλις επανέλθει η σύνδεση· δεν χρειάζεται να την υποβάλετε ξανά. "
        "Ο αριθμός πρωτοκόλλου θα φαίνεται στην πορεία της αίτησης και σε επανεκτύπωση "
        "της απόδειξης.",
        "The application is kept on this device because there is no connection. "
        "It will be sent automatically when the connection returns; you do not need to "
        "submit it again. The protocol number will show in the application status and on "
        "a reprint of this receipt.",
    ),
    "pending_title": ("Η αίτηση στάλθηκε", "The application was sent"),
    "pending": (
        "Ο αριθμός πρωτοκόλλου δεν έχει δοθεί ακόμη· θα φαίνεται στην πορεία της αίτησης "
        "και σε επανεκτύπωση της απόδειξης.",
        "The protocol number has not been given yet; it will show in the application status "
        "and on a reprint of this receipt.",
    ),
    "bring": ("Δικαιολογητικά που πρέπει να φέρετε", "Documents still to bring"),
    "nothing": (
        "Κανένα: η υπηρεσία έχει ό,τι χρειάζεται.",
        "None: the office has everything it needs.",
    ),
    "fetched": (
        "Στοιχεία που αναζητήθηκαν από μητρώα με αίτησή σας",
        "Data fetched from registries at your request",
    ),
    "fetched_none": (
        "Κανένα: δεν αναζητήθηκε τίποτα σε μητρώα.",
        "None: nothing was looked up in registries.",
    ),
    "fetch_later": ("θα το αναζητήσει η υπηρεσία", "the office will fetch it"),
    "not_used": ("δεν χρησιμοποιήθηκε: το απορρίψατε", "not used: you rejected it"),
    "fee": ("Κόστος και πληρωμή", "Fee and payment"),
    "no_fee": ("Χωρίς κόστος.", "No fee."),
    "e_paravolo": ("Κωδικός e-παραβόλου", "e-Paravolo code"),
    "payment_code": ("Κωδικός πληρωμής e-παραβόλου", "e-Paravolo payment code"),
    "payment_verified": ("επιβεβαιώθηκε", "confirmed"),
    "payment_pending": (
        "εκκρεμεί ο έλεγχος: θα γίνει μόλις υπάρξει σύνδεση",
        "check pending: made when the connection returns",
    ),
    "payment_failed": ("δεν επιβεβαιώθηκε", "not confirmed"),
    "total": ("Σύνολο", "Total"),
    "status": ("Πώς θα δείτε την πορεία της αίτησης", "How to check the status"),
    "status_how": (
        "Στο {url} με τον κωδικό αίτησης, σαρώνοντας τον κωδικό QR, ή στην υπηρεσία.",
        "At {url} with the application code, by scanning the QR code, or at the office.",
    ),
    "qr": ("Σαρώστε για επαλήθευση", "Scan to verify"),
    "page": ("Σελίδα", "Page"),
}


def word(key: str, locale: str) -> str:
    el, en = _WORDS[key]
    return en if locale == "en" else el


def money(amount: Decimal, locale: str) -> str:
    """50,00 € in Greek, €50.00 in English."""
    text = f"{amount:,.2f}"
    if locale == "en":
        return f"€{text}"
    whole, cents = text.split(".")
    return f"{whole.replace(',', '.')},{cents} €"


def athens_time(moment: datetime, locale: str) -> str:
    local = moment.astimezone(ATHENS)
    return f"{local:%d/%m/%Y %H:%M} ({word('athens_time', locale)})"
