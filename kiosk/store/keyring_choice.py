"""The OS keyring named directly, instead of discovered; on Linux, without keyring at all.

Left to itself, keyring's first use loads the entry points of every installed package
and tries every backend it finds (D-Bus, KWallet, libsecret...) to keep the one with the
highest priority: 40-90 ms and several MiB at every start on this VM, behind the first
screen. The backend a device uses is known in advance: the Secret Service on Linux, the
Credential Manager on Windows, the Keychain on macOS. Nothing else is bundled that could
win that comparison, so naming it gives the same keyring, sooner. On Linux the Secret
Service is reached through SecretStorage directly (kiosk.store.secret_service, keyring's
own item format), which also spares keyring's imports: +2.7 MiB instead of +6.8 MiB.

The app's secrets go through `get_password` / `set_password` here. Whatever chose a
keyring already is kept: PYTHON_KEYRING_BACKEND, a keyringrc.cfg, or a backend set in
code (the tests' and the demo's in-memory one); those, Windows and macOS use keyring as
before. When the named backend is not usable (no D-Bus session, no Secret Service), or
the direct Secret Service fails, keyring's own discovery runs as before and ends, at
worst, in its `fail` backend: the store then stops with NO_KEYRING (kiosk.store.crypto),
as it always did, with keyring's own errors (`is_keyring_error`)."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import Any

from kiosk.store import secret_service

PLATFORM_BACKENDS = {
    "linux": "keyring.backends.SecretService.Keyring",
    "win32": "keyring.backends.Windows.WinVaultKeyring",
    "darwin": "keyring.backends.macOS.Keyring",
}
DIRECT_SECRET_SERVICE = "kiosk.store.secret_service"

log = logging.getLogger(__name__)
_direct: list[bool] = [False]  # the Secret Service is used without keyring (chosen once)


def _keyring_chose() -> bool:
    """keyring was imported and given a backend (in code, or at its first use)."""
    core = sys.modules.get("keyring.core")
    # keyring keeps the chosen backend in this attribute (None until its first use); if
    # a release renames it, the default counts as chosen: keyring decides, as before.
    return core is not None and getattr(core, "_keyring_backend", "unknown") is not None


def _named_elsewhere() -> bool:
    """PYTHON_KEYRING_BACKEND or a keyringrc.cfg, read where keyring reads it."""
    if os.environ.get("PYTHON_KEYRING_BACKEND"):
        return True
    from keyring.util.platform_ import config_root  # only the path: imports keyring

    return bool((config_root() / "keyringrc.cfg").exists())


def linux_keyringrc() -> Path:
    """Where keyring reads its keyringrc.cfg on Linux, found without importing keyring
    (a test compares it with keyring.util.platform_.config_root)."""
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "python_keyring" / "keyringrc.cfg"


def choose_platform_keyring(platform: str = sys.platform) -> str | None:
    """Set this platform's keyring when nothing chose one; its name, or None when
    keyring is left to choose (already chosen, or the platform's backend unusable)."""
    if _keyring_chose():
        return None
    if platform == "linux" and not os.environ.get("PYTHON_KEYRING_BACKEND"):
        if linux_keyringrc().exists():
            return None
        if secret_service.usable():
            _direct[0] = True
            return DIRECT_SECRET_SERVICE
    return _name_keyring_backend(platform)


def _name_keyring_backend(platform: str) -> str | None:
    """keyring's own backend for this platform, set in keyring (its imports paid)."""
    import keyring
    import keyring.core

    if _keyring_chose() or _named_elsewhere():
        return None
    name = PLATFORM_BACKENDS.get(platform)
    if name is None:
        return None
    try:
        backend = keyring.core.load_keyring(name)  # asks the backend whether it is usable
    except Exception as error:  # not usable here: keyring's discovery decides, as before
        log.info("keyring: %s not usable (%s), discovering", name, type(error).__name__)
        return None
    keyring.set_keyring(backend)
    return name


def _keyring() -> Any:
    """keyring itself: never a direct Secret Service here, or it failed, or a delete."""
    if _direct[0]:
        _direct[0] = False  # from now on keyring answers, errors and all
        _name_keyring_backend(sys.platform)
    import keyring

    return keyring


def _use_direct() -> bool:
    return _direct[0] and not _keyring_chose()


def get_password(service: str, username: str) -> str | None:
    if _use_direct():
        try:
            return secret_service.get_password(service, username)
        except Exception as error:  # keyring tries again, and says what is wrong
            log.warning("Secret Service read failed (%s), using keyring", type(error).__name__)
    value: str | None = _keyring().get_password(service, username)
    return value


def set_password(service: str, username: str, password: str) -> None:
    if _use_direct():
        try:
            secret_service.set_password(service, username, password)
            return
        except Exception as error:  # keyring tries again (the item is replaced, not added)
            log.warning("Secret Service write failed (%s), using keyring", type(error).__name__)
    _keyring().set_password(service, username, password)


def delete_password(service: str, username: str) -> None:
    """Through keyring (rare: an administrator's reset), its named backend and errors:
    PasswordDeleteError when there was nothing to delete."""
    _keyring().delete_password(service, username)


def is_keyring_error(error: BaseException) -> bool:
    """One of keyring's errors (no keyring, locked, refused...). Without keyring imported
    nothing raised one, so naming the class never imports keyring."""
    errors = sys.modules.get("keyring.errors")
    return errors is not None and isinstance(error, errors.KeyringError)
