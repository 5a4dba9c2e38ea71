from __future__ import annotations

import copy
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from kiosk.catalog.loader import load_catalog
from kiosk.catalog.mitos_import import (
    MitosImportError,
    import_entries,
    read_export,
    write_catalog,
)
from kiosk.paths import resources_dir

EXPORT = resources_dir() / "data" / "mitos" / "mitos_cpsvap_100_procedures.json"


@pytest.fixture(scope="module")
def entries() -> list[Any]:
    return read_export(EXPORT)


def words(text: str) -> str:
    return " ".join(text.split())


def by_mitos_id(entries: list[Any], mitos_id: str) -> dict[str, Any]:
    return copy.deepcopy(next(e for e in entries if e["mitos_id"] == mitos_id))


def test_all_100_registry_entries_become_drafts_the_loader_accepts_without_problems(
    entries: list[Any], tmp_path: Path
) -> None:
    result = import_entries(entries)
    assert result.failures == []
    assert len(result.imported) == 100
    write_catalog(result, tmp_path / "mitos")

    load = load_catalog(tmp_path / "mitos")

    assert load.problems == []
    assert len(load.procedures) == 100
    assert all(p.draft and p.id == f"mitos-{p.mitos_id}" for p in load.procedures.values())
    assert load.manifest["catalog_id"] == "mitos-import"


def test_the_taxi_licence_keeps_its_registry_facts(entries: list[Any]) -> None:
    raw = by_mitos_id(entries, "742507")
    procedure = import_entries([raw]).imported[0].procedure

    assert procedure.title.el == raw["title"].strip()
    assert procedure.summary.el.startswith(raw["description"].strip()[:40])
    assert len(procedure.eligibility) == len(raw["requirements"])
    questions = procedure.steps[-1].fields
    assert [q.type for q in questions] == ["yes_no"] * len(raw["requirements"])
    assert [words(d.title.el) for d in procedure.documents] == [
        words(e["name"]) for e in raw["evidences"]
    ]
    assert procedure.documents[0].mitos_evidence_id == raw["evidences"][0][
        "evidence_type_id"
    ].removesuffix(".0")
    assert [b.reference for b in procedure.legal_basis] == [
        b["id_local"] for b in raw["legal_basis"]
    ]
    assert [(f.id, f.amount) for f in procedure.fees] == [("cost", Decimal("50.00"))]


def test_a_cost_range_is_not_turned_into_a_fee_but_noted_and_put_in_the_help(
    entries: list[Any],
) -> None:
    imported = import_entries([by_mitos_id(entries, "225434")]).imported[0]

    assert imported.procedure.fees == []
    assert imported.procedure.help is not None
    assert "από 50,00 € έως 250,00 €" in imported.procedure.help.el
    assert any(note.startswith("cost range 50.00–250.00") for note in imported.notes)


def test_alternative_titles_split_on_the_line_breaks_inside_the_list_literal(
    entries: list[Any],
) -> None:
    procedure = import_entries([by_mitos_id(entries, "265882")]).imported[0].procedure

    assert "Υπεύθυνη Δήλωση" in procedure.alt_titles
    assert "Έκδοση Υπέυθυνης Δήλωσης" in procedure.alt_titles


def test_what_cannot_be_mapped_is_listed_for_its_procedure(entries: list[Any]) -> None:
    raw = by_mitos_id(entries, "742507")
    raw["costs"] = [{"kind": "Min Cost", "value": "None", "currency": "Euro"}]
    raw["evidences"][1]["name"] = "None"
    raw["legal_basis"][0]["description"] = ""

    imported = import_entries([raw]).imported[0]

    assert "cost 1 without amount, left out" in imported.notes
    assert "evidence 2 without title, left out" in imported.notes
    assert "legal basis 1 (18369) without description, left out" in imported.notes
    assert imported.procedure.fees == []
    assert len(imported.procedure.documents) == len(raw["evidences"]) - 1


def test_a_malformed_entry_is_reported_by_index_and_id_and_the_others_still_import(
    entries: list[Any],
) -> None:
    no_id = by_mitos_id(entries, "742507")
    del no_id["mitos_id"]
    wrong_types = by_mitos_id(entries, "616541")
    wrong_types["requirements"] = "none"
    batch = [entries[0], no_id, wrong_types, "not an object", entries[1]]

    result = import_entries(batch)

    assert [i.procedure.mitos_id for i in result.imported] == [
        entries[0]["mitos_id"],
        entries[1]["mitos_id"],
    ]
    assert len(result.failures) == 3
    assert result.failures[0].startswith("entry 1 (no mitos_id): mitos_id: Field required")
    assert result.failures[1].startswith("entry 2 (mitos_id 616541): requirements:")
    assert result.failures[2].startswith("entry 3 (no mitos_id):")
    assert result.summary().startswith("imported 2 of 5 entries")


def test_the_same_registry_id_twice_is_imported_once(entries: list[Any]) -> None:
    result = import_entries([entries[0], entries[0]])

    assert len(result.imported) == 1
    assert "duplicate mitos_id" in result.failures[0]


def test_a_file_that_is_not_a_list_is_refused_with_its_path(tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    path.write_text(json.dumps({"mitos_id": "1"}), "utf-8")

    with pytest.raises(MitosImportError, match="expected a JSON list"):
        read_export(path)


def test_writing_never_overwrites_a_folder_in_use(entries: list[Any], tmp_path: Path) -> None:
    out = tmp_path / "catalog"
    out.mkdir()
    (out / "keep.txt").write_text("mine", "utf-8")

    with pytest.raises(MitosImportError, match="not an empty folder"):
        write_catalog(import_entries(entries[:1]), out)
    assert (out / "keep.txt").read_text("utf-8") == "mine"
