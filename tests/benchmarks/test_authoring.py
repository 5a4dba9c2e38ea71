from benchmarks.authoring import measure


def test_the_authoring_benchmark_converts_and_checks_every_procedure_it_made() -> None:
    figures = measure(smoke=True)

    assert figures["procedures"] == 20
    assert figures["from_sheet_per_procedure_ms"] > 0
    assert figures["catalog_check_per_procedure_ms"] > 0
