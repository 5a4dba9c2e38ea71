"""What can go wrong with the local store, each with what to do about it."""

from __future__ import annotations

from kiosk.ports import AttachmentUnavailableError
from kiosk.texts import RefusedError, declare


class StoreError(Exception):
    """The store cannot be used; the message names the file and the fix."""


class KeyringUnavailableError(StoreError):
    pass


class UnknownDraftError(StoreError, KeyError):
    pass


# Said plainly, as a person at the counter would. The platform cannot know a code that
# a kiosk has not uploaded yet, so "not found" says where it may still come from.
PARKING_TEXTS = declare(
    "parking",
    {
        "malformed_code": (
            "Αυτός δεν είναι κωδικός αποθηκευμένης αίτησης: έχει 8 γράμματα και ψηφία, π.χ. K7M3-PX4A.",
            "This is not a saved-application code: it has 8 letters and digits, e.g. K7M3-PX4A.",
        ),
        "unknown_code": (
            "Δεν υπάρχει αποθηκευμένη αίτηση με αυτόν τον κωδικό στην πλατφόρμα. Αν αποθηκεύτηκε σε περίπτερο χωρίς σύνδεση, θα φτάσει μόλις εκείνο συνδεθεί ξανά.",
            "No saved application has this code on the platform. If it was saved at a kiosk that is offline, it arrives when that kiosk reconnects.",
        ),
        "wrong_pin": (
            "Λάθος PIN. Προσπάθειες που απομένουν: {left}.",
            "Wrong PIN. Tries left: {left}.",
        ),
        "locked": (
            "Πάρα πολλές λάθος προσπάθειες: για την ασφάλειά σας η αποθηκευμένη αίτηση διαγράφηκε. Δεν υποβλήθηκε τίποτα· μπορείτε να ξεκινήσετε νέα αίτηση.",
            "Too many wrong PINs: for your safety the saved application was deleted. Nothing was submitted; you can start a new application.",
        ),
        "expired": (
            "Ο κωδικός έληξε: οι αποθηκευμένες αιτήσεις φυλάσσονται 3 ημέρες.",
            "This code has expired: saved applications are kept for 3 days.",
        ),
        "picked_up": (
            "Η αίτηση με αυτόν τον κωδικό έχει ήδη ανοιχτεί σε άλλο σημείο.",
            "The application with this code has already been opened elsewhere.",
        ),
        "unavailable": (
            "Ο κωδικός δεν είναι σε αυτή τη συσκευή και η πλατφόρμα δεν απαντά τώρα· δοκιμάστε ξανά σε λίγο.",
            "The code is not on this device and the platform cannot be reached right now; try again shortly.",
        ),
        "damaged": (
            "Η αποθηκευμένη αίτηση δεν μπορεί να ανοίξει (κατεστραμμένη). Ενημερώστε τον υπάλληλο.",
            "The saved application cannot be opened (damaged). Please tell a clerk.",
        ),
    },
)


class ParkingError(StoreError, RefusedError):
    """A parked draft cannot be opened. `reason` says why, for the code that decides what
    to do; `message(locale)` says it to the citizen or clerk in their language (a
    RefusedError: `str()` is the code `parking.<reason>`, so logs never hold the code or
    the PIN)."""

    def __init__(self, reason: str, **values: object) -> None:
        self.reason, self.values = reason, values
        text = PARKING_TEXTS.get(reason) or PARKING_TEXTS["unavailable"]
        RefusedError.__init__(self, text, **values)


class UnknownParkingCodeError(ParkingError):
    """No draft is parked under this code on this device (it may be on the platform)."""

    def __init__(self, reason: str = "unknown_code", **values: object) -> None:
        super().__init__(reason, **values)


class AttachmentUnreadableError(StoreError, AttachmentUnavailableError):
    """An attachment's encrypted file is damaged, cut short or sealed with another key."""


class MissingAttachmentError(AttachmentUnreadableError, FileNotFoundError):
    """The attachment's encrypted file is not on this device."""
