"""The search benchmark measures what it says: its variants are the samples (and the
registry's other procedures) once per Region, and its figures come with a correctness
check that the taxi licence is still found first."""

from __future__ import annotations

from collections import Counter

from benchmarks.search import QUERIES, REGIONS, _raw_expression, measure, variants
from kiosk.catalog.loader import load_catalog, sample_catalog_dir
from kiosk.catalog.search import SearchIndex


def test_variants_repeat_each_procedure_once_per_region_with_the_samples_first() -> None:
    per_region = 60  # more than the samples, so that every sample is among the variants
    made = variants(13 * per_region)
    assert len(made) == 13 * per_region and len({p.id for p in made}) == 13 * per_region
    per_variant = Counter(p.id.rsplit("~", 1)[0] for p in made)  # id~n~region
    assert set(per_variant.values()) == {len(REGIONS)}
    samples = load_catalog(sample_catalog_dir()).procedures
    assert set(samples) <= {p.id.split("~")[0] for p in made}
    for region in REGIONS:
        assert sum(region in p.keywords for p in made) == per_region


def test_the_raw_comparison_sends_the_same_stems_with_the_last_as_a_prefix() -> None:
    assert _raw_expression("ΑΔΕΙΑ ΤΑΞΙ") == '"αδει" AND "ταξ"*'
    assert _raw_expression("adeia taxi") == '"αδει" AND "ταξ"*'


def test_every_benchmark_query_finds_something_among_the_variants() -> None:
    index = SearchIndex()
    index.rebuild(variants(13 * 30))
    for query in QUERIES:
        assert index.search(query), query


def test_search_benchmark_reports_its_figures_and_that_the_taxi_licence_comes_first() -> None:
    figures = measure(smoke=True)
    assert figures["variants"] == 13 * 60
    assert figures["taxi_licence_first"] == 1.0
    assert all(value > 0 for value in figures.values())
    assert figures["search_vs_raw_p50_ratio"] == (
        figures["search_p50_ms"] / figures["raw_fts5_p50_ms"]
    )
