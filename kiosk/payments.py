"""e-παράβολο payment codes: their form checked offline, before the platform is asked.

Two forms are accepted for a fee:
- the e-παράβολο's own payment code, 20 digits (gsis.gr issues it with the paravolo;
  offices ask for «τον 20ψήφιο κωδικό πληρωμής», not the 6-digit e-banking code). No
  check digit is published for it, so offline its form is all that can be checked;
- an RF creditor reference (ISO 11649: "RF", two check digits, up to 21 characters),
  the form banks take for a paravolo payment from abroad; its check digits are checked
  with python-stdnum's `iso11649`.

Whether the code is paid, for the right amount, and not already used by another
application is the platform's to say (sync/server/fees.py); offline the check is
pending and the receipt says so. A USB barcode scanner types the code like a keyboard;
a code printed as a barcode on a scanned page is read with zxing-cpp."""

from __future__ import annotations

import io
import re
from typing import Literal

import msgspec

from kiosk.texts import RefusedError, declare

PARAVOLO_DIGITS = 20
PaymentStatus = Literal["verified", "pending"]

TEXTS = declare(
    "payments",
    {
        "empty": (
            "Πληκτρολογήστε ή σαρώστε τον κωδικό πληρωμής του e-παραβόλου.",
            "Type or scan the e-paravolo payment code.",
        ),
        "digits": (
            "Ο κωδικός e-παραβόλου έχει 20 ψηφία· δόθηκαν {count}. Ελέγξτε τον στην απόδειξη "
            "πληρωμής (όχι τον 6ψήφιο κωδικό e-banking).",
            "An e-paravolo code has 20 digits; {count} were given. Check it on the payment "
            "receipt (not the 6-digit e-banking code).",
        ),
        "rf_checksum": (
            "Ο κωδικός RF δεν είναι σωστός (τα ψηφία ελέγχου δεν ταιριάζουν)· "
            "ελέγξτε τον ξανά χαρακτήρα προς χαρακτήρα.",
            "The RF code is not right (its check digits do not match); "
            "check it again character by character.",
        ),
        "not_a_code": (
            "Αυτό δεν είναι κωδικός e-παραβόλου: δώστε τα 20 ψηφία του ή τον κωδικό RF.",
            "This is not an e-paravolo code: give its 20 digits or its RF code.",
        ),
        "pending": (
            "Ο κωδικός θα ελεγχθεί μόλις υπάρξει σύνδεση.",
            "The code will be checked as soon as there is a connection.",
        ),
        "verified": ("Ο κωδικός επιβεβαιώθηκε: πληρωμένος.", "The code is confirmed: paid."),
        "unknown_code": (
            "Δεν υπάρχει e-παράβολο με αυτόν τον κωδικό· ελέγξτε τον στην απόδειξη πληρωμής.",
            "No e-paravolo was issued under this code; check it on the payment receipt.",
        ),
        "unpaid": (
            "Το e-παράβολο δεν έχει πληρωθεί ακόμη· πληρώστε το (e-banking, τράπεζα, ΕΛΤΑ) "
            "και δώστε ξανά τον κωδικό.",
            "The e-paravolo is not paid yet; pay it (e-banking, a bank, the post office) and "
            "give the code again.",
        ),
        "wrong_amount": (
            "Το e-παράβολο πληρώθηκε για άλλο ποσό από το παράβολο αυτής της αίτησης ({amount})· "
            "εκδώστε e-παράβολο για το σωστό ποσό.",
            "The e-paravolo was paid for a different amount from this application's fee "
            "({amount}); issue an e-paravolo for the right amount.",
        ),
        "code_bound": (
            "Αυτό το e-παράβολο έχει ήδη χρησιμοποιηθεί για άλλη αίτηση και δεν μπορεί να "
            "ξαναχρησιμοποιηθεί· εκδώστε και πληρώστε νέο e-παράβολο.",
            "This e-paravolo has already been used for another application and cannot be used "
            "again; issue and pay a new e-paravolo.",
        ),
        "no_code_on_page": (
            "Δεν βρέθηκε κωδικός στη σαρωμένη σελίδα· πληκτρολογήστε τον.",
            "No code was found on the scanned page; type it in.",
        ),
    },
)

_SEPARATORS = re.compile(r"[\s\-.]")


class PaymentCode(msgspec.Struct, frozen=True):
    """The code given for one fee, and what the platform said of it so far."""

    fee_id: str
    code: str
    status: PaymentStatus = "pending"


def compact(raw: str) -> str:
    return _SEPARATORS.sub("", raw).upper()


def check_code(raw: str) -> str:
    """The code in its compact form, or RefusedError saying what is wrong with it."""
    code = compact(raw)
    if not code:
        raise RefusedError(TEXTS["empty"])
    if code.startswith("RF"):
        # python-stdnum only now: it imports ssl and pydoc, ~10 ms a start does not need.
        from stdnum import iso11649
        from stdnum.exceptions import InvalidChecksum, ValidationError

        try:
            return str(iso11649.validate(code))
        except InvalidChecksum:
            raise RefusedError(TEXTS["rf_checksum"]) from None
        except ValidationError:
            raise RefusedError(TEXTS["not_a_code"]) from None
    if code.isdigit():
        if len(code) != PARAVOLO_DIGITS:
            raise RefusedError(TEXTS["digits"], count=len(code))
        return code
    raise RefusedError(TEXTS["not_a_code"])


def code_from_page(image: bytes) -> str:
    """The first payment code printed as a barcode or QR code on a scanned page."""
    import zxingcpp  # only when a page is read: its library is large
    from PIL import Image

    with Image.open(io.BytesIO(image)) as page:
        found = zxingcpp.read_barcodes(page.convert("L"))
    for barcode in found:
        try:
            return check_code(barcode.text)
        except RefusedError:
            continue
    raise RefusedError(TEXTS["no_code_on_page"])
