"""The former home of `Background` and `wait_while`, now in ui.tasks (the one task API):
kept so that `from ui.background import Background` goes on working."""

from __future__ import annotations

from ui.tasks import Background, wait_while

__all__ = ["Background", "wait_while"]
