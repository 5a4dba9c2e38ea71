from __future__ import annotations

from benchmarks.receipts import measure


def test_receipt_benchmark_reports_both_layouts_against_a_bare_page() -> None:
    figures = measure(smoke=True)
    assert set(figures) == {
        "receipt_a4_ms",
        "receipt_thermal80_ms",
        "bare_page_ms",
        "receipt_vs_bare_ratio",
    }
    assert all(value > 0 for value in figures.values())
