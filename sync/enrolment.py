"""Device enrolment: a one-time code from the IT officer becomes a device token.

The token lives only in the OS keyring (service "periferia-kiosk", username
"device-token"): never in a file, a log line or an exception message.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kiosk.enrolment import Enrolment, save_enrolment
from kiosk.store.keyring_choice import get_password, set_password
from sync.protocol import KEYRING_SERVICE, KEYRING_USERNAME, iso, now_utc

if TYPE_CHECKING:
    from sync.client import PlatformClient


def enrol(
    base_url: str,
    code: str,
    *,
    office_id: str | None = None,
    client: PlatformClient | None = None,
) -> str:
    """Redeem `code` at the platform, store the token in the keyring, record the office
    the platform names (kiosk.enrolment), and return the token. `office_id`: the office
    file's, so that a code of another office is refused before it is spent."""
    # Imported here: every start asks `is_enrolled`, and a device that is not enrolled
    # never needs the HTTP client (httpx: ~25 ms and ~9 MiB).
    from sync.client import PlatformClient

    own = client is None
    active = client or PlatformClient(base_url, lambda: None)
    try:
        device_id, token, office = active.redeem_enrolment_code(code, office_id)
    finally:
        if own:
            active.close()
    set_password(KEYRING_SERVICE, KEYRING_USERNAME, token)
    save_enrolment(Enrolment(office, device_id, base_url, iso(now_utc())))
    return token


def keyring_token() -> str | None:
    """The token provider for PlatformClient: read from the keyring on each use, so a
    re-enrolment takes effect without restarting."""
    return get_password(KEYRING_SERVICE, KEYRING_USERNAME)


def is_enrolled() -> bool:
    return keyring_token() is not None
