"""Scan to attached: five pages through SANE's test backend at 200 dpi, each scanned,
then assembled into one PDF (img2pdf, pypdf) and sealed in the attachment store,
beside `scanimage` alone making the same five pages, in the same run. The test
backend's largest page is 200×200 mm (A4 is 210×297), so the pages are ~64% of A4's
area; the ratio is what to compare across machines. The upload of the PDF is the sync
area's (sealed, resumable upload against one raw PATCH of the same size)."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

import keyring

from benchmarks.timing import median_ms
from kiosk.catalog.model import SupportingDocument, Text
from kiosk.documents import DocumentPages, assemble
from kiosk.documents.assembly import file_name_for
from kiosk.scanning import SaneCommand, ScanSettings
from kiosk.store import open_store
from ui.demo_keyring import MemoryKeyring

DOCUMENT = SupportingDocument(id="identity_card", title=Text(el="Ταυτότητα"))
PAGE = ("--test-picture", "Color pattern", "-x", "200", "-y", "200")


def measure(smoke: bool) -> dict[str, float]:
    pages, resolution, repeat = (1, 50, 1) if smoke else (5, 200, 5)
    settings = ScanSettings(resolution=resolution, options=PAGE)
    keyring.set_keyring(MemoryKeyring())
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        (folder / "sane.d").mkdir()
        (folder / "sane.d" / "dll.conf").write_text("test\n")
        scanner = SaneCommand(config_dir=folder / "sane.d")
        store = open_store(folder / "device" / "device.sqlite3")
        arguments = ["scanimage", "-d", "test:0", "--format=png", "--mode", "Color"]
        arguments += ["--resolution", str(resolution), *PAGE]

        def scanimage_alone() -> None:
            for _ in range(pages):
                subprocess.run(arguments, check=True, capture_output=True)

        sizes: list[int] = []

        def scan_to_attached() -> None:
            gathered = DocumentPages(scanner.scan("test:0", settings) for _ in range(pages))
            pdf = assemble(gathered, DOCUMENT)
            store.attachments.put(pdf, file_name_for(DOCUMENT), "application/pdf")
            sizes.append(len(pdf))

        try:
            alone = median_ms(scanimage_alone, repeat)
            attached = median_ms(scan_to_attached, repeat)
        finally:
            store.close()
    return {
        "scanimage_5_pages_ms": alone,
        "scan_to_attached_5_pages_ms": attached,
        "attached_vs_scanimage_ratio": attached / alone,
        # Its upload: the sync area's sealed upload against a raw PATCH, per MB.
        "attached_pdf_mb": sizes[-1] / 1024 / 1024,
    }
