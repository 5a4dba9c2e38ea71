from __future__ import annotations

from benchmarks.documents import measure


def test_scan_to_attached_is_reported_beside_scanimage_alone() -> None:
    figures = measure(smoke=True)
    assert set(figures) == {
        "scanimage_5_pages_ms",
        "scan_to_attached_5_pages_ms",
        "attached_vs_scanimage_ratio",
        "attached_pdf_mb",
    }
    assert all(value > 0 for value in figures.values())
