"""What the app needs from a document scanner, whatever drives it: SANE's scanimage on
Linux (kiosk.scanning.sane); on Windows, file import (docs/documents.md)."""

from __future__ import annotations

from typing import Protocol

import msgspec

from kiosk.config import Documents
from kiosk.documents.pages import Page
from kiosk.scanning.texts import TEXTS
from kiosk.texts import RefusedError


class ScannerDevice(msgspec.Struct, frozen=True):
    name: str  # what SANE calls it, e.g. "fujitsu:fi-7160:12345" or "test:0"
    vendor: str
    model: str
    kind: str  # "flatbed scanner", "sheetfed scanner", "virtual device"...


class ScanSettings(msgspec.Struct, frozen=True):
    resolution: int = 200  # dpi: text stays readable, an A4 page ~1654×2339 pixels
    mode: str = "Color"
    options: tuple[str, ...] = ()  # backend-specific arguments, e.g. the test picture


class ScanError(RefusedError):
    """The scanner failed; the message says what to do. Pages scanned before are kept."""


class ScannerPort(Protocol):
    def devices(self) -> list[ScannerDevice]: ...

    def scan(self, device: str, settings: ScanSettings = ...) -> Page: ...

    def cancel(self) -> None: ...


def office_scanner(documents: Documents) -> tuple[str | None, ScanSettings]:
    """The office file's scanner (None: the office has none) and its settings."""
    return documents.scanner, ScanSettings(resolution=documents.scan_resolution)


def scan_page(scanner: ScannerPort, device: str | None, settings: ScanSettings) -> Page:
    """One page from `device`, or from the first scanner found when the office file
    names none (a counter's scanner is often just plugged in)."""
    if device is None:
        found = scanner.devices()
        if not found:
            raise ScanError(TEXTS["no_scanner"])
        device = found[0].name
    return scanner.scan(device, settings)
