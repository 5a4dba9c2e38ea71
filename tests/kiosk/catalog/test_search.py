from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from kiosk.catalog.greek_text import (
    fold,
    from_greeklish,
    query_terms,
    search_terms,
    sound_key,
)
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
    hits = [h.procedure_id for h in index.search("ΕΔΧ")]
    assert hits[0] == "taxi-driver-licence"
    assert all(hit.startswith("taxi-driver-licence") for hit in hits)


# Procedures authored from the registry through the spreadsheet path, found by the words a
# citizen types at a kiosk: no accents, everyday names.
UNACCENTED = [
    ("σκυλος εξωτερικο", "pet-travel-health-certificate"),
    ("σκουλαρικια προβατα", "sheep-goat-ear-tags-approval"),
    ("μετακινηση γουρουνια", "pig-movement-certificate"),
    ("απογραφη χοιρων", "pig-census-declaration"),
    ("εξαγωγη ζωοτροφης", "feed-free-sale-certificate"),
    ("μαρμελαδα", "home-processing-register"),
    ("μελισσια", "beekeeper-hive-declaration"),
    ("τρυγος", "grape-harvest-declaration"),
    ("αναφυτευση αμπελιου", "vineyard-replanting-authorisation"),
    ("φρουτα λαχανικα εμπορος", "fresh-produce-traders-register"),
    ("συνεταιρισμος", "agricultural-cooperatives-register"),
    ("επιδομα ορεινων", "mountain-areas-family-income-support"),
    ("διπλωμα σκαφους", "speedboat-operator-licence"),
    ("κλειδαρας", "locksmith-notification"),
    ("αγορα χρυσου", "pawnbroker-dealer-notification"),
    ("σεκιουριτι", "security-staff-work-licence"),
    ("βεβαιωση κατοικιας", "permanent-residence-certificate"),
    ("λευκο ποινικο", "criminal-record-extract"),
    ("αναβολη στρατου", "military-deferment-students"),
    ("ευρωπαικη καρτα υγειας", "european-health-insurance-card"),
    ("προσωπικος γιατρος", "personal-doctor-registration"),
    ("γνησιο υπογραφης", "authorisation-signature-certification"),
]


@pytest.mark.parametrize(("query", "expected"), UNACCENTED, ids=[q for q, _ in UNACCENTED])
def test_an_authored_procedure_is_found_first_by_a_plain_word_without_accents(
    index: SearchIndex, query: str, expected: str
) -> None:
    assert not set(query) & set("άέήίόύώϊϋΐΰ"), "the query is typed without accents"
    assert index.search(query)[0].procedure_id == expected


# A citizen's plain words, and the procedure they should find first.
PLAIN_WORDS = [
    ("ελαιόλαδο", "olive-grove-gis-register"),
    ("ελαιοκομικό μητρώο", "olive-grove-gis-register"),
    ("κτηνιατρικά φάρμακα", "vet-medicines-retail-licence"),
    ("χονδρική κτηνιατρικών φαρμάκων", "vet-medicines-wholesale-licence"),
    ("ψυγείο για κρέατα", "animal-products-vehicle-fitness"),
    ("ζωικά υποπροϊόντα όχημα", "animal-by-products-vehicle-registration"),
    ("μεταφορά ζώων 8 ώρες", "animal-transporter-licence-type1"),
    ("ανανέωση άδειας ταξί", "taxi-driver-licence-renewal"),
    ("έχασα την άδεια ταξί", "taxi-driver-licence-replacement"),
    ("κατάσχεση τροφίμων", "seized-food-second-examination"),
    ("αγελάδες", "cattle-holding-start"),
    ("φύτευση αμπελιού", "vine-planting-authorisation"),
    ("αμπελουργικό μητρώο", "vineyard-register"),
]


@pytest.mark.parametrize(("query", "expected"), PLAIN_WORDS)
def test_a_citizens_plain_words_find_the_procedure_first(
    index: SearchIndex, query: str, expected: str
) -> None:
    assert index.search(query)[0].procedure_id == expected


def test_every_sample_is_found_first_by_its_own_title(index: SearchIndex) -> None:
    for procedure in load_catalog(sample_catalog_dir()).procedures.values():
        assert index.search(procedure.title.el)[0].procedure_id == procedure.id, procedure.id


def test_a_title_match_ranks_above_a_match_in_a_description(index: SearchIndex) -> None:
    # «ταξίδια» is in a transporter licence's title, «ταξί» only in the taxi titles; the
    # English summary of 186970 speaks of «food», not its title: titles come first.
    ids = [h.procedure_id for h in index.search("τροφίμων")]
    assert ids[0] == "seized-food-second-examination"


def test_results_are_shown_in_the_chosen_language(index: SearchIndex) -> None:
    hit = index.search("ελαιόλαδο", locale="en")[0]
    assert hit.title == "Olive-growing GIS register: registration or update"


def test_every_procedure_is_listed_once_when_nothing_is_typed(index: SearchIndex) -> None:
    titles = index.all_titles()
    assert len(titles) == len(load_catalog(sample_catalog_dir()).procedures)
    assert [t.title for t in titles] == sorted(t.title for t in titles)


def test_an_index_file_from_an_older_version_is_rebuilt_not_misread(tmp_path: Path) -> None:
    path = tmp_path / "search.sqlite"
    old = sqlite3.connect(path)
    old.execute(
        "CREATE VIRTUAL TABLE procedure_search USING fts5(procedure_id UNINDEXED, "
        "locale UNINDEXED, display_title UNINDEXED, title, alt_titles, keywords, summary)"
    )
    old.commit()
    old.close()
    index = SearchIndex(path)
    index.rebuild(load_catalog(sample_catalog_dir()).procedures.values())
    assert index.search("ταξι")[0].procedure_id == "taxi-driver-licence"


@pytest.mark.parametrize("query", ["", "   ", '"(*)', "NEAR(", "δεν υπάρχει τέτοιο"])
def test_odd_queries_return_nothing_rather_than_an_error(index: SearchIndex, query: str) -> None:
    assert index.search(query) == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("ktiniatrika farmaka", "vet-medicines-retail-licence"),  # η written as i
        ("elaiolado", "olive-grove-gis-register"),
        ("aggelades", "cattle-holding-start"),
        ("ananeosi adeias taxi", "taxi-driver-licence-renewal"),  # ω written as o
    ],
)
def test_greeklish_spelled_loosely_still_finds_the_procedure(
    index: SearchIndex, query: str, expected: str
) -> None:
    assert index.search(query)[0].procedure_id == expected


def test_greeklish_letters_that_sound_alike_share_one_key() -> None:
    assert sound_key("κτηνιατρικ") == sound_key(from_greeklish("ktiniatrik")) == "ktiniatrik"
    assert sound_key("ελαιολαδ") == sound_key("ελεολαδ")
    assert sound_key("taxi") == ""  # Latin words are matched as they are


def test_function_words_of_a_sentence_are_not_searched_for() -> None:
    assert query_terms("έχασα την άδεια ταξί") == search_terms("έχασα άδεια ταξί")
    assert query_terms("και") == search_terms("και")  # nothing else typed: kept


def test_folding_drops_tonos_diaeresis_and_final_sigma() -> None:
    assert fold("Ταξίδι ΠΡΩΤΕΎΟΥΣΑΣ ϊΐ") == "ταξιδι πρωτευουσασ ιι"
    assert from_greeklish("thessaloniki") == "θεσσαλονικι"
