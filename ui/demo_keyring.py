"""An in-memory keyring: for the demo and the self-test (a fresh machine often has no OS
keyring, and they must still run) and for the tests (keyring ships none). Its secrets
die with the process. A real device never uses it: `kiosk doctor` checks for a real
backend."""

from __future__ import annotations

import keyring
from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError


class MemoryKeyring(KeyringBackend):
    priority = 1

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # keyring leaves it unannotated
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        # keyring's contract: deleting what is not there is an error the caller handles.
        if self.secrets.pop((service, username), None) is None:
            raise PasswordDeleteError(f"no secret for {service}/{username}")


def use_demo_keyring() -> None:
    keyring.set_keyring(MemoryKeyring())
