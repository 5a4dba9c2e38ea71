from __future__ import annotations

import pytest

from kiosk.catalog.greek_text import fold, from_greeklish, search_terms
from kiosk.catalog.loader import load_catalog, sample_catalog_dir
from kiosk.catalog.search import SearchIndex


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    built = SearchIndex()
    built.rebuild(load_catalog(sample_catalog_dir()).procedures.values())
    return built


@pytest.mark.parametrize("query", ["αδεια ταξι", "ΑΔΕΙΑ ΤΑΞΙ", "άδεια ταξί", "adeia taxi", "ταξ"])
def test_taxi_licence_comes_first_whatever_the_accents_case_or_script(
    index: SearchIndex, query: str
) -> None:
    assert index.search(query)[0].procedure_id == "taxi-driver-licence"


def test_inflected_forms_meet_through_the_stemmer(index: SearchIndex) -> None:
    assert search_terms("ΑΔΕΙΑ")[0] == search_terms("άδειες")[0] == search_terms("αδειών")[0]
    assert index.search("μεταφορές ζώων")[0].procedure_id == "animal-transporter-licence-type2"


def test_synonyms_in_alternative_titles_count(index: SearchIndex) -> None:
    assert [h.procedure_id for h in index.search("ΕΔΧ")] == ["taxi-driver-licence"]


@pytest.mark.parametrize("query", ["", "   ", '"(*)', "NEAR(", "δεν υπάρχει τέτοιο"])
def test_odd_queries_return_nothing_rather_than_an_error(index: SearchIndex, query: str) -> None:
    assert index.search(query) == []


def test_folding_drops_tonos_diaeresis_and_final_sigma() -> None:
    assert fold("Ταξίδι ΠΡΩΤΕΎΟΥΣΑΣ ϊΐ") == "ταξιδι πρωτευουσασ ιι"
    assert from_greeklish("thessaloniki") == "θεσσαλονικι"
