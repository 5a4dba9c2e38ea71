"""What can go wrong with the local store, each with what to do about it."""

from __future__ import annotations

from kiosk.texts import RefusedError, Text


class StoreError(Exception):
    """The store cannot be used; the message names the file and the fix."""


class KeyringUnavailableError(StoreError):
    pass


class UnknownDraftError(StoreError, KeyError):
    pass


class ParkingError(StoreError, RefusedError):
    """A parked draft cannot be resumed, and why (a RefusedError: code + message(locale)).

    Transitional: kiosk/store/parking.py and the parking part of ui/backend.py still
    raise it with one "Ελληνικά / English" string; such a string is split here, the
    only place left that does, until they raise it with a Text."""

    def __init__(self, text: Text | str, **params: object) -> None:
        legacy = text if isinstance(text, str) else None
        if isinstance(text, str):
            el, _, en = text.partition(" / ")
            text = Text("parking.refused", el, en or el)
        RefusedError.__init__(self, text, **params)
        self._legacy = legacy

    def __str__(self) -> str:
        return self._legacy if self._legacy is not None else RefusedError.__str__(self)


class UnknownParkingCodeError(ParkingError):
    """No draft is parked under this code on this device (it may be on the platform)."""
