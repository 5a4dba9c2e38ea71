"""The Once Only values keep their bearer secrets and document digits out of their
repr, so that logging one (or an exception showing it) never writes them."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sync.citizen import CitizenGrant, ClerkSession, DeviceAuthorization, IdentityCheck

AT = datetime(2026, 12, 6, 9, 30, tzinfo=UTC)


def test_each_value_leaves_its_secret_out_of_its_repr_and_shows_the_rest() -> None:
    values = {
        "device-code-secret": DeviceAuthorization(
            "device-code-secret", "ABCD-EFGH", "https://p/x", "https://p/x?c=1", 600, 5
        ),
        "grant-secret": CitizenGrant("grant-secret", AT, "123456789", "Μαρία", (), uuid.uuid4()),
        "session-secret": ClerkSession("clerk-7", "Νίκος", "session-secret", AT),
        "9876": IdentityCheck("id_card", "9876"),
    }
    for secret, value in values.items():
        shown = repr(value)
        assert secret not in shown and shown.startswith(f"{type(value).__name__}(")
    assert "ABCD-EFGH" in repr(values["device-code-secret"])
    assert "clerk-7" in repr(values["session-secret"])
    assert "id_card" in repr(values["9876"])
