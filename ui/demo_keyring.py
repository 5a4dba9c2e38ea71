"""An in-memory keyring for the demo only: a fresh machine often has no OS keyring, and
the demo must still run. Its secrets die with the process. A real device never uses it:
`kiosk doctor` checks for a real backend."""

from __future__ import annotations

import keyring
from keyring.backend import KeyringBackend


class DemoKeyring(KeyringBackend):
    priority = 0  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self._secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self._secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self._secrets.pop((service, username), None)


def use_demo_keyring() -> None:
    keyring.set_keyring(DemoKeyring())
