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
from contextlib import closing
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from secretstorage.collection import Collection

# keyring.backends.SecretService.Keyring.appid: written with every item, as keyring does.
APPLICATION = "Python keyring library"


def usable() -> bool:
    """The Secret Service is running or activatable on this session's bus, and nothing
    asks for keyring's properties (they would change which items are meant)."""
    if any(name.startswith("KEYRING_PROPERTY_") for name in os.environ):
        return False
    try:
        import secretstorage

        with closing(secretstorage.dbus_init()) as connection:
            return bool(secretstorage.check_service_availability(connection))
    except Exception:  # no bus, no SecretStorage: keyring decides, as it did before
        return False


def _query(service: str, username: str) -> dict[str, str]:
    return {"username": username, "service": service}


def _collection() -> Collection:
    import secretstorage

    collection = secretstorage.get_default_collection(secretstorage.dbus_init())
    if collection.is_locked():
        collection.unlock()
        if collection.is_locked():  # the prompt was dismissed: keyring says why
            collection.connection.close()
            raise secretstorage.exceptions.LockedException("the collection is locked")
    return collection


def get_password(service: str, username: str) -> str | None:
    collection = _collection()
    with closing(collection.connection):
        for item in collection.search_items(_query(service, username)):
            if item.is_locked():
                item.unlock()
            return bytes(item.get_secret()).decode("utf-8")
    return None


def set_password(service: str, username: str, password: str) -> None:
    collection = _collection()
    attributes = {**_query(service, username), "application": APPLICATION}
    label = f"Password for '{username}' on '{service}'"
    with closing(collection.connection):
        collection.create_item(label, attributes, password.encode("utf-8"), replace=True)
