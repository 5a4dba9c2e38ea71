"""Receipts: every applicant leaves with proof of what was submitted, when, under which
number, and what is still to bring (A4 and 80 mm roll PDFs, Greek or English)."""

from kiosk.receipts.data import (
    FeeItem,
    ReceiptData,
    check_code,
    mask_name,
    verification_reference,
)
from kiosk.receipts.render import Layout, render_receipt

__all__ = [
    "FeeItem",
    "Layout",
    "ReceiptData",
    "check_code",
    "mask_name",
    "render_receipt",
    "verification_reference",
]
