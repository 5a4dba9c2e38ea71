"""The sync state, always in view at the counter: online or not, how many applications
wait, when the platform last answered."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.regions import ATHENS
from ui.counter.texts import text

if TYPE_CHECKING:  # the HTTP stack loads with the network lane, not with the bar
    from sync.engine import SyncState
    from ui.sync_lane import LaneFault


def describe(state: SyncState | None, locale: str, fault: LaneFault | None = None) -> str:
    """`fault`: the network lane's last cycle failed unexpectedly (ui.sync_lane); said
    first, with when it tries again, since nothing is sent until then."""
    if state is None:
        return text("sync_not_enrolled", locale)
    online = {True: "sync_online", False: "sync_offline", None: "sync_unknown"}[state.online]
    parts = [text(online, locale), text("sync_pending", locale, count=state.pending)]
    if state.revoked:  # nothing goes or comes until the device is enrolled again
        from kiosk.enrolment import TEXTS

        parts.insert(0, TEXTS["revoked"].message(locale))
    if fault is not None:
        at = fault.retry_at.astimezone(ATHENS).strftime("%H:%M:%S")
        parts.insert(0, text("sync_failed", locale, time=at))
    if state.running:
        parts.append(text("sync_sending", locale))
    if state.last_success_at is not None:
        at = state.last_success_at.astimezone(ATHENS).strftime("%H:%M")
        parts.append(text("sync_last", locale, time=at))
    return " · ".join(parts)


class SyncBar(QLabel):
    def __init__(self, locale: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncbar")
        self.setWordWrap(True)  # large text: two lines rather than cut
        self.language = locale
        self.state: SyncState | None = None
        self.fault: LaneFault | None = None
        self.show_state(None)

    def show_state(self, state: SyncState | None, fault: LaneFault | None = None) -> None:
        self.state, self.fault = state, fault
        words = describe(state, self.language, fault)
        self.setText(words)
        self.setAccessibleName(words)
        offline = state is not None and (
            state.online is False or fault is not None or state.revoked
        )
        self.setProperty("offline", "true" if offline else "false")
        self.style().unpolish(self)
        self.style().polish(self)

    def set_locale(self, locale: str) -> None:
        self.language = locale
        self.show_state(self.state, self.fault)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        """As narrow as its longest part (a wrapping label asks for more, which
        squeezed the sign-out button beside it in large text)."""
        parts = self.text().split(" · ")
        widest = max((self.fontMetrics().horizontalAdvance(p) for p in parts), default=0)
        margins = self.contentsMargins()
        width = widest + margins.left() + margins.right() + 2 * self.margin()
        return QSize(width, self.heightForWidth(width))
