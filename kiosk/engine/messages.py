"""Validation messages in Greek and English that tell the person how to fix the answer."""

from __future__ import annotations

from decimal import Decimal

import msgspec

_MESSAGES: dict[str, tuple[str, str]] = {
    "required": ("Συμπληρώστε αυτό το πεδίο.", "Please fill in this field."),
    "not_a_number": ("Γράψτε έναν αριθμό, π.χ. 12 ή 12,5.", "Enter a number, e.g. 12 or 12.5."),
    "min_value": (
        "Η τιμή πρέπει να είναι τουλάχιστον {limit}.",
        "The value must be at least {limit}.",
    ),
    "max_value": ("Η τιμή πρέπει να είναι το πολύ {limit}.", "The value must be at most {limit}."),
    "money": (
        "Γράψτε ποσό σε ευρώ με έως δύο δεκαδικά, π.χ. 30,00.",
        "Enter an amount in euro with up to two decimals, e.g. 30.00.",
    ),
    "min_length": ("Γράψτε τουλάχιστον {limit} χαρακτήρες.", "Enter at least {limit} characters."),
    "max_length": ("Γράψτε το πολύ {limit} χαρακτήρες.", "Enter at most {limit} characters."),
    "date": ("Γράψτε ημερομηνία ως ΗΗ/ΜΜ/ΕΕΕΕ.", "Enter a date as DD/MM/YYYY."),
    "future_date": (
        "Η ημερομηνία δεν μπορεί να είναι μελλοντική.",
        "The date cannot be in the future.",
    ),
    "min_age": (
        "Πρέπει να είστε τουλάχιστον {limit} ετών.",
        "You must be at least {limit} years old.",
    ),
    "max_age": (
        "Η ηλικία δεν μπορεί να ξεπερνά τα {limit} έτη.",
        "The age cannot exceed {limit} years.",
    ),
    "choice": ("Επιλέξτε μία από τις επιλογές.", "Choose one of the options."),
    "yes_no": ("Απαντήστε Ναι ή Όχι.", "Answer Yes or No."),
    "afm": (
        "Ο ΑΦΜ έχει 9 ψηφία και δεν είναι έγκυρος. Ελέγξτε τον στο εκκαθαριστικό σας.",
        "The AFM (tax number) has 9 digits and this one is not valid. Check it on your tax notice.",
    ),
    "amka": (
        "Ο ΑΜΚΑ έχει 11 ψηφία και δεν είναι έγκυρος. Ελέγξτε τον στην κάρτα σας.",
        "The AMKA (social security number) has 11 digits and this one is not valid.",
    ),
    "amka_birth_date": (
        "Τα πρώτα 6 ψηφία του ΑΜΚΑ πρέπει να είναι η ημερομηνία γέννησης (ΗΗΜΜΕΕ).",
        "The first 6 digits of the AMKA must be the birth date (DDMMYY).",
    ),
    "iban": (
        "Ο IBAN πρέπει να είναι ελληνικός (GR και 25 ψηφία) και έγκυρος.",
        "The IBAN must be a valid Greek one (GR and 25 digits).",
    ),
    "phone": (
        "Γράψτε ελληνικό αριθμό τηλεφώνου 10 ψηφίων, π.χ. 6912345678.",
        "Enter a 10-digit Greek phone number, e.g. 6912345678.",
    ),
    "email": (
        "Γράψτε e-mail της μορφής onoma@example.gr.",
        "Enter an e-mail such as name@example.gr.",
    ),
    "postcode": (
        "Ο ταχυδρομικός κώδικας έχει 5 ψηφία, π.χ. 54622.",
        "The postcode has 5 digits, e.g. 54622.",
    ),
    "postcode_unknown": (
        "Δεν υπάρχει ελληνικός ταχυδρομικός κώδικας με αυτά τα ψηφία. Ελέγξτε τον, π.χ. 54622.",
        "No Greek postcode has these digits. Check it, e.g. 54622.",
    ),
    "regional_unit": (
        "Επιλέξτε Περιφερειακή Ενότητα από τη λίστα.",
        "Choose a Regional Unit from the list.",
    ),
    "declaration": (
        "Για να συνεχίσετε, δηλώστε ότι τα στοιχεία είναι αληθή.",
        "To continue, declare that the information is true.",
    ),
    "attachment": ("Επισυνάψτε το αρχείο.", "Attach the file."),
    "attachment_type": (
        "Το αρχείο πρέπει να είναι τύπου {types}. Σαρώστε ή φωτογραφίστε το ξανά.",
        "The file must be of type {types}. Scan or photograph it again.",
    ),
    "attachment_size": (
        "Το αρχείο ξεπερνά τα {limit} MB. Σαρώστε το σε χαμηλότερη ανάλυση.",
        "The file is larger than {limit} MB. Scan it at a lower resolution.",
    ),
    "text": ("Γράψτε κείμενο σε αυτό το πεδίο.", "Enter text in this field."),
    "repeat_items": (
        "Οι καταχωρίσεις δεν διαβάζονται· προσθέστε τις ξανά.",
        "The entries cannot be read; please add them again.",
    ),
    "repeat_min": ("Προσθέστε τουλάχιστον {limit}.", "Add at least {limit}."),
    "repeat_max": ("Μπορείτε να προσθέσετε έως {limit}.", "You can add up to {limit}."),
    "definition_error": (
        "Σφάλμα στον ορισμό της διαδικασίας· ενημερώστε τον υπάλληλο.",
        "Error in the procedure definition; please tell a clerk.",
    ),
}


class Message(msgspec.Struct, frozen=True):
    key: str
    el: str
    en: str

    def get(self, locale: str) -> str:
        return self.en if locale == "en" else self.el


def _for_locale(value: object, locale: str) -> object:
    """Numbers as each language writes them: 3.500,5 in Greek, 3,500.5 in English."""
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        text = f"{Decimal(str(value)).normalize():,f}"
        if locale == "el":
            text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
        return text
    return value


def message(key: str, **params: object) -> Message:
    """The message for a rule, with its parameters written the way each language writes them."""
    el, en = _MESSAGES[key]
    return Message(
        key=key,
        el=el.format(**{name: _for_locale(v, "el") for name, v in params.items()}),
        en=en.format(**{name: _for_locale(v, "en") for name, v in params.items()}),
    )


def keys() -> frozenset[str]:
    return frozenset(_MESSAGES)
