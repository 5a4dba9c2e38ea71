"""Pages become one PDF in their order, sealed in the store; the checklist row becomes
attached; limits are checked before finalising."""

from __future__ import annotations

import io
import tempfile
import uuid
from pathlib import Path

import pytest
from msgspec.structs import replace
from PIL import Image
from pypdf import PdfReader

from kiosk.documents import (
    DocumentLimits,
    DocumentPages,
    DocumentRefusedError,
    Page,
    assemble,
    attach_pages,
    import_file,
    pages_from_bytes,
    refusals_before_finalising,
)
from kiosk.documents.thumbnails import thumbnail
from kiosk.engine.session import FillingSession
from kiosk.store import Store
from tests.kiosk.documents import samples
from tests.kiosk.engine.procedures import transporter_licence

LIMITS = DocumentLimits()


def _session() -> FillingSession:
    return FillingSession(transporter_licence(), "2", uuid.uuid4())


def _pages(session: FillingSession) -> DocumentPages:
    document = {d.id: d for d in session.procedure.documents}["id_card"]
    pages = DocumentPages()
    pages.add(pages_from_bytes(samples.png(), "front.png", document, LIMITS))
    pages.add(pages_from_bytes(samples.pdf(2), "letter.pdf", document, LIMITS))
    pages.add(pages_from_bytes(samples.jpeg(), "back.jpg", document, LIMITS))
    return pages


def _sizes(pdf: bytes) -> list[tuple[int, int]]:
    return [
        (round(float(p.mediabox.width)), round(float(p.mediabox.height)))
        for p in PdfReader(io.BytesIO(pdf)).pages
    ]


def test_images_and_pdf_pages_become_one_pdf_in_order() -> None:
    session = _session()
    document = {d.id: d for d in session.procedure.documents}["id_card"]
    pdf = assemble(_pages(session), document)
    # 827×1169 px at 100 dpi is 595×842 pt (A4), as are the PDF's pages.
    assert _sizes(pdf) == [(595, 842)] * 4


def test_reorder_delete_and_rescan_change_the_assembled_order() -> None:
    session = _session()
    document = {d.id: d for d in session.procedure.documents}["id_card"]
    pages = _pages(session)
    pages.move(3, 0)  # the JPEG first
    assert [p.media_type for p in pages] == [
        "image/jpeg",
        "image/png",
        "application/pdf",
        "application/pdf",
    ]
    pages.delete(2)
    wide = pages_from_bytes(samples.png(1169, 827), "scan", document, LIMITS)[0]
    pages.replace(1, wide)  # rescanned in landscape
    assert _sizes(assemble(pages, document)) == [(595, 842), (842, 595), (595, 842)]
    with pytest.raises(IndexError):
        pages.move(0, 9)


def test_attaching_seals_the_pdf_and_the_checklist_row_becomes_attached(store: Store) -> None:
    session = _session()
    ref = attach_pages(session, "id_card", _pages(session), store.attachments, LIMITS)
    assert ref.media_type == "application/pdf" and ref.file_name == "id_card.pdf"
    assert len(PdfReader(io.BytesIO(store.attachments.read(ref.sha256))).pages) == 4
    row = next(i for i in session.checklist() if i.document_id == "id_card")
    assert row.status == "attached"


def test_an_assembled_document_over_its_limit_is_refused_and_nothing_changes(
    store: Store,
) -> None:
    session = _session()
    document = {d.id: d for d in session.procedure.documents}["id_card"]
    noisy = Page("image", samples.noise_png(), "image/png", "scan")
    pages = DocumentPages([noisy, noisy])
    tight = DocumentLimits(max_mb=1)
    with pytest.raises(DocumentRefusedError) as refused:
        attach_pages(session, "id_card", pages, store.attachments, tight)
    assert refused.value.code == "documents.too_large"
    assert "Αστυνομική ταυτότητα" in refused.value.message("el")
    assert len(pages) == 2 and "id_card" not in session.documents
    assert document.max_size_mb is None


def test_no_pages_is_refused() -> None:
    session = _session()
    document = {d.id: d for d in session.procedure.documents}["id_card"]
    with pytest.raises(DocumentRefusedError, match="no_pages"):
        assemble(DocumentPages(), document)


def test_the_documents_own_limit_wins_over_the_offices(store: Store) -> None:
    session = _session()
    document = {d.id: d for d in session.procedure.documents}["id_card"]
    ref = attach_pages(session, "id_card", _pages(session), store.attachments, LIMITS)
    small = replace(document, max_size_mb=1)
    big = replace(ref, size=3 * 1024 * 1024)
    [refusal] = refusals_before_finalising([(small, big)], DocumentLimits(max_mb=50))
    assert "limit of 1 MB" in refusal.message("en")
    assert "Αστυνομική ταυτότητα" in refusal.message("en")  # no English title: the Greek
    assert refusals_before_finalising([(document, big)], DocumentLimits(max_mb=50)) == []
    image = replace(ref, media_type="image/png")
    [wrong] = refusals_before_finalising([(document, image)], LIMITS)
    assert wrong.code == "documents.wrong_type"


def test_import_and_assembly_leave_no_clear_copy_in_the_temp_or_data_folder(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setattr(tempfile, "tempdir", None)
    session = _session()
    document = {d.id: d for d in session.procedure.documents}["id_card"]
    photo = samples.noise_png(600)
    source = tmp_path / "usb" / "ΠΑΠΑΔΟΠΟΥΛΟΣ_ταυτότητα.png"
    source.parent.mkdir()
    source.write_bytes(photo)
    pages = DocumentPages(import_file(source, document, LIMITS))
    pages.add(pages_from_bytes(samples.pdf(1), "b.pdf", document, LIMITS))
    attach_pages(session, "id_card", pages, store.attachments, LIMITS)
    assert list(temp.iterdir()) == []
    runs = [photo[at : at + 4096] for at in range(100, len(photo) - 4096, 100_000)]
    for path in tmp_path.rglob("*"):
        if path.is_file() and path != source:
            content = path.read_bytes()
            assert not any(run in content for run in runs), path
            assert "ΠΑΠΑΔΟΠΟΥΛΟΣ".encode() not in content, path


def test_each_kind_of_page_has_a_small_thumbnail() -> None:
    session = _session()
    for page in _pages(session):
        with Image.open(io.BytesIO(thumbnail(page))) as image:
            assert image.width == 120 and 150 < image.height < 180  # A4's proportions
