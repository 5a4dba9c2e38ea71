"""Greek text for search: fold accents and case, stem, and read Greeklish.

SQLite's FTS5 folds neither tonos nor diaeresis (STACK-NOTES), so the index and the
query both go through `search_terms`: NFD, drop combining marks, casefold (which also
turns final sigma into σ), then snowballstemmer's Greek stemmer per word. Stems are
cached: a catalog repeats a small vocabulary, and the pure-Python stemmer costs tens of
microseconds a word, which made a rebuild of thousands of procedures take minutes.

`query_terms` also drops the function words a citizen types in a sentence ("έχασα την
άδεια ταξί") so that they do not have to appear in a procedure's text."""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import snowballstemmer

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_LATIN = re.compile(r"[a-z]")

# Greeklish -> Greek, longest first (digraphs before letters).
_GREEKLISH = [
    ("th", "θ"), ("ch", "χ"), ("ps", "ψ"), ("ks", "ξ"), ("ou", "ου"), ("mp", "μπ"), ("nt", "ντ"),
    ("a", "α"), ("b", "β"), ("v", "β"), ("g", "γ"), ("d", "δ"), ("e", "ε"), ("z", "ζ"), ("h", "η"),
    ("i", "ι"), ("k", "κ"), ("l", "λ"), ("m", "μ"), ("n", "ν"), ("x", "ξ"), ("o", "ο"), ("p", "π"),
    ("r", "ρ"), ("s", "σ"), ("t", "τ"), ("y", "υ"), ("u", "υ"), ("f", "φ"), ("w", "ω"), ("c", "κ"),
    ("q", "κ"), ("j", "τζ"),
]  # fmt: skip


@cache
def _stemmer() -> snowballstemmer.stemmer:
    # Imported at the first word stemmed, not at start: the package imports the stemmers
    # of all its 30 languages (~12 ms), and a start that finds its search index in the
    # data folder (kiosk.catalog.search) stems nothing until a citizen types.
    import snowballstemmer

    return snowballstemmer.stemmer("greek")


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


# Greek function words, folded. Searched for, they would only narrow an AND query to
# the procedures that happen to contain them.
STOPWORDS = frozenset(
    {
        "ο", "η", "το", "οι", "τα", "του", "τησ", "των", "τον", "την", "τουσ", "τισ", "ενα",
        "ενασ", "μια", "μιασ", "και", "κι", "να", "θα", "με", "σε", "στο", "στη", "στην",
        "στον", "στα", "στουσ", "στισ", "στησ", "για", "απο", "προσ", "κατα", "μετα", "χωρισ",
        "που", "πωσ", "οτι", "αν", "δεν", "μη", "μην", "εγω", "εμεισ", "μου", "μασ", "σου",
        "σασ", "θελω", "ειναι", "εχω",
    }
)  # fmt: skip


@lru_cache(maxsize=65_536)
def stem(word: str) -> str:
    if _LATIN.search(word):
        return word
    # The Greek stemmer expects upper case and answers in it. It reduces a few short
    # words to nothing ("έως"): those stay as they are, an empty term would match nothing.
    return str(_stemmer().stemWord(word.upper())).lower() or word


def search_terms(text: str) -> list[str]:
    return [stem(word) for word in words(text)]


def index_terms(text: str) -> list[str]:
    """What the index holds for a text: each word's stem, and the folded word itself when
    it differs, so that an exact word form can rank above a mere shared stem («ταξί»
    and «ταξίδια» share the stem ταξ)."""
    terms: list[str] = []
    for word in words(text):
        stemmed = stem(word)
        terms.extend((stemmed, word) if stemmed != word else (stemmed,))
    return terms


def query_words(text: str) -> list[str]:
    """A query's folded words, function words left out (unless that leaves none)."""
    folded = words(text)
    return [word for word in folded if word not in STOPWORDS] or folded


def query_terms(text: str) -> list[str]:
    """The stems of a query's words, function words left out (unless that leaves none)."""
    return [stem(word) for word in query_words(text)]


def _transliterate(text: str, table: list[tuple[str, str]]) -> str:
    """Replace, left to right, the first entry of `table` (longest first) that matches."""
    out, index = "", 0
    while index < len(text):
        for source, target in table:
            if text.startswith(source, index):
                out += target
                index += len(source)
                break
        else:
            out += text[index]
            index += 1
    return out


def from_greeklish(word: str) -> str:
    return _transliterate(word, _GREEKLISH)


def is_latin(word: str) -> bool:
    return bool(_LATIN.search(word))


# Greek -> a reduced Latin "sound", digraphs first. Letters Greeklish writes in several
# ways meet in one: η ι υ ει οι → i, ο ω → o, ε αι → e, ξ χ → x (Greeklish "x" is either).
_SOUNDS = [
    ("ει", "i"), ("οι", "i"), ("υι", "i"), ("αι", "e"), ("ου", "u"), ("αυ", "av"), ("ευ", "ev"),
    ("γγ", "g"), ("γκ", "g"), ("α", "a"), ("β", "v"), ("γ", "g"), ("δ", "d"), ("ε", "e"),
    ("ζ", "z"), ("η", "i"), ("θ", "th"), ("ι", "i"), ("κ", "k"), ("λ", "l"), ("μ", "m"),
    ("ν", "n"), ("ξ", "x"), ("ο", "o"), ("π", "p"), ("ρ", "r"), ("σ", "s"), ("τ", "t"),
    ("υ", "i"), ("φ", "f"), ("χ", "x"), ("ψ", "ps"), ("ω", "o"),
]  # fmt: skip
_DOUBLED = re.compile(r"(.)\1+")


@lru_cache(maxsize=65_536)
def sound_key(term: str) -> str:
    """How a folded Greek term sounds, spelling aside: «κτηνιατρικ» and the Greeklish
    «ktiniatrik» read back as «κτινιατρικ» both give "ktiniatrik". Empty for Latin."""
    if is_latin(term):
        return ""
    return _DOUBLED.sub(r"\1", _transliterate(term, _SOUNDS))


def sound_terms(text: str) -> list[str]:
    """The sound keys of a text's stems (for the index)."""
    return [key for key in (sound_key(stem(word)) for word in words(text)) if key]
