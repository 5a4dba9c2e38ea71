"""Catalog search over 6,500 procedure variants (500 procedures × 13 Regions, made from
the samples) vs. a raw FTS5 MATCH on the same table in the same run."""

from __future__ import annotations

import json
import random
from pathlib import Path

from benchmarks.timing import p95, samples_ms
from kiosk.catalog.loader import load_catalog, sample_catalog_dir
from kiosk.catalog.model import Procedure, Text
from kiosk.catalog.search import SearchIndex

QUERIES = [
    "αδεια ταξι",
    "ΑΔΕΙΑ ΤΑΞΙ",
    "adeia taxi",
    "μεταφορα ζωων",
    "αδεια",
    "ζω",
    "κτηνιατρικ",
    "οχηματα",
]
WORDS = [
    "Αττικής",
    "Κρήτης",
    "Ηπείρου",
    "ανανέωση",
    "μεταβίβαση",
    "βεβαίωση",
    "έγκριση",
    "μητρώο",
    "ελιές",
]


MITOS = (
    Path(__file__).resolve().parents[2]
    / "shared"
    / "data"
    / "mitos"
    / "mitos_cpsvap_100_procedures.json"
)


def _registry_titles() -> list[Procedure]:
    """The 100 ΜΙΤΟΣ procedures' real titles and descriptions, when the shared data is
    beside the project; they make a realistic spread of words to search."""
    if not MITOS.exists():
        return []
    base = next(iter(load_catalog(sample_catalog_dir()).procedures.values()))
    made = []
    for entry in json.loads(MITOS.read_text("utf-8")):
        summary = entry["description"] if entry["description"] != "None" else entry["title"]
        made.append(
            base.model_copy(
                update={
                    "id": f"mitos-{entry['mitos_id']}",
                    "title": Text(el=entry["title"]),
                    "summary": Text(el=summary[:600]),
                    "alt_titles": [],
                    "keywords": [],
                    "life_events": [],
                }
            )
        )
    return made


def variants(count: int) -> list[Procedure]:
    samples = _registry_titles() or list(load_catalog(sample_catalog_dir()).procedures.values())
    rng = random.Random(7)
    made = []
    for n in range(count):
        base = samples[n % len(samples)]
        extra = " ".join(rng.sample(WORDS, 2))
        title = base.title.model_copy(update={"el": f"{base.title.el} {extra} {n}"})
        made.append(base.model_copy(update={"id": f"{base.id}-{n}", "title": title}))
    return made


def measure(smoke: bool) -> dict[str, float]:
    count = 300 if smoke else 6_500
    index = SearchIndex()
    index.rebuild(variants(count))
    rounds = 2 if smoke else 20
    ours = [
        t
        for _ in range(rounds)
        for q in QUERIES
        for t in samples_ms(lambda q=q: index.search(q), 1)
    ]
    db = index._db
    raw = [
        t
        for _ in range(rounds)
        for q in ("αδει ταξ", "αδει", "μεταφορ ζω")
        for t in samples_ms(
            lambda q=q: db.execute(
                "SELECT procedure_id FROM procedure_search WHERE procedure_search MATCH ? ORDER BY rank LIMIT 20",
                (q,),
            ).fetchall(),
            1,
        )
    ]
    ours_sorted, raw_sorted = sorted(ours), sorted(raw)
    return {
        "variants": float(count),
        "search_p50_ms": ours_sorted[len(ours_sorted) // 2],
        "search_p95_ms": p95(ours),
        "raw_fts5_p50_ms": raw_sorted[len(raw_sorted) // 2],
        "search_vs_raw_p50_ratio": ours_sorted[len(ours_sorted) // 2]
        / raw_sorted[len(raw_sorted) // 2],
    }
