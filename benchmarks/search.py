"""Catalog search over 6,500 procedure variants (500 procedures × 13 Regions, made from
the samples and the ΜΙΤΟΣ registry extract) vs. a raw FTS5 MATCH on the same table in
the same run."""

from __future__ import annotations

import ast
import json
import random
from pathlib import Path

import msgspec

from benchmarks.timing import p95, samples_ms
from kiosk.catalog.greek_text import from_greeklish, is_latin, search_terms
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
    "α",
    "βεβαιωση",
    "ελαιολαδο",
    "κτηνιατρικα φαρμακα",
    "εχασα την αδεια ταξι",
]
REGIONS = [
    "Ανατολικής Μακεδονίας και Θράκης",
    "Κεντρικής Μακεδονίας",
    "Δυτικής Μακεδονίας",
    "Ηπείρου",
    "Θεσσαλίας",
    "Ιονίων Νήσων",
    "Δυτικής Ελλάδας",
    "Στερεάς Ελλάδας",
    "Αττικής",
    "Πελοποννήσου",
    "Βορείου Αιγαίου",
    "Νοτίου Αιγαίου",
    "Κρήτης",
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


def _mitos_file() -> Path | None:
    """The registry extract in the project's shared data, beside the repository (CI) or
    further up (a developer's worktree)."""
    for folder in Path(__file__).resolve().parents:
        candidate = folder / "shared" / "data" / "mitos" / "mitos_cpsvap_100_procedures.json"
        if candidate.exists():
            return candidate
    return None


def _alt_labels(labels: str | None) -> list[str]:
    """The extract's alt_labels: a Python list literal, "None", null, or (once) a broken
    literal, then kept as one text."""
    if not labels or labels == "None":
        return []
    try:
        parsed = ast.literal_eval(labels)
    except (ValueError, SyntaxError):
        return [labels.strip("[]'")]
    return [str(label) for label in parsed]


def _registry_procedures(samples: list[Procedure]) -> list[Procedure]:
    """The ΜΙΤΟΣ procedures the samples do not cover, with their real titles, alternative
    titles and descriptions (when the shared data is there): a realistic spread of words."""
    mitos = _mitos_file()
    if mitos is None:
        return []
    covered = {p.mitos_id for p in samples}
    base = samples[0]
    made = []
    for entry in json.loads(mitos.read_text("utf-8")):
        if entry["mitos_id"] in covered:
            continue
        summary = entry["description"] if entry["description"] != "None" else entry["title"]
        alt_titles = _alt_labels(entry["alt_labels"])
        made.append(
            msgspec.structs.replace(
                base,
                id=f"mitos-{entry['mitos_id']}",
                mitos_id=entry["mitos_id"],
                title=Text(el=entry["title"]),
                summary=Text(el=summary[:600]),
                alt_titles=alt_titles,
                keywords=[],
                life_events=list(entry["life_events"]),
                category=None,
            )
        )
    return made


def variants(count: int) -> list[Procedure]:
    """`count` rows: procedures (the samples first, then the registry's others), each
    with two extra title words, repeated for the 13 Regions (the Region's name added)."""
    samples = sorted(load_catalog(sample_catalog_dir()).procedures.values(), key=lambda p: p.id)
    bases = samples + _registry_procedures(samples)
    rng = random.Random(7)
    made = []
    for n in range(-(-count // len(REGIONS))):
        base = bases[n % len(bases)]
        title = msgspec.structs.replace(
            base.title, el=f"{base.title.el} {' '.join(rng.sample(WORDS, 2))}"
        )
        for code, region in enumerate(REGIONS, start=1):
            made.append(
                msgspec.structs.replace(
                    base,
                    id=f"{base.id}~{n}~{code}",
                    title=title,
                    keywords=[*base.keywords, region],
                )
            )
    return made[:count]


def _raw_expression(query: str) -> str:
    """What a bare FTS5 finder would send: the stems AND-ed, the last one a prefix."""
    words = [from_greeklish(w) if is_latin(w) else w for w in query.split()]
    terms = search_terms(" ".join(words))
    return " AND ".join([f'"{t}"' for t in terms[:-1]] + [f'"{terms[-1]}"*'])


def _median(values: list[float]) -> float:
    return sorted(values)[len(values) // 2]


def measure(smoke: bool) -> dict[str, float]:
    count = 13 * 60 if smoke else 6_500  # smoke: every sample (fewer than 60) once per Region
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
    raw_sql = (
        "SELECT rowid FROM procedure_search WHERE procedure_search MATCH ? ORDER BY rank LIMIT 20"
    )
    expressions = [_raw_expression(q) for q in QUERIES]
    raw = [
        t
        for _ in range(rounds)
        for e in expressions
        for t in samples_ms(lambda e=e: db.execute(raw_sql, (e,)).fetchall(), 1)
    ]
    taxi_first = all(
        index.search(q)[0].procedure_id.split("~")[0] == "taxi-driver-licence"
        for q in ("αδεια ταξι", "ΑΔΕΙΑ ΤΑΞΙ", "adeia taxi")
    )
    return {
        "variants": float(count),
        "search_p50_ms": _median(ours),
        "search_p95_ms": p95(ours),
        "raw_fts5_p50_ms": _median(raw),
        "raw_fts5_p95_ms": p95(raw),
        "search_vs_raw_p50_ratio": _median(ours) / _median(raw),
        "search_vs_raw_p95_ratio": p95(ours) / p95(raw),
        "taxi_licence_first": 1.0 if taxi_first else 0.0,
    }


def notes(smoke: bool) -> list[str]:
    return [
        "raw = one FTS5 MATCH of the same stems (last one a prefix) ORDER BY bm25 LIMIT 20 "
        "on the same table, for the same queries; ours adds Greeklish, title-first tiers, "
        "the prefix and drop-one-word rungs, and caps the rows bm25 ranks",
        "taxi_licence_first is 1 when «αδεια ταξι», «ΑΔΕΙΑ ΤΑΞΙ» and «adeia taxi» all list "
        "the taxi licence first among the variants (0 otherwise)",
    ]
