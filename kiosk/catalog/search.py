"""The citizen's procedure finder: SQLite FTS5 over folded, stemmed Greek.

Columns are weighted with bm25 so that titles rank above alternative titles and
keywords, and those above the summary. The last word of the query matches as a prefix
(search as you type). A Latin-script query is also tried as Greeklish."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kiosk.catalog.greek_text import from_greeklish, is_latin, search_terms
from kiosk.catalog.model import Procedure

MAX_QUERY_WORDS = 12
# bm25 weights, in column order: title, alt_titles, keywords, summary
WEIGHTS = (10.0, 6.0, 3.0, 1.0)


@dataclass(frozen=True)
class SearchHit:
    procedure_id: str
    title: str
    score: float


def _indexed(*texts: str) -> str:
    return " ".join(term for text in texts for term in search_terms(text))


class SearchIndex:
    def __init__(self, path: Path | str = ":memory:") -> None:
        self._db = sqlite3.connect(str(path), check_same_thread=False)
        self._db.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS procedure_search USING fts5("
            "procedure_id UNINDEXED, locale UNINDEXED, display_title UNINDEXED, "
            "title, alt_titles, keywords, summary, tokenize='unicode61')"
        )

    def rebuild(self, procedures: Iterable[Procedure]) -> int:
        rows = []
        for p in procedures:
            for locale in ("el", "en"):
                rows.append(
                    (
                        p.id,
                        locale,
                        p.title.get(locale),
                        _indexed(p.title.el, p.title.en or ""),
                        _indexed(*p.alt_titles),
                        _indexed(*p.keywords, *p.life_events, p.category.el if p.category else ""),
                        _indexed(p.summary.el, p.summary.en or ""),
                    )
                )
        with self._db:
            self._db.execute("DELETE FROM procedure_search")
            self._db.executemany("INSERT INTO procedure_search VALUES (?,?,?,?,?,?,?)", rows)
        return len(rows) // 2

    def search(self, query: str, limit: int = 20, locale: str = "el") -> list[SearchHit]:
        """Whole-word matches first, then matches of the last word as a prefix (so that
        "ταξι" finds the taxi licence before "ταξίδια"), each ranked by bm25."""
        hits: dict[str, SearchHit] = {}
        for prefix in (False, True):
            if len(hits) >= limit:
                break  # whole words already fill the page: no need for the prefix pass
            for hit in self._query(self._match_expression(query, prefix), limit, locale):
                hits.setdefault(hit.procedure_id, hit)
        return list(hits.values())[:limit]

    def _query(self, match: str | None, limit: int, locale: str) -> list[SearchHit]:
        if match is None:
            return []
        weights = ", ".join(str(w) for w in WEIGHTS)
        rows = self._db.execute(
            f"SELECT procedure_id, display_title, bm25(procedure_search, 0, 0, 0, {weights}) AS rank "
            "FROM procedure_search WHERE procedure_search MATCH ? AND locale = ? "
            "ORDER BY rank LIMIT ?",
            (match, locale, limit),
        ).fetchall()
        return [SearchHit(pid, title, -rank) for pid, title, rank in rows]

    def all_titles(self, locale: str = "el") -> list[SearchHit]:
        rows = self._db.execute(
            "SELECT procedure_id, display_title FROM procedure_search WHERE locale = ? ORDER BY display_title",
            (locale,),
        ).fetchall()
        return [SearchHit(pid, title, 0.0) for pid, title in rows]

    @staticmethod
    def _match_expression(query: str, prefix: bool) -> str | None:
        raw_words = query.split()[:MAX_QUERY_WORDS]
        if not raw_words:
            return None
        alternatives = []
        for variant in {
            query,
            " ".join(from_greeklish(w) if is_latin(w) else w for w in raw_words),
        }:
            terms = search_terms(variant)
            if not terms:
                continue
            # Quoted terms can never be read as FTS5 syntax; the last one is a prefix.
            quoted = [f'"{t}"' for t in terms[:-1]] + [f'"{terms[-1]}"' + ("*" if prefix else "")]
            alternatives.append("(" + " AND ".join(quoted) + ")")
        return " OR ".join(alternatives) or None
