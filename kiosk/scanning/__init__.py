"""Document scanners behind one port (docs/documents.md)."""

from typing import TYPE_CHECKING, Any

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


def __getattr__(name: str) -> Any:
    # `scanimage` is run as a subprocess: its module only when a desk has a scanner, not
    # at every start of a kiosk that has none.
    if name == "SaneCommand":
        from kiosk.scanning.sane import SaneCommand

        return SaneCommand
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
