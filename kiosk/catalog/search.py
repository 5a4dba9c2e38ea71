"""The citizen's procedure finder: SQLite FTS5 over folded, stemmed Greek.

One row per procedure; its Greek and English texts are indexed together (folded and
stemmed by greek_text, since FTS5 folds no Greek accents) and the titles to show live in
a plain side table. Columns are weighted with bm25 so that titles rank above alternative
titles and keywords, and those above the summary.

A query is tried as a ladder of FTS5 expressions, best first: every word as typed;
every word's stem; the last stem as a prefix (search as you type: "ταξι" finds the taxi licence before
"ταξίδια"); then, if the page is still not full, every word but one (a citizen's
sentence may hold a word no procedure uses). A Latin-script query is also read as
Greeklish, and matched by sound against the titles (greek_text.sound_key), since
Greeklish spells η, ι, υ, ει and οι all as "i". Each rung asks the title-like columns (title, alternative titles, keywords)
first, then all columns: a match in a title always ranks above one in a description.
The first rung asks for the words exactly as typed (folded, not stemmed): the index
holds both, so «άδεια ταξί» ranks the taxi licence above «ταξίδια», which shares its
stem.

Speed: bm25 costs a few microseconds per matching row, and a bare prefix ("κτηνιατρ",
"α") can match most of a large catalog. Each rung therefore ranks at most
CANDIDATE_CAP rows: a cheap unranked probe finds the rowid of the CAP-th match and the
ranked query is bounded by it. Prefix indexes (1 to 4 characters) make the short
prefixes typed first cheap to expand.

Start-up: stemming a catalog costs far more than reading an index back. An index given a
`cache_dir` (`kiosk run` gives the device's data folder) keeps a copy of what it built there, named by a fingerprint of the
procedures and of the indexing code, and the next start with the same catalog copies it
back (SQLite's backup API) instead of rebuilding. A changed catalog or indexer misses
the cache and is rebuilt; an unreadable cache file is ignored and replaced."""

from __future__ import annotations

import hashlib
import logging
import os
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import suppress
from itertools import combinations
from pathlib import Path

import msgspec

from kiosk.catalog.model import Procedure

# kiosk.catalog.greek_text (and its stemmer) is imported where words are stemmed: an
# index restored from the cache needs it only once somebody searches.

log = logging.getLogger(__name__)

MAX_QUERY_WORDS = 12
MAX_WORDS_TO_DROP_ONE = 5  # beyond it, dropping one word at a time costs too many queries
# bm25 weights, in column order: title, alt_titles, keywords, summary, sounds
WEIGHTS = (10.0, 6.0, 3.0, 1.0, 4.0)
# Tiers, best first: the title-like columns, then all columns.
TIERS = ("{title alt_titles keywords sounds}", None)
CANDIDATE_CAP = 300
SCHEMA_VERSION = 3  # bumped when the tables change: an older index file is rebuilt


class SearchHit(msgspec.Struct, frozen=True):
    procedure_id: str
    title: str
    score: float


def _indexed(*texts: str) -> str:
    from kiosk.catalog.greek_text import index_terms

    return " ".join(term for text in texts for term in index_terms(text))


def _quoted(term: str, prefix: bool) -> str:
    # Quoted terms can never be read as FTS5 syntax.
    return f'"{term}"' + ("*" if prefix else "")


def procedures_digest(procedures: Iterable[Procedure]) -> bytes:
    """The procedures' content, in order: what an index is built from."""
    digest = hashlib.sha256()
    for procedure in procedures:
        digest.update(msgspec.json.encode(procedure))
    return digest.digest()


def fingerprint(procedures: list[Procedure], content: bytes | None = None) -> str:
    """What an index is built from: the procedures in order, the schema and the code that
    folds and stems their words (a changed stemmer must not reuse old terms). `content`
    is the procedures' `procedures_digest` when the caller has it already (a catalog read
    back from its kept copy, kiosk.catalog.kept): not encoding them again saves ~2 ms."""
    digest = hashlib.sha256(f"schema {SCHEMA_VERSION}\n".encode())
    for source in (Path(__file__), Path(__file__).with_name("greek_text.py")):
        try:
            digest.update(source.read_bytes())
        except OSError:  # a frozen bundle without sources: its version stands for them
            from kiosk import __version__

            digest.update(__version__.encode())
    digest.update(procedures_digest(procedures) if content is None else content)
    return digest.hexdigest()[:32]


class SearchIndex:
    def __init__(self, path: Path | str = ":memory:", *, cache_dir: Path | None = None) -> None:
        self._cache_dir = cache_dir
        self.restored_from_cache = False  # the last rebuild copied a kept index back
        self._db = sqlite3.connect(str(path), check_same_thread=False)
        if self._db.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
            with self._db:
                self._db.execute("DROP TABLE IF EXISTS procedure_search")
                self._db.execute("DROP TABLE IF EXISTS procedure_titles")
                self._db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        self._db.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS procedure_search USING fts5("
            "title, alt_titles, keywords, summary, sounds, "
            "tokenize='unicode61', prefix='1 2 3 4')"
        )
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS procedure_titles ("
            "rowid INTEGER PRIMARY KEY, procedure_id TEXT NOT NULL, "
            "title_el TEXT NOT NULL, title_en TEXT)"
        )
        weights = ", ".join(str(w) for w in WEIGHTS)
        self._ranked_sql = (
            f"SELECT rowid, bm25(procedure_search, {weights}) AS rank FROM procedure_search "
            "WHERE procedure_search MATCH ? AND rowid <= ? ORDER BY rank LIMIT ?"
        )

    def rebuild(self, procedures: Iterable[Procedure], *, content: bytes | None = None) -> int:
        """Index these procedures (replacing what was indexed); returns how many.
        `content`: their `procedures_digest`, if known (see `fingerprint`)."""
        listed = list(procedures)
        self.restored_from_cache = False
        if self._cache_dir is None:
            return self._build(listed)
        kept = self._cache_dir / f"index-{fingerprint(listed, content)}.sqlite3"
        if self._restore(kept):
            self.restored_from_cache = True
            count: int = self._db.execute("SELECT count(*) FROM procedure_titles").fetchone()[0]
            return count
        built = self._build(listed)
        self._keep(kept)
        return built

    def _restore(self, kept: Path) -> bool:
        if not kept.is_file():
            return False
        try:
            source = sqlite3.connect(f"{kept.resolve().as_uri()}?mode=ro", uri=True)
            try:
                if source.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
                    return False
                source.backup(self._db)
            finally:
                source.close()
        except sqlite3.Error as error:
            log.warning("search index cache %s unreadable (%s): rebuilding", kept.name, error)
            return False
        return True

    def _keep(self, kept: Path) -> None:
        """Write the index just built to the cache, then drop the stale ones there. Only a
        speed-up: a failure is logged and the app goes on."""
        partial = kept.with_name(f".{kept.name}.{os.getpid()}.partial")
        try:
            kept.parent.mkdir(parents=True, exist_ok=True)
            target = sqlite3.connect(partial)
            try:
                self._db.backup(target)
            finally:
                target.close()
            os.replace(partial, kept)  # whole or absent: a reader never sees half a file
            for stale in kept.parent.glob("index-*.sqlite3"):
                if stale != kept:
                    stale.unlink(missing_ok=True)
        except (OSError, sqlite3.Error) as error:
            log.warning("search index not kept for the next start: %s", error)
            with suppress(OSError):
                partial.unlink(missing_ok=True)

    def _build(self, procedures: list[Procedure]) -> int:
        from kiosk.catalog.greek_text import sound_terms

        texts, titles = [], []
        for rowid, p in enumerate(procedures, start=1):
            texts.append(
                (
                    rowid,
                    _indexed(p.title.el, p.title.en or ""),
                    _indexed(*p.alt_titles),
                    _indexed(*p.keywords, *p.life_events, p.category.el if p.category else ""),
                    _indexed(p.summary.el, p.summary.en or ""),
                    " ".join(sound_terms(" ".join([p.title.el, *p.alt_titles, *p.keywords]))),
                )
            )
            titles.append((rowid, p.id, p.title.el, p.title.en))
        with self._db:
            self._db.execute("DELETE FROM procedure_search")
            self._db.execute("DELETE FROM procedure_titles")
            self._db.executemany(
                "INSERT INTO procedure_search"
                "(rowid, title, alt_titles, keywords, summary, sounds) VALUES (?,?,?,?,?,?)",
                texts,
            )
            self._db.executemany("INSERT INTO procedure_titles VALUES (?,?,?,?)", titles)
            # One b-tree instead of the segments the inserts left: fewer pages per query.
            self._db.execute("INSERT INTO procedure_search(procedure_search) VALUES ('optimize')")
        return len(titles)

    def search(self, query: str, limit: int = 20, locale: str = "el") -> list[SearchHit]:
        found: dict[int, float] = {}
        for match in self._ladder(query):
            for columns in TIERS:
                if len(found) >= limit:
                    break
                expression = f"{columns} : ({match})" if columns else match
                # Rows already found may come back: ask for enough to still fill the page.
                for rowid, score in self._ranked(expression, limit + len(found)):
                    found.setdefault(rowid, score)
        return self._hits(list(found.items())[:limit], locale)

    def all_titles(self, locale: str = "el") -> list[SearchHit]:
        rows = self._db.execute(
            "SELECT procedure_id, title_el, title_en FROM procedure_titles"
        ).fetchall()
        hits = [SearchHit(pid, en if locale == "en" and en else el, 0.0) for pid, el, en in rows]
        return sorted(hits, key=lambda hit: hit.title)

    def _ranked(self, expression: str, limit: int) -> list[tuple[int, float]]:
        """bm25's best `limit` rows among at most CANDIDATE_CAP matches."""
        bound = self._db.execute(
            "SELECT rowid FROM procedure_search WHERE procedure_search MATCH ? LIMIT 1 OFFSET ?",
            (expression, CANDIDATE_CAP - 1),
        ).fetchone()
        rows = self._db.execute(
            self._ranked_sql, (expression, bound[0] if bound else 2**62, limit)
        ).fetchall()
        return [(rowid, -rank) for rowid, rank in rows]

    def _hits(self, found: list[tuple[int, float]], locale: str) -> list[SearchHit]:
        if not found:
            return []
        marks = ",".join("?" * len(found))
        titles = {
            rowid: (pid, en if locale == "en" and en else el)
            for rowid, pid, el, en in self._db.execute(
                "SELECT rowid, procedure_id, title_el, title_en FROM procedure_titles "
                f"WHERE rowid IN ({marks})",
                [rowid for rowid, _ in found],
            )
        }
        return [SearchHit(*titles[rowid], score) for rowid, score in found if rowid in titles]

    @staticmethod
    def _ladder(query: str) -> Iterator[str]:
        """FTS5 expressions for the query, best first."""
        from kiosk.catalog.greek_text import (
            from_greeklish,
            is_latin,
            query_words,
            sound_key,
            stem,
        )

        raw_words = query.split()[:MAX_QUERY_WORDS]
        typed: list[list[str]] = []  # per reading of the query (as typed, as Greeklish)
        for text in dict.fromkeys(
            [
                " ".join(raw_words),
                " ".join(from_greeklish(w) if is_latin(w) else w for w in raw_words),
            ]
        ):
            folded = query_words(text)
            if folded and folded not in typed:
                typed.append(folded)
        if not typed:
            return
        stems = [[stem(word) for word in reading] for reading in typed]
        # Greeklish spells Greek loosely (i for η, υ, ει...): it also matches by sound.
        sounds: list[list[str]] = []
        if any(is_latin(word) for word in raw_words):
            for reading in stems[1:]:  # the Greeklish reading(s), read back as Greek
                keys = [sound_key(term) for term in reading]
                if all(keys):
                    sounds.append(keys)

        def either(sets: list[list[str]], prefix: bool = False, by_sound: bool = False) -> str:
            alternatives = []
            for terms in sets:
                quoted = [_quoted(t, False) for t in terms[:-1]]
                quoted.append(_quoted(terms[-1], prefix))
                alternatives.append("(" + " AND ".join(quoted) + ")")
            if by_sound and sounds:
                alternatives.append("{sounds} : (" + either(sounds, prefix) + ")")
            return " OR ".join(dict.fromkeys(alternatives))

        yield either(typed)
        yield either(stems, by_sound=True)
        yield either(stems, prefix=True, by_sound=True)
        if 2 <= max(len(terms) for terms in stems) <= MAX_WORDS_TO_DROP_ONE:
            yield either(
                [
                    list(kept)
                    for terms in stems
                    if len(terms) >= 2
                    for kept in combinations(terms, len(terms) - 1)
                ]
            )
