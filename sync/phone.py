"""«Upload from your phone» for the kiosk (sync/server/phone.py): a one-time link for
the QR code, and the file collected when the phone has sent it."""

from __future__ import annotations

import base64

import msgspec

from sync.client import PlatformClient
from sync.errors import TransientError


class PhoneLink(msgspec.Struct, frozen=True):
    token: str
    url: str  # what the QR code holds


class PhoneUploads:
    def __init__(self, client: PlatformClient) -> None:
        self.client = client

    def begin(self) -> PhoneLink:
        document = self.client._document(self.client._request("POST", "/phone-uploads", json={}))
        token, page = document.get("token"), document.get("page")
        if not isinstance(token, str) or not isinstance(page, str):
            raise TransientError("phone upload: malformed answer")
        root = self.client.base_url.rsplit("/v1", 1)[0]
        return PhoneLink(token, root + page)

    def collect(self, link: PhoneLink) -> bytes | None:
        """The file once the phone has sent it (then gone from the platform); else None."""
        response = self.client._request("GET", f"/phone-uploads/{link.token}")
        document = self.client._document(response)
        if document.get("received") is not True:
            return None
        return base64.b64decode(str(document.get("body", "")))
