"""Document scanners behind one port (docs/documents.md)."""

from typing import TYPE_CHECKING

from kiosk.first_use import names_from_submodules
from kiosk.scanning.port import (
    ScanError,
    ScannerDevice,
    ScannerPort,
    ScanSettings,
    office_scanner,
    scan_page,
)

if TYPE_CHECKING:
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


# `scanimage` is run as a subprocess: its module only when a desk has a scanner, not at
# every start of a kiosk that has none.
__getattr__ = names_from_submodules(__name__, {"SaneCommand": "sane"})
