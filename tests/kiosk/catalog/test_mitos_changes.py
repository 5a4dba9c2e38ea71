"""`import-mitos --since EARLIER` lists, per authored procedure, what its registry entry
changed: requirements, evidences, costs, legal basis."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from kiosk.catalog.loader import load_catalog, sample_catalog_dir
from kiosk.catalog.mitos_import import registry_changes
from kiosk.paths import resources_dir

EXPORT = resources_dir() / "data" / "mitos" / "mitos_cpsvap_100_procedures.json"
AUTHORED = list(load_catalog(sample_catalog_dir()).procedures.values())


def _export() -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads(EXPORT.read_text(encoding="utf-8"))
    return data


def _entry(entries: list[dict[str, Any]], mitos_id: str) -> dict[str, Any]:
    return next(e for e in entries if e["mitos_id"] == mitos_id)


def test_the_same_export_twice_leaves_nothing_to_review() -> None:
    assert registry_changes(_export(), _export(), AUTHORED) == []


def test_each_kind_of_registry_change_is_listed_under_its_procedure() -> None:
    before = _export()
    after = copy.deepcopy(before)
    taxi = _entry(after, "742507")  # taxi-driver-licence
    taxi["requirements"] = taxi["requirements"][1:]
    taxi["evidences"].append({"evidence_type_id": "999", "name": "Νέο πιστοποιητικό"})
    taxi["legal_basis"].append({"id_local": "ν. 9999/2026", "description": "Νέος νόμος"})
    vine = _entry(after, "766759")  # vine-planting-authorisation
    vine["costs"] = [{"kind": "Παράβολο", "value": "30", "currency": "EUR"}]

    changes = registry_changes(before, after, AUTHORED)

    seen = {(c.procedure_id, c.aspect, c.kind) for c in changes}
    assert ("taxi-driver-licence", "requirements", "removed") in seen
    assert ("taxi-driver-licence", "evidences", "added") in seen
    assert ("taxi-driver-licence", "legal_basis", "added") in seen
    assert any(
        c.procedure_id == "vine-planting-authorisation" and c.aspect == "costs" for c in changes
    )
    assert {c.procedure_id for c in changes} == {
        "taxi-driver-licence",
        "vine-planting-authorisation",
    }
    assert "Νέο πιστοποιητικό" in " ".join(str(c) for c in changes)


def test_an_entry_gone_from_the_registry_is_flagged() -> None:
    before = _export()
    after = [e for e in before if e["mitos_id"] != "742507"]

    [change] = registry_changes(before, after, AUTHORED)

    assert (change.procedure_id, change.aspect, change.kind) == (
        "taxi-driver-licence",
        "entry",
        "removed",
    )


def test_the_cli_prints_the_review_after_the_import(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from ui.cli import main

    after = _export()
    _entry(after, "742507")["evidences"] = []
    current = tmp_path / "current.json"
    current.write_text(json.dumps(after, ensure_ascii=False), encoding="utf-8")

    main(
        [
            "catalog",
            "import-mitos",
            str(current),
            "--out",
            str(tmp_path / "o"),
            "--since",
            str(EXPORT),
        ]
    )

    out = capsys.readouterr().out
    assert "review: taxi-driver-licence (ΜΙΤΟΣ 742507) evidences: removed" in out
    assert "registry changes to review in 1 of" in out
