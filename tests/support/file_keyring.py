"""A keyring kept in one JSON file, for a device that runs as several processes one after
another in a test (tests/test_office_end_to_end.py): each device has its own file, so
its token and device key outlive each process, as an OS keyring's do, and no device sees
another's. Select it with PYTHON_KEYRING_BACKEND=tests.support.file_keyring.FileKeyring
and KIOSK_TEST_KEYRING_FILE=<path>. Never for a real device: secrets in clear."""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

FILE_ENV = "KIOSK_TEST_KEYRING_FILE"


class FileKeyring(KeyringBackend):
    priority = 1

    @property
    def _path(self) -> Path:
        return Path(os.environ[FILE_ENV])

    def _read(self) -> dict[str, str]:
        try:
            found: dict[str, str] = json.loads(self._path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        return found

    def _write(self, secrets: dict[str, str]) -> None:
        self._path.write_text(json.dumps(secrets), encoding="utf-8")

    def get_password(self, service: str, username: str) -> str | None:
        return self._read().get(f"{service}/{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        self._write(self._read() | {f"{service}/{username}": password})

    def delete_password(self, service: str, username: str) -> None:
        secrets = self._read()
        if secrets.pop(f"{service}/{username}", None) is None:
            raise PasswordDeleteError(f"no secret for {service}/{username}")
        self._write(secrets)
