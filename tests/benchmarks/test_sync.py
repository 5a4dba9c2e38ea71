from __future__ import annotations

from benchmarks.sync import measure


def test_sync_benchmark_smoke_reports_its_figures_and_anchors() -> None:
    figures = measure(smoke=True)
    assert set(figures) == {
        "drain_submissions",
        "drain_ms",
        "raw_put_loop_ms",
        "drain_vs_raw_ratio",
        "upload_mb",
        "upload_ms",
        "raw_upload_ms",
        "upload_vs_raw_ratio",
        "raw_upload_bytes_body_ms",
        "server_peak_growth_single_patch_mib",
        "server_peak_growth_bytes_body_mib",
        "server_peak_growth_chunked_mib",
        "sealed_upload_ms",
        "sealed_vs_plain_upload_ratio",
    }
    assert figures["drain_submissions"] == 50
    assert all(value > 0 for value in figures.values())
