from benchmarks.definitions import catalog_figures


def test_the_format_figures_cover_the_whole_sample_catalog() -> None:
    figures = catalog_figures(repeat=1)

    assert figures["sample_procedures"] >= 44
    assert figures["catalog_model_import_ms"] > 0
    assert figures["sample_catalog_load_ms"] > figures["sample_catalog_validate_ms"] > 0
