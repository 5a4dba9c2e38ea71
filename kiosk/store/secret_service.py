"""The Secret Service (Linux) reached through SecretStorage, without the keyring library.

keyring's own Secret Service backend is a thin layer over SecretStorage, but importing
keyring brings jaraco.context, jaraco.functools, more_itertools and the
importlib_metadata backport with it: measured with a real gnome-keyring, reading the
device key through keyring costs +6.8 MiB and ~45 ms of CPU at every start, directly
+2.7 MiB and ~22 ms. The items are exactly keyring's (its "default" scheme): the same
attributes, label and collection, so that either side reads what the other wrote
(tests/kiosk/store/test_secret_service.py checks both ways against a real daemon).
Anything unusual is left to keyring (kiosk.store.keyring_choice): a property set by
KEYRING_PROPERTY_* (another scheme or collection), or any failure here."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from contextlib import suppress
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from jeepney.io.blocking import DBusConnection  # type: ignore[import-untyped]
    from secretstorage.collection import Collection
    from secretstorage.dhcrypto import Session

_T = TypeVar("_T")

# keyring.backends.SecretService.Keyring.appid: written with every item, as keyring does.
APPLICATION = "Python keyring library"


def usable() -> bool:
    """The Secret Service is running or activatable on this session's bus, and nothing
    asks for keyring's properties (they would change which items are meant)."""
    if any(name.startswith("KEYRING_PROPERTY_") for name in os.environ):
        return False
    try:
        return _link.open()
    except Exception:  # no bus, no SecretStorage: keyring decides, as it did before
        return False


def _query(service: str, username: str) -> dict[str, str]:
    return {"username": username, "service": service}


class _Link:
    """One D-Bus connection and one Secret Service session for the process. keyring
    opens both for every call: the session's Diffie-Hellman exchange alone is ~10 ms of
    CPU in Python, and the device token is read at every request the lane sends. A lock
    makes the connection usable from any thread; a failure drops it, and the call is
    tried once more on a fresh one (a restarted daemon) before keyring takes over."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._connection: DBusConnection | None = None
        self._session: Session | None = None

    def use(self, step: Callable[[Collection], _T]) -> _T:
        from secretstorage.exceptions import LockedException, PromptDismissedException

        with self._lock:
            try:
                return self._use(step)
            except (LockedException, PromptDismissedException):
                raise  # a person said no: not asked again here (keyring asks once more)
            except Exception:
                self._drop()
                return self._use(step)

    def _use(self, step: Callable[[Collection], _T]) -> _T:
        import secretstorage

        if self._connection is None:
            self._connection = secretstorage.dbus_init()
        collection = secretstorage.get_default_collection(self._connection)
        collection.session = self._session  # its items share it (None: opened on use)
        if collection.is_locked():
            collection.unlock()
            if collection.is_locked():  # the prompt was dismissed: keyring says why
                raise secretstorage.exceptions.LockedException("the collection is locked")
        return step(collection)

    def open(self) -> bool:
        """Connect, and keep the connection when the Secret Service answers on it: the
        first read uses it instead of opening another (a D-Bus connection and its
        authentication are ~2 ms at every start)."""
        import secretstorage

        with self._lock:
            if self._connection is None:
                connection = secretstorage.dbus_init()
                try:
                    if not secretstorage.check_service_availability(connection):
                        connection.close()
                        return False
                except Exception:
                    connection.close()
                    raise
                self._connection = connection
            return True

    def keep(self, session: Session | None) -> None:
        self._session = self._session or session

    def _drop(self) -> None:
        connection, self._connection, self._session = self._connection, None, None
        if connection is not None:
            with suppress(Exception):
                connection.close()


_link = _Link()


def get_password(service: str, username: str) -> str | None:
    def read(collection: Collection) -> str | None:
        for item in collection.search_items(_query(service, username)):
            if item.is_locked():
                item.unlock()
            secret = bytes(item.get_secret())
            _link.keep(item.session)
            return secret.decode("utf-8")
        return None

    return _link.use(read)


def set_password(service: str, username: str, password: str) -> None:
    attributes = {**_query(service, username), "application": APPLICATION}
    label = f"Password for '{username}' on '{service}'"

    def write(collection: Collection) -> None:
        collection.create_item(label, attributes, password.encode("utf-8"), replace=True)
        _link.keep(collection.session)

    _link.use(write)
