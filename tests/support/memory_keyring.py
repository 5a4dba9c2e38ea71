"""The tests' keyring is the demo's in-memory one (ui/demo_keyring.py); this name stays so
that `PYTHON_KEYRING_BACKEND=tests.support.memory_keyring.MemoryKeyring` keeps working."""

from __future__ import annotations

from ui.demo_keyring import MemoryKeyring

__all__ = ["MemoryKeyring"]
