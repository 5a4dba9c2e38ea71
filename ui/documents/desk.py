"""The pages gathered for each document of the application being filled, and the work
on them (scans, imports, thumbnails, assembly) on a lane of its own.

The pages live here, in memory, so that a redrawn screen (a language switch, a trip to
the review and back) finds them again; `forget` drops them with the applicant. Every
change is made on the GUI thread from a lane's result, so the screens never see a
half-done list; a failure leaves the list as it was."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import msgspec
from PySide6.QtCore import QObject, Signal

from kiosk import scanning  # its SaneCommand is imported when first named
from kiosk.catalog.model import SupportingDocument
from kiosk.config import Documents
from kiosk.documents.limits import ASSEMBLED_TYPE, DocumentLimits, check_size
from kiosk.documents.pages import DocumentPages, Page
from kiosk.documents.texts import TEXTS as DOC_TEXTS
from kiosk.documents.texts import DocumentRefusedError
from kiosk.scanning import (
    ScanError,
    ScannerPort,
    ScanSettings,
    office_scanner,
    scan_page,
)
from kiosk.scanning.texts import TEXTS as SCAN_TEXTS
from kiosk.texts import RefusedError
from ui.tasks import Lane, report

if TYPE_CHECKING:
    from PySide6.QtGui import QImage
    from PySide6.QtMultimedia import QCameraDevice

    from kiosk.documents.assembly import AttachmentSink
    from kiosk.engine.session import FillingSession  # the engine: with the first session
    from sync.phone import PhoneLink, PhoneUploads

Refused = Callable[[RefusedError], None]
T = TypeVar("T")
PHOTO_NAME = "camera.jpg"  # what a refusal calls a photographed frame
A4_LONG_SIDE_INCHES = 11.69
PHOTO_QUALITY = 90  # a camera's frame is already lossy: JPEG keeps it ~10x smaller than PNG


class Gathered(msgspec.Struct):
    pages: DocumentPages = msgspec.field(default_factory=DocumentPages)
    thumbnails: list[bytes] = msgspec.field(default_factory=list)  # PNG, one per page, same order
    attached: bool = False  # the attachment is these very pages


def photo_jpeg(frame: QImage) -> bytes:
    """A camera frame as JPEG bytes, in memory, its resolution set so that its long side
    is an A4 page's (else the PDF page would be as many inches as pixels / 96)."""
    # At the first photograph: the image and I/O classes make six enum types (~2 ms).
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QImageWriter

    frame = frame.copy()  # the caller's stays untouched
    dots_per_metre = round(max(frame.width(), frame.height()) / A4_LONG_SIDE_INCHES / 0.0254)
    frame.setDotsPerMeterX(dots_per_metre)
    frame.setDotsPerMeterY(dots_per_metre)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QImageWriter(buffer, QByteArray(b"jpeg"))
    writer.setQuality(PHOTO_QUALITY)
    writer.write(frame)
    return bytes(buffer.data().data())


def _with_thumbnails(pages: list[Page]) -> list[tuple[Page, bytes]]:
    from kiosk.documents.thumbnails import thumbnail  # PDFium and Pillow: at first use

    return [(page, thumbnail(page)) for page in pages]


class DocumentDesk(QObject):
    changed = Signal(str)  # a document's pages or state changed: its id
    refused_from_phone = Signal(str, str)  # document id, the refusal in words
    language = "el"  # set by the screen that shows the rows
    busy_changed = Signal(bool)

    def __init__(
        self,
        sink: AttachmentSink,
        limits: DocumentLimits,
        scanner: ScannerPort | None = None,
        device: str | None = None,
        settings: ScanSettings | None = None,
        allow_import: bool = True,
        parent: QObject | None = None,
        phone: PhoneUploads | None = None,
    ) -> None:
        super().__init__(parent)
        self.phone = phone  # «upload from your phone», where the platform offers it
        self.sink, self.limits, self.scanner, self.device = sink, limits, scanner, device
        self.settings = settings or ScanSettings()
        self.allow_import = allow_import
        self._lane = Lane("documents", self)
        self._gathered: dict[str, Gathered] = {}

    @property
    def can_scan(self) -> bool:
        return self.scanner is not None

    @property
    def busy(self) -> bool:
        return self._lane.busy

    def find_camera(self) -> QCameraDevice | None:
        """The camera to photograph documents with, asked each time a documents screen is
        built (one plugged in since shows then); None where there is none, at a kiosk, or
        in a build without Qt Multimedia, which is imported only here (ui/documents/camera)."""
        if not self.allow_import:  # a kiosk: its public sends photos from their phone
            return None
        from ui.documents.camera import find_camera

        return find_camera()

    def gathered(self, document_id: str) -> Gathered:
        return self._gathered.setdefault(document_id, Gathered())

    def forget(self) -> None:
        """The applicant has gone: their pages with them."""
        self._gathered.clear()

    # --- pages in -----------------------------------------------------------------
    def scan(
        self, document: SupportingDocument, refused: Refused, replace: int | None = None
    ) -> None:
        """A page from the scanner, added at the end or (`replace`) in a page's place."""
        scanner = self.scanner
        if scanner is None:
            return

        def work() -> list[tuple[Page, bytes]]:
            return _with_thumbnails([scan_page(scanner, self.device, self.settings)])

        self._run(document.id, work, refused, replace)

    def scan_one(self) -> bytes:
        """A page scanned and handed over as PNG, kept nowhere (the payment slip whose
        barcode is read). On the caller's lane; ScanError when there is no scanner."""
        if self.scanner is None:
            raise ScanError(SCAN_TEXTS["no_scanner"])
        return scan_page(self.scanner, self.device, self.settings).data

    def phone_begin(self, linked: Callable[[PhoneLink], None], refused: Refused) -> None:
        phone = self.phone
        if phone is not None:
            self._start(phone.begin, linked, refused)

    def phone_collect(
        self, document: SupportingDocument, link: PhoneLink, arrived: Callable[[bool], None]
    ) -> None:
        """Ask once whether the phone has sent the file; its pages join the others."""
        phone, limits = self.phone, self.limits
        if phone is None:
            return

        def work() -> list[tuple[Page, bytes]]:
            from kiosk.documents.importing import pages_from_bytes

            data = phone.collect(link)
            if data is None:
                return []
            return _with_thumbnails(pages_from_bytes(data, "phone", document, limits))

        def done(result: list[tuple[Page, bytes]]) -> None:
            if result:
                gathered = self.gathered(document.id)
                gathered.pages.add(page for page, _ in result)
                gathered.thumbnails.extend(picture for _, picture in result)
                self._changed(document.id)
            arrived(bool(result))

        def failed(error: Exception) -> None:
            if isinstance(error, RefusedError):
                arrived(True)  # a file came but cannot be a page: stop asking
                self.refused_from_phone.emit(document.id, error.message(self.language))
            else:  # the link: ask again at the next tick
                arrived(False)

        self._lane.run(work, done, failed)

    def import_file(self, document: SupportingDocument, path: Path, refused: Refused) -> None:
        limits = self.limits

        def work() -> list[tuple[Page, bytes]]:
            from kiosk.documents.importing import import_file

            return _with_thumbnails(import_file(path, document, limits))

        self._run(document.id, work, refused)

    def photograph(self, document: SupportingDocument, frame: QImage, refused: Refused) -> None:
        """A frame from the camera as a page: encoded and checked on the lane exactly as an
        imported image (too small, too large, damaged), the pages before kept on refusal."""
        limits = self.limits

        def work() -> list[tuple[Page, bytes]]:
            from kiosk.documents.importing import pages_from_bytes

            if frame.isNull():  # the device gave no picture
                raise DocumentRefusedError(DOC_TEXTS["damaged"], document.title, file=PHOTO_NAME)
            data = photo_jpeg(frame)
            return _with_thumbnails(pages_from_bytes(data, PHOTO_NAME, document, limits))

        self._run(document.id, work, refused)

    def _run(
        self,
        document_id: str,
        work: Callable[[], list[tuple[Page, bytes]]],
        refused: Refused,
        replace: int | None = None,
    ) -> None:
        def done(result: list[tuple[Page, bytes]]) -> None:
            gathered = self.gathered(document_id)
            if replace is not None and 0 <= replace < len(gathered.pages):
                page, picture = result[0]
                gathered.pages.replace(replace, page)
                gathered.thumbnails[replace] = picture
            else:
                gathered.pages.add(page for page, _ in result)
                gathered.thumbnails.extend(picture for _, picture in result)
            self._changed(document_id)

        self._start(work, done, refused)

    # --- pages rearranged -----------------------------------------------------------
    def move(self, document_id: str, index: int, to: int) -> None:
        gathered = self.gathered(document_id)
        gathered.pages.move(index, to)
        gathered.thumbnails.insert(to, gathered.thumbnails.pop(index))
        self._changed(document_id)

    def delete(self, document_id: str, index: int) -> None:
        gathered = self.gathered(document_id)
        gathered.pages.delete(index)
        del gathered.thumbnails[index]
        self._changed(document_id)

    # --- out: one PDF, sealed, the row attached --------------------------------------
    def attach(
        self,
        session: FillingSession,
        document: SupportingDocument,
        refused: Refused,
        attached: Callable[[], None] = lambda: None,
    ) -> None:
        """Assemble and check on the lane; seal (the store lives on the GUI thread) and
        mark the document attached in the session when it comes back."""
        pages = DocumentPages(self.gathered(document.id).pages)
        limits = self.limits

        def work() -> bytes:
            from kiosk.documents.assembly import assemble

            pdf = assemble(pages, document)
            check_size(document, len(pdf), limits)
            return pdf

        def done(pdf: bytes) -> None:
            from kiosk.documents.assembly import file_name_for

            ref = self.sink.put(pdf, file_name_for(document), ASSEMBLED_TYPE)
            session.attach_document(document.id, ref)
            self.gathered(document.id).attached = True
            self.changed.emit(document.id)
            attached()

        self._start(work, done, refused)

    def _changed(self, document_id: str) -> None:
        self.gathered(document_id).attached = False
        self.changed.emit(document_id)

    def _start(self, work: Callable[[], T], done: Callable[[T], None], refused: Refused) -> None:
        def failed(error: Exception) -> None:
            self.busy_changed.emit(False)
            if isinstance(error, RefusedError):
                refused(error)
            else:
                report(error)

        def finished(result: T) -> None:
            self.busy_changed.emit(False)
            done(result)

        self.busy_changed.emit(True)
        self._lane.run(work, finished, failed)


def desk_for_office(
    documents: Documents,
    sink: AttachmentSink,
    mode: str,
    parent: QObject | None = None,
    phone: PhoneUploads | None = None,
) -> DocumentDesk | None:
    """The counter's desk (scanning where SANE is installed, file import always), or a
    kiosk's where the office file names a scanner (scanning only: a kiosk has no file
    dialog for the public); None for a kiosk without one: documents stay to bring."""
    device, settings = office_scanner(documents)
    limits = DocumentLimits.for_office(documents)
    if mode == "kiosk":  # scanning where the office has a scanner, the phone where it can
        if device is None and phone is None:
            return None
        scanner = scanning.SaneCommand() if device is not None else None
        return DocumentDesk(sink, limits, scanner, device, settings, False, parent, phone)
    scanner = scanning.SaneCommand() if shutil.which("scanimage") else None  # Windows: import only
    return DocumentDesk(sink, limits, scanner, device, settings, True, parent)
