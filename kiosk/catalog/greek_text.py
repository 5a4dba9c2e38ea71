"""Greek text for search: fold accents and case, stem, and read Greeklish.

SQLite's FTS5 folds neither tonos nor diaeresis (STACK-NOTES), so the index and the
query both go through `search_terms`: NFD, drop combining marks, casefold (which also
turns final sigma into σ), then snowballstemmer's Greek stemmer per word."""

from __future__ import annotations

import re
import unicodedata
from functools import cache

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
    return snowballstemmer.stemmer("greek")


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def stem(word: str) -> str:
    if _LATIN.search(word):
        return word
    # The Greek stemmer expects upper case and answers in it.
    return str(_stemmer().stemWord(word.upper())).lower()


def search_terms(text: str) -> list[str]:
    return [stem(word) for word in words(text)]


def from_greeklish(word: str) -> str:
    out, index = "", 0
    while index < len(word):
        for latin, greek in _GREEKLISH:
            if word.startswith(latin, index):
                out += greek
                index += len(latin)
                break
        else:
            out += word[index]
            index += 1
    return out


def is_latin(word: str) -> bool:
    return bool(_LATIN.search(word))
