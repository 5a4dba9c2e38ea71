"""The sync state, always in view at the counter: online or not, how many applications
wait, when the platform last answered."""

from __future__ import annotations

from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QStackedWidget, QWidget

from ui.counter.texts import text

if TYPE_CHECKING:  # the HTTP stack loads with the network lane, not with the bar
    from sync.engine import SyncState

ATHENS = ZoneInfo("Europe/Athens")


def describe(state: SyncState | None, locale: str) -> str:
    if state is None:
        return text("sync_not_enrolled", locale)
    online = {True: "sync_online", False: "sync_offline", None: "sync_unknown"}[state.online]
    parts = [text(online, locale), text("sync_pending", locale, count=state.pending)]
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
        self.locale = locale
        self.state: SyncState | None = None
        self._screens: QStackedWidget | None = None
        self.show_state(None)

    def show_state(self, state: SyncState | None) -> None:
        self.state = state
        words = describe(state, self.locale)
        self.setText(words)
        self.setAccessibleName(words)
        offline = state is not None and state.online is False
        self.setProperty("offline", "true" if offline else "false")
        self.style().unpolish(self)
        self.style().polish(self)

    def set_locale(self, locale: str) -> None:
        self.locale = locale
        self.show_state(self.state)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        """As narrow as its longest part (a wrapping label asks for more, which
        squeezed the sign-out button beside it in large text)."""
        parts = self.text().split(" · ")
        widest = max((self.fontMetrics().horizontalAdvance(p) for p in parts), default=0)
        margins = self.contentsMargins()
        width = widest + margins.left() + margins.right() + 2 * self.margin()
        return QSize(width, self.heightForWidth(width))

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        screens = self.window().findChild(QStackedWidget)
        if screens is not None and screens is not self._screens:
            self._screens = screens
            screens.currentChanged.connect(self._read_last)
        self._read_last()

    def _read_last(self) -> None:
        """The status bar (this, the clerk, sign-out) is read after the screen, so its
        controls come last in Tab order. A screen shown later joins the end of the
        window's focus chain, after them: put them back behind it."""
        row = self.parentWidget()
        if row is None:
            return
        window = self.window()
        chain, widget = [], window.nextInFocusChain()
        while widget is not window and widget not in chain:
            chain.append(widget)
            widget = widget.nextInFocusChain()
        stops = [w for w in chain if w.focusPolicy() & Qt.FocusPolicy.TabFocus]
        ours = [w for w in stops if row.isAncestorOf(w)]
        others = [w for w in stops if w not in ours]  # (Qt ignores a NoFocus widget here)
        previous = others[-1] if others else None
        for stop in ours:
            if previous is not None:
                QWidget.setTabOrder(previous, stop)
            previous = stop
