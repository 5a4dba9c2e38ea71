"""Receipts: every applicant leaves with proof of what was submitted."""

from kiosk.receipts.data import FeeItem, ReceiptData, mask_name, verification_reference
from kiosk.receipts.render import render_receipt

__all__ = ["FeeItem", "ReceiptData", "mask_name", "render_receipt", "verification_reference"]
