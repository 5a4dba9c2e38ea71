"""«Φωτογραφία» at the counter: offered only where Qt Multimedia finds a camera; a frame
taken becomes a page through the same checks as an imported image, is sealed encrypted,
and reads back from the assembled PDF.

This machine has no camera (no /dev/video*), so where a test needs one the camera DEVICE
alone is mocked: `find_camera` answers with a null QCameraDevice, and the frame is handed
to the panel by emitting the real QImageCapture's `imageCaptured`, as Qt does after a
capture. Everything else is real: the panel, the desk's lane, the checks, the store."""

from __future__ import annotations

import io
import sys
import tempfile
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter
from PySide6.QtMultimedia import QCameraDevice, QImageCapture, QVideoFrame
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from kiosk.documents import DocumentLimits
from kiosk.engine.session import FillingSession
from kiosk.store import Store, open_store
from tests.kiosk.documents import samples
from tests.kiosk.engine.procedures import transporter_licence
from ui.documents import camera
from ui.documents.desk import DocumentDesk
from ui.documents.document_row import DocumentRow
from ui.documents.screen import DocumentsScreen

SCREENS: list[DocumentsScreen] = []


@pytest.fixture(autouse=True)
def _screens() -> Iterator[None]:
    yield
    SCREENS.clear()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(tmp_path / "device" / "device.sqlite3")
    yield opened
    opened.close()


@pytest.fixture
def with_a_camera(monkeypatch: pytest.MonkeyPatch) -> None:
    """The one mock: a camera device where there is none."""
    monkeypatch.setattr(camera, "find_camera", lambda: QCameraDevice())


def a4_frame(width: int = 1240, height: int = 1754) -> QImage:
    """A photographed page: white paper with a heading and lines of text, drawn."""
    frame = QImage(width, height, QImage.Format.Format_RGB32)
    frame.fill(QColor("white"))
    painter = QPainter(frame)
    painter.setPen(QColor("black"))
    painter.setFont(QFont("DejaVu Sans", 40))
    painter.drawText(QRect(100, 100, 1000, 120), Qt.AlignmentFlag.AlignLeft, "CERTIFICATE")
    for line in range(20):
        painter.fillRect(100, 300 + line * 60, 900 - (line % 3) * 150, 16, QColor("#333"))
    painter.end()
    return frame


def _row(qtbot: QtBot, desk: DocumentDesk) -> tuple[DocumentRow, FillingSession]:
    session = FillingSession(transporter_licence(), "2", uuid.uuid4())
    screen = DocumentsScreen(session, desk, "en")
    qtbot.addWidget(screen)
    SCREENS.append(screen)  # qtbot holds it weakly: the rows must outlive this call
    return screen.rows["id_card"], session


def _import_png(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, row: DocumentRow, path: Path
) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(path), ""))
    row.import_button.click()
    qtbot.waitUntil(lambda: not row.desk.busy, timeout=30_000)


def _photograph(qtbot: QtBot, row: DocumentRow, frame: QImage) -> None:
    row.photo_button.click()
    panel = row.camera_panel
    assert panel is not None and panel.isVisible()
    panel.capture.imageCaptured.emit(1, frame)  # what Qt emits once the camera took it
    assert not panel.isVisible()
    qtbot.waitUntil(lambda: not row.desk.busy, timeout=30_000)


def test_without_a_camera_the_counter_offers_no_photograph(
    qtbot: QtBot, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    desk = DocumentDesk(store.attachments, DocumentLimits())
    assert desk.find_camera() is None  # the real QMediaDevices: no video input here
    row, _ = _row(qtbot, desk)
    assert not row.photo_button.isVisibleTo(row) and row.import_button.isVisibleTo(row)
    # The packaged build, which leaves Qt Multimedia out: the same, and it says why.
    monkeypatch.setitem(sys.modules, "PySide6.QtMultimedia", None)
    assert desk.find_camera() is None
    assert "Qt Multimedia is not in this build" in (camera.multimedia_missing() or "")
    row, _ = _row(qtbot, desk)
    assert not row.photo_button.isVisibleTo(row)


@pytest.mark.usefixtures("with_a_camera")
def test_a_kiosk_never_asks_for_a_camera(store: Store) -> None:
    kiosk = DocumentDesk(store.attachments, DocumentLimits(), allow_import=False)
    assert kiosk.find_camera() is None  # its public sends photos from their phone


@pytest.mark.usefixtures("with_a_camera")
def test_a_photographed_page_is_attached_encrypted_and_reads_back(
    qtbot: QtBot,
    store: Store,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    desk = DocumentDesk(store.attachments, DocumentLimits())
    row, session = _row(qtbot, desk)
    assert row.photo_button.isVisibleTo(row) and row.photo_button.text() == "Photograph"
    source = tmp_path / "letter.png"
    source.write_bytes(samples.png())
    _import_png(qtbot, monkeypatch, row, source)
    _photograph(qtbot, row, a4_frame())

    assert not row.message.isVisibleTo(row) and row.strip.list.count() == 2
    photo = desk.gathered("id_card").pages[1]
    assert (photo.media_type, photo.source) == ("image/jpeg", "camera.jpg")
    with Image.open(io.BytesIO(photo.data)) as image:
        assert image.size == (1240, 1754)
    row.attach_button.click()
    qtbot.waitUntil(lambda: not desk.busy, timeout=30_000)
    ref = session.documents["id_card"]
    pdf = PdfReader(io.BytesIO(store.attachments.read(ref.sha256)))
    assert len(pdf.pages) == 2
    width, height = (float(side) for side in pdf.pages[1].mediabox.upper_right)
    assert abs(height - 842) < 3 and abs(width - 595) < 3  # the frame became an A4 page

    # Taken into memory, sealed: no clear copy of the photo anywhere on disk.
    assert list(temp.iterdir()) == []
    runs = [photo.data[at : at + 2048] for at in range(200, len(photo.data) - 2048, 10_000)]
    assert runs
    for path in (tmp_path / "device").rglob("*"):
        if path.is_file():
            content = path.read_bytes()
            assert not any(run in content for run in runs), path


@pytest.mark.usefixtures("with_a_camera")
def test_a_frame_that_is_not_a_page_is_refused_like_an_import_and_the_pages_are_kept(
    qtbot: QtBot,
    store: Store,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    desk = DocumentDesk(store.attachments, DocumentLimits())
    row, _ = _row(qtbot, desk)
    first = tmp_path / "letter.png"
    first.write_bytes(samples.png())
    _import_png(qtbot, monkeypatch, row, first)
    tiny = tmp_path / "tiny.png"
    tiny.write_bytes(samples.png(320, 240))
    _import_png(qtbot, monkeypatch, row, tiny)
    imported = row.message.text()
    assert "too small to be a readable page" in imported

    _photograph(qtbot, row, a4_frame(320, 240))  # the camera at its smallest
    assert row.message.isVisibleTo(row)
    assert row.message.text() == imported.replace("tiny.png", "camera.jpg")
    dark = QImage(1280, 960, QImage.Format.Format_RGB32)
    dark.fill(QColor("black"))
    _photograph(qtbot, row, dark)  # the lens still capped
    assert "“camera.jpg” is blank" in row.message.text()
    _photograph(qtbot, row, QImage())  # the device gave no picture at all
    assert "camera.jpg" in row.message.text() and "damaged" in row.message.text()
    assert row.strip.list.count() == 1
    assert desk.gathered("id_card").pages[0].source == "letter.png"


# Offscreen has no GPU: Qt converts the viewfinder's frames on the CPU and says so once
# (in the "default" category, which cannot be filtered alone). A real display has one.
@pytest.mark.qt_log_ignore("No RHI backend. Using CPU conversion")
@pytest.mark.usefixtures("with_a_camera")
def test_the_panel_streams_says_a_failure_and_esc_adds_nothing(qtbot: QtBot, store: Store) -> None:
    desk = DocumentDesk(store.attachments, DocumentLimits())
    row, _ = _row(qtbot, desk)
    row.photo_button.click()
    panel = row.camera_panel
    assert panel is not None
    assert panel.take_button.text() == "Take" and not panel.take_button.isEnabled()
    panel.sink.setVideoFrame(QVideoFrame(a4_frame()))  # what the camera streams
    qtbot.waitUntil(lambda: not panel.viewfinder.pixmap().isNull())
    panel.capture.errorOccurred.emit(1, QImageCapture.Error.ResourceError, "device busy")
    assert "camera does not respond" in panel.status.text()  # said in the clerk's language
    qtbot.keyClick(panel, Qt.Key.Key_Escape)
    assert not panel.isVisible() and row.camera_panel is None
    assert row.strip.list.count() == 0 and not desk.busy


def _filled(colour: str) -> QImage:
    frame = QImage(640, 480, QImage.Format.Format_RGB32)
    frame.fill(QColor(colour))
    return frame


@pytest.mark.qt_log_ignore("No RHI backend. Using CPU conversion")
@pytest.mark.usefixtures("with_a_camera")
def test_the_viewfinder_converts_frames_off_the_gui_thread_and_shows_the_newest(
    qtbot: QtBot, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    on_gui_thread: list[bool] = []
    converting = threading.Event()
    let_go = threading.Event()

    def slow_preview(frame: QVideoFrame, size: QSize) -> QImage:
        on_gui_thread.append(threading.current_thread() is threading.main_thread())
        converting.set()
        let_go.wait(30)  # a camera's megapixels take a while to convert
        return real_preview(frame, size)

    real_preview = camera.preview
    monkeypatch.setattr(camera, "preview", slow_preview)
    row, _ = _row(qtbot, DocumentDesk(store.attachments, DocumentLimits()))
    row.photo_button.click()
    panel = row.camera_panel
    assert panel is not None

    panel.sink.setVideoFrame(QVideoFrame(_filled("red")))
    assert converting.wait(30)
    panel.sink.setVideoFrame(QVideoFrame(_filled("green")))  # the GUI thread is not held
    panel.sink.setVideoFrame(QVideoFrame(_filled("blue")))  # replaces the one waiting
    assert panel.take_button.isEnabled() is False and panel.isVisible()
    let_go.set()
    qtbot.waitUntil(lambda: not panel.drawing)

    assert on_gui_thread == [False, False]  # red, then blue: green was never converted
    shown = panel.viewfinder.pixmap().toImage()
    assert shown.pixelColor(shown.width() // 2, shown.height() // 2) == QColor("blue")
    qtbot.keyClick(panel, Qt.Key.Key_Escape)


@dataclass
class _Format:
    """One of a camera device's formats (the device is what cannot exist here)."""

    width: int
    height: int
    fps: float

    def resolution(self) -> QSize:
        return QSize(self.width, self.height)

    def maxFrameRate(self) -> float:  # noqa: N802 (QCameraFormat's name)
        return self.fps


def test_the_camera_takes_its_most_pixels_at_a_fluent_frame_rate() -> None:
    small, full_hd, slow_4k = _Format(640, 480, 30), _Format(1920, 1080, 30), _Format(3840, 2160, 5)
    assert camera.best_format([small, slow_4k, full_hd]) is full_hd  # type: ignore[list-item]
    assert camera.best_format([slow_4k]) is slow_4k  # type: ignore[list-item]
    assert camera.best_format([]) is None
