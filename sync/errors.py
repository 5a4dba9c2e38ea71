"""What can go wrong talking to the platform, sorted by what the outbox should do."""

from __future__ import annotations


class SyncError(Exception):
    """Base of the protocol errors. Messages never carry tokens or personal data."""


class TransientError(SyncError):
    """Try again later: link down, timeout, 5xx, a captive portal, a truncated answer."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class AuthError(SyncError):
    """The platform refuses this device's token (not enrolled, revoked)."""


class RevokedError(AuthError):
    """The platform revoked this device (403 device_revoked): enrol it again."""


class WrongOfficeError(AuthError):
    """The enrolment code is for another office than the device's office file (403
    wrong_office at enrolment); the code was not spent."""

    def __init__(self, message: str, code_office: str | None = None) -> None:
        super().__init__(message)
        self.code_office = code_office


class RejectedError(SyncError):
    """The platform found the item invalid: quarantine it, keep sending the rest."""

    def __init__(self, message: str, field_errors: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.field_errors = field_errors or {}


class ConflictError(RejectedError):
    """A different body under an id the platform already holds (HTTP 409)."""


class InsecureURLError(ValueError):
    """A platform URL that would send the device token in clear over a network."""


class CancelledError(SyncError):
    """The drain was cancelled; the item goes back to the queue."""
