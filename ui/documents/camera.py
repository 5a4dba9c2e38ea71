"""«Φωτογραφία»: a document photographed with a camera Qt Multimedia finds, at the counter.

Qt Multimedia is imported here only, and this module only when a documents screen asks
whether there is a camera: the packaged build leaves Qt Multimedia out (the module and
its FFmpeg plugin are ~20 MiB, over the 120 MiB bundle budget), and there the import
fails. A build without Qt Multimedia and a computer without a camera mean the same to
the clerk: no «Φωτογραφία» button (`kiosk doctor` says which of the two it is).

The frame is taken by QImageCapture into a QImage in memory, never a file (privacy),
and goes through the same checks as an imported image (DocumentDesk.photograph)."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QLoggingCategory, QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent, QImage, QPixmap, QShowEvent
from PySide6.QtWidgets import QDialog, QHBoxLayout, QVBoxLayout, QWidget

from ui.documents.texts import text
from ui.screens.common import button, label
from ui.tasks import Lane

if TYPE_CHECKING:
    from collections.abc import Sequence

    from PySide6.QtMultimedia import QCameraDevice, QCameraFormat, QVideoFrame

MIN_FPS = 10.0  # below it the picture lags behind the hand that holds the page

# Qt's FFmpeg plugin looks for optional libraries (PipeWire, VA-API hardware decoding) and
# warns when one is absent; a camera works without them (V4L2), so the warning says
# nothing a clerk or a test can act on. Set before the plugin loads: on this import.
QLoggingCategory.setFilterRules("qt.multimedia.symbolsresolver.warning=false")


def multimedia_missing() -> str | None:
    """Why this build cannot use a camera (Qt Multimedia left out), or None."""
    try:
        import PySide6.QtMultimedia  # noqa: F401
    except ImportError as error:
        return f"Qt Multimedia is not in this build ({error.name or error})"
    return None


def find_camera() -> QCameraDevice | None:
    """The camera to photograph with (the system's default), or None where there is none
    or this build has no Qt Multimedia."""
    try:
        from PySide6.QtMultimedia import QMediaDevices
    except ImportError:
        return None
    inputs = QMediaDevices.videoInputs()
    if not inputs:
        return None
    default = QMediaDevices.defaultVideoInput()
    return inputs[0] if default.isNull() else default


def preview(frame: QVideoFrame, size: QSize) -> QImage:
    """The camera's frame as the viewfinder shows it, on the viewfinder's lane: several
    megapixels (best_format) converted and scaled take tens of milliseconds a frame."""
    picture = frame.toImage()
    if picture.isNull():
        return picture
    return picture.scaled(
        size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
    )


def best_format(formats: Sequence[QCameraFormat]) -> QCameraFormat | None:
    """The most pixels the camera gives at a fluent frame rate (else the most pixels):
    a camera starts in a small format (often 640×480), too few to read a page's print."""
    fluent = [found for found in formats if found.maxFrameRate() >= MIN_FPS] or list(formats)
    return max(
        fluent,
        key=lambda found: found.resolution().width() * found.resolution().height(),
        default=None,
    )


class CameraPanel(QDialog):
    """The viewfinder, a large «Λήψη» and «Άκυρο» (or Esc). The camera runs only while
    the panel shows; a taken frame is handed on with `captured` and the panel closes."""

    captured = Signal(QImage)

    def __init__(self, device: QCameraDevice, locale: str, parent: QWidget | None = None) -> None:
        from PySide6.QtMultimedia import QCamera, QImageCapture, QMediaCaptureSession, QVideoSink

        super().__init__(parent)
        self.locale_name = locale
        self.setWindowTitle(text("photo_title", locale))
        layout = QVBoxLayout(self)
        layout.addWidget(label(text("photo_hint", locale)))
        # Frames drawn into a label from a QVideoSink, not a QVideoWidget: that one is a
        # native child window (QtMultimediaWidgets too), which warns on every paint offscreen.
        self.viewfinder = label("")
        self.viewfinder.setMinimumSize(640, 480)
        self.viewfinder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.viewfinder.setAccessibleName(text("photo_viewfinder", locale))
        layout.addWidget(self.viewfinder, 1)
        # Frames are converted one at a time on the panel's own lane, never on the GUI
        # thread: at 15-30 frames a second it would have no time left for «Λήψη». A frame
        # that arrives while one is converted replaces the one waiting, so the picture
        # follows the camera at the pace the CPU allows.
        self._lane = Lane("viewfinder", self)
        self._waiting: QVideoFrame | None = None
        self._converting = False
        self.sink = QVideoSink(self)
        self.sink.videoFrameChanged.connect(self._frame)
        self.camera = QCamera(device, self)
        chosen = best_format(device.videoFormats())
        if chosen is not None:
            self.camera.setCameraFormat(chosen)
        self.capture = QImageCapture(self)
        self.session = QMediaCaptureSession(self)
        self.session.setCamera(self.camera)
        self.session.setImageCapture(self.capture)
        self.session.setVideoSink(self.sink)
        self.capture.imageCaptured.connect(self._taken)
        self.capture.readyForCaptureChanged.connect(self._ready)
        self.camera.errorOccurred.connect(self._failed)
        self.capture.errorOccurred.connect(self._not_taken)
        self.status = label("", "secondary")
        layout.addWidget(self.status)
        actions = QHBoxLayout()
        self.cancel_button = button(text("photo_cancel", locale))
        self.cancel_button.clicked.connect(self.reject)
        self.take_button = button(text("photo_take", locale), "primary")
        self.take_button.setMinimumHeight(72)  # the one thing to press, large
        self.take_button.setEnabled(False)
        self.take_button.clicked.connect(self.take)
        actions.addWidget(self.cancel_button)
        actions.addStretch(1)
        actions.addWidget(self.take_button)
        layout.addLayout(actions)
        self.take_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        self.camera.start()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        self.camera.stop()
        super().closeEvent(event)

    def done(self, result: int) -> None:  # accept, reject and Esc all end here
        self.camera.stop()
        self._lane.close()  # a frame still converting is never drawn
        super().done(result)

    def take(self) -> None:
        self.take_button.setEnabled(False)
        self.capture.capture()  # into memory: captureToFile is never used

    @property
    def drawing(self) -> bool:
        """A frame is being converted for the viewfinder."""
        return self._converting

    def _frame(self, frame: QVideoFrame) -> None:
        self._waiting = frame
        if not self._converting:
            self._convert_next()

    def _convert_next(self) -> None:
        frame, self._waiting = self._waiting, None
        self._converting = frame is not None
        if frame is not None:
            work = partial(preview, frame, self.viewfinder.size())
            self._lane.run(work, self._show, self._not_shown)

    def _show(self, picture: QImage) -> None:
        if not picture.isNull():
            self.viewfinder.setPixmap(QPixmap.fromImage(picture))
        self._convert_next()

    def _not_shown(self, _error: Exception) -> None:
        self._convert_next()  # a frame Qt could not convert: the next one will do

    def _ready(self, ready: bool) -> None:
        self.take_button.setEnabled(ready)

    def _failed(self, _error: object, _words: str) -> None:
        # Qt's words about the device are English only and technical: ours say what to do.
        self.status.setText(text("photo_failed", self.locale_name))

    def _not_taken(self, _request: int, _error: object, _words: str) -> None:
        self.status.setText(text("photo_failed", self.locale_name))
        self.take_button.setEnabled(self.capture.isReadyForCapture())

    def _taken(self, _request: int, frame: QImage) -> None:
        self.captured.emit(frame)
        self.accept()
