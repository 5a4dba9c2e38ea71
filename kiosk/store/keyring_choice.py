"""The OS keyring named directly, instead of discovered.

Left to itself, keyring's first use loads the entry points of every installed package
and tries every backend it finds (D-Bus, KWallet, libsecret...) to keep the one with the
highest priority: 40-90 ms and several MiB at every start on this VM, behind the first
screen. The backend a device uses is known in advance: the Secret Service on Linux, the
Credential Manager on Windows, the Keychain on macOS. Nothing else is bundled that could
win that comparison, so naming it gives the same keyring, sooner.

Whatever chose a keyring already is kept: PYTHON_KEYRING_BACKEND, a keyringrc.cfg, or a
backend set in code (the tests' and the demo's in-memory one). When the named backend
is not usable (no D-Bus session, no Secret Service), keyring's own discovery runs as
before and ends, at worst, in its `fail` backend: the store then stops with NO_KEYRING
(kiosk.store.crypto), as it always did."""

from __future__ import annotations

import logging
import os
import sys

import keyring
import keyring.core
from keyring.util.platform_ import config_root

PLATFORM_BACKENDS = {
    "linux": "keyring.backends.SecretService.Keyring",
    "win32": "keyring.backends.Windows.WinVaultKeyring",
    "darwin": "keyring.backends.macOS.Keyring",
}

log = logging.getLogger(__name__)


def choose_platform_keyring(platform: str = sys.platform) -> str | None:
    """Set this platform's keyring when nothing chose one; its name, or None when
    keyring is left to choose (already chosen, or the platform's backend unusable)."""
    # keyring keeps the chosen backend in this attribute (None until its first use);
    # if a release renames it, the getattr default leaves keyring to choose as before.
    if getattr(keyring.core, "_keyring_backend", "unknown") is not None:
        return None
    if os.environ.get("PYTHON_KEYRING_BACKEND") or (config_root() / "keyringrc.cfg").exists():
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
