"""What can go wrong with the local store, each with what to do about it."""

from __future__ import annotations

from kiosk.ports import AttachmentUnavailableError


class StoreError(Exception):
    """The store cannot be used; the message names the file and the fix."""


class KeyringUnavailableError(StoreError):
    pass


class UnknownDraftError(StoreError, KeyError):
    pass


class ParkingError(StoreError):
    pass


class UnknownParkingCodeError(ParkingError):
    """No draft is parked under this code on this device (it may be on the platform)."""


class AttachmentUnreadableError(StoreError, AttachmentUnavailableError):
    """An attachment's encrypted file is damaged, cut short or sealed with another key."""


class MissingAttachmentError(AttachmentUnreadableError, FileNotFoundError):
    """The attachment's encrypted file is not on this device."""
