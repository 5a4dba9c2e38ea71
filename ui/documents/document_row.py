"""One row of the documents screen: a checklist document, its state, its pages, and
the clerk's (or citizen's) actions on them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAccessible, QAccessibleEvent, QImage
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QWidget

from kiosk.catalog.model import SupportingDocument
from kiosk.documents.limits import megabytes
from kiosk.engine.session import FillingSession
from kiosk.texts import RefusedError
from ui.documents.desk import DocumentDesk
from ui.documents.page_strip import PageStrip
from ui.documents.phone import PhoneUpload
from ui.documents.texts import text
from ui.screens.common import button, label, panel

if TYPE_CHECKING:
    from PySide6.QtMultimedia import QCameraDevice

    from ui.documents.camera import CameraPanel


class DocumentRow(QWidget):
    def __init__(
        self,
        document: SupportingDocument,
        session: FillingSession,
        desk: DocumentDesk,
        locale: str,
        camera: QCameraDevice | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.document, self.session, self.desk, self.language = document, session, desk, locale
        self.camera = camera
        self.camera_panel: CameraPanel | None = None  # while the clerk photographs
        frame, box = panel(self)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(frame)
        title = document.title.get(locale)
        header = QHBoxLayout()
        header.addWidget(label(title, "h2"), 1)
        self.status = label("", "secondary")
        header.addWidget(self.status)
        box.addLayout(header)
        self.message = label("", "error")
        self.message.hide()
        box.addWidget(self.message)
        actions = QHBoxLayout()
        self.scan_button = button(f"{text('scan', locale)}: {title}")
        self.scan_button.setText(text("scan", locale))
        self.scan_button.setVisible(desk.can_scan)
        self.scan_button.clicked.connect(
            lambda: self._act(lambda: desk.scan(document, self.refused))
        )
        self.import_button = button(f"{text('import', locale)}: {title}")
        self.import_button.setText(text("import", locale))
        self.import_button.setVisible(desk.allow_import)
        self.import_button.clicked.connect(self.choose_file)
        self.phone_button = button(f"{text('phone', locale)}: {title}")
        self.phone_button.setText(text("phone", locale))
        self.phone_button.setVisible(desk.phone is not None)
        self.phone_button.clicked.connect(self._phone)
        # Where no camera is found (or the build has no Qt Multimedia) there is no button:
        # a disabled one on every row of every counter would only be noise.
        self.photo_button = button(f"{text('photo', locale)}: {title}")
        self.photo_button.setText(text("photo", locale))
        self.photo_button.setVisible(camera is not None)
        self.photo_button.clicked.connect(self.photograph)
        self.attach_button = button(f"{text('attach', locale)}: {title}", "primary")
        self.attach_button.setText(text("attach", locale))
        self.attach_button.clicked.connect(self.attach)
        for widget in (self.scan_button, self.import_button, self.photo_button, self.phone_button):
            actions.addWidget(widget)
        actions.addStretch(1)
        actions.addWidget(self.attach_button)
        box.addLayout(actions)
        self.phone = PhoneUpload(document, desk, locale, self)
        box.addWidget(self.phone)
        desk.refused_from_phone.connect(self._phone_refused)
        self.strip = PageStrip(locale, desk.can_scan, self)
        self.strip.move_requested.connect(self._move)
        self.strip.delete_requested.connect(lambda index: desk.delete(document.id, index))
        self.strip.rescan_requested.connect(
            lambda index: self._act(lambda: desk.scan(document, self.refused, replace=index))
        )
        box.addWidget(self.strip)
        desk.changed.connect(self._desk_changed)
        desk.busy_changed.connect(self._busy)
        self.refresh()

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, text("import_title", self.language), "", text("import_filter", self.language)
        )
        if path:
            self._act(lambda: self.desk.import_file(self.document, Path(path), self.refused))

    def photograph(self) -> None:
        if self.camera is None:
            return
        from ui.documents.camera import CameraPanel

        self.camera_panel = CameraPanel(self.camera, self.language, self)
        self.camera_panel.captured.connect(self._photographed)
        self.camera_panel.finished.connect(self._panel_closed)
        self.camera_panel.open()

    def _photographed(self, frame: QImage) -> None:
        self._act(lambda: self.desk.photograph(self.document, frame, self.refused))

    def _panel_closed(self) -> None:
        if self.camera_panel is not None:
            self.camera_panel.deleteLater()  # the camera device is let go with it
            self.camera_panel = None

    def _phone(self) -> None:
        self._act(lambda: self.desk.phone_begin(self.phone.show_link, self.refused))

    def _phone_refused(self, document_id: str, words: str) -> None:
        if document_id == self.document.id:
            self.message.setText(words)
            self.message.show()

    def attach(self) -> None:
        self._act(lambda: self.desk.attach(self.session, self.document, self.refused))

    def refused(self, error: RefusedError) -> None:
        """A refusal: said in the row, announced; the pages stay as they were."""
        self.message.setText(error.message(self.language))
        self.message.show()
        QAccessible.updateAccessibility(QAccessibleEvent(self.message, QAccessible.Event.Alert))

    def refresh(self, current: int | None = None) -> None:
        gathered = self.desk.gathered(self.document.id)
        self.strip.show_pages(gathered.thumbnails, current)
        ref = self.session.documents.get(self.document.id)
        if ref is None:
            self.status.setText(text("status_bring", self.language))
        elif gathered.pages and not gathered.attached:
            self.status.setText(text("status_changed", self.language))
        else:
            self.status.setText(text("status_attached", self.language, size=megabytes(ref.size)))
        self.attach_button.setEnabled(bool(gathered.pages) and not gathered.attached)

    def _act(self, start: Callable[[], None]) -> None:
        self.message.hide()
        start()

    def _move(self, index: int, to: int) -> None:
        self.desk.move(self.document.id, index, to)
        self.refresh(current=to)

    def _desk_changed(self, document_id: str) -> None:
        if document_id == self.document.id:
            self.refresh()

    def _busy(self, busy: bool) -> None:
        for widget in (self.scan_button, self.import_button, self.photo_button, self.strip):
            widget.setEnabled(not busy)
        if busy:
            self.attach_button.setEnabled(False)
        else:
            self.refresh()
