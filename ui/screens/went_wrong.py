"""«Something went wrong»: what a person sees instead of a traceback or a frozen window
when the app meets an error nobody foresaw (ui.crash). It covers the window, says that
what was typed is kept (every answer is saved as it is given) and offers one way on:
back to the start."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from ui.i18n import QT_TRANSLATE_NOOP, declare_texts
from ui.screens.common import announce, button, label

TEXTS = declare_texts(
    "went_wrong",
    {
        "title": QT_TRANSLATE_NOOP("went_wrong", "Κάτι πήγε στραβά"),
        "detail": QT_TRANSLATE_NOOP(
            "went_wrong",
            "Λυπούμαστε, παρουσιάστηκε ένα απρόσμενο πρόβλημα. Ό,τι έχετε συμπληρώσει "
            "είναι αποθηκευμένο. Το πρόβλημα καταγράφηκε για το τμήμα πληροφορικής.",
        ),
        "home": QT_TRANSLATE_NOOP("went_wrong", "Επιστροφή στην αρχή"),
    },
)


class WentWrongOverlay(QFrame):
    home_requested = Signal()

    def __init__(self, window: QWidget, locale: Callable[[], str]) -> None:
        super().__init__(window)
        self.setObjectName("panel")
        self.setAutoFillBackground(True)  # opaque: nothing half-drawn shows through
        self._locale = locale
        layout = QVBoxLayout(self)
        layout.setContentsMargins(96, 96, 96, 96)
        self.title = label("", "h1")
        self.detail = label("")
        self.home_button = button("", "primary")
        self.home_button.clicked.connect(self.home_requested)
        layout.addStretch(1)
        for widget in (self.title, self.detail):
            layout.addWidget(widget)
        layout.addWidget(self.home_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(2)
        window.installEventFilter(self)
        self.hide()

    def appear(self) -> None:
        locale = self._locale()
        self.title.setText(TEXTS.text("title", locale))
        self.detail.setText(TEXTS.text("detail", locale))
        self.home_button.setText(TEXTS.text("home", locale))
        self.home_button.setAccessibleName(TEXTS.text("home", locale))
        self._cover()
        appearing = not self.isVisible()
        self.show()
        self.raise_()
        if appearing:
            announce(self.title)
            self.home_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _cover(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Resize and self.isVisible():
            self._cover()
        return False
