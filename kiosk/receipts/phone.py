"""The receipt on the citizen's phone (sync/server/receipts_page.py): a token minted on
the kiosk when the application is submitted, online or not, so that the QR code shows at
once. Only its SHA-256 travels, inside the submission; the token itself stays on the
done screen and in the QR code, and is forgotten with the applicant's session."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

RECEIPT_PATH = "/v1/receipt/"  # the platform's route (sync/openapi.json)
TOKEN_BYTES = 32  # 256 bits: unguessable, and 43 URL-safe characters in the QR code


@dataclass(frozen=True)
class PhoneReceipt:
    token: str
    digest: str  # what the submission carries: receipt_token_sha256

    def url(self, public_base: str) -> str:
        """What the QR code holds: the platform's public address and the token."""
        return public_base.rstrip("/") + RECEIPT_PATH + self.token


def mint() -> PhoneReceipt:
    token = secrets.token_urlsafe(TOKEN_BYTES)
    return PhoneReceipt(token, hashlib.sha256(token.encode()).hexdigest())
