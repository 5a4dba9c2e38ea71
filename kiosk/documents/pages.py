"""The pages of one supporting document as the clerk gathers them: scans, imported
images and the pages of imported PDFs, in the order they will be assembled.

Pages live in memory only, never in a clear file: a page becomes a file on this
device when the document is assembled and sealed in the attachment store. A refused
import or a failed scan leaves the pages already gathered as they were."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Literal

import msgspec

PageKind = Literal["image", "pdf"]


class Page(msgspec.Struct, frozen=True):
    """One page: an image (PNG or JPEG bytes, as scanned or imported, kept lossless)
    or one page of an imported PDF (a one-page PDF)."""

    kind: PageKind
    data: bytes
    media_type: str  # image/png, image/jpeg or application/pdf
    source: str  # "scan", or the imported file's name (shown to the clerk only)

    @property
    def size(self) -> int:
        return len(self.data)


class DocumentPages:
    """An ordered list of pages with the clerk's operations: add, reorder, delete, and
    rescan (a new scan in place of a page)."""

    def __init__(self, pages: Iterable[Page] = ()) -> None:
        self._pages = list(pages)

    def __len__(self) -> int:
        return len(self._pages)

    def __iter__(self) -> Iterator[Page]:
        return iter(self._pages)

    def __getitem__(self, index: int) -> Page:
        return self._pages[index]

    @property
    def size(self) -> int:
        return sum(page.size for page in self._pages)

    def add(self, pages: Iterable[Page]) -> None:
        self._pages.extend(pages)

    def move(self, index: int, to: int) -> None:
        """Page `index` to position `to` (both 0-based, within the list)."""
        self._check(index)
        self._check(to)
        self._pages.insert(to, self._pages.pop(index))

    def delete(self, index: int) -> Page:
        self._check(index)
        return self._pages.pop(index)

    def replace(self, index: int, page: Page) -> None:
        """A rescan: the new page takes the old one's place."""
        self._check(index)
        self._pages[index] = page

    def clear(self) -> None:
        self._pages.clear()

    def _check(self, index: int) -> None:
        if not 0 <= index < len(self._pages):
            raise IndexError(f"there is no page {index + 1} of {len(self._pages)}")
