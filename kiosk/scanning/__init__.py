"""Document scanners behind one port (docs/documents.md)."""

from kiosk.scanning.port import (
    ScanError,
    ScannerDevice,
    ScannerPort,
    ScanSettings,
    office_scanner,
    scan_page,
)
from kiosk.scanning.sane import SaneCommand

__all__ = [
    "SaneCommand",
    "ScanError",
    "ScanSettings",
    "ScannerDevice",
    "ScannerPort",
    "office_scanner",
    "scan_page",
]
