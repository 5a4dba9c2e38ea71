from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from kiosk.catalog.loader import load_catalog, sample_catalog_dir
from kiosk.catalog.regional import resolve_for_region
from kiosk.catalog.schema_export import render, schemas
from kiosk.paths import resources_dir


def test_the_sample_catalog_loads_without_problems() -> None:
    load = load_catalog(sample_catalog_dir())
    assert load.problems == []
    assert {"taxi-driver-licence", "animal-transporter-licence-type2"} <= set(load.procedures)
    assert all(p.mitos_id for p in load.procedures.values())


def test_a_broken_definition_is_reported_with_its_path_and_the_others_still_load(
    tmp_path: Path,
) -> None:
    catalog = tmp_path / "catalog"
    shutil.copytree(sample_catalog_dir(), catalog)
    taxi = catalog / "procedures" / "taxi-driver-licence.json"
    data = json.loads(taxi.read_text("utf-8"))
    data["steps"][0]["fields"][0]["label"] = {"en": "AFM"}
    taxi.write_text(json.dumps(data), "utf-8")
    (catalog / "procedures" / "half-written.json").write_text('{"id": "x", "ver', "utf-8")
    load = load_catalog(catalog)
    assert "animal-transporter-licence-type2" in load.procedures
    assert "taxi-driver-licence" not in load.procedures
    paths = {(p.procedure_id, p.path) for p in load.problems}
    assert ("taxi-driver-licence", "steps[0].fields[0].label.el") in paths
    assert any(
        p.procedure_id == "half-written.json" and "cannot read" in p.message for p in load.problems
    )


def test_attica_override_changes_the_authority_without_copying_the_procedure() -> None:
    load = load_catalog(sample_catalog_dir())
    common = load.procedures["taxi-driver-licence"]
    attica = resolve_for_region(common, load.overrides, "9")
    assert "Αττικής" in attica.procedure.authority.name.el
    assert attica.offices and attica.offices[0].regional_unit_code == "0903"
    assert "Αττικής" not in common.authority.name.el
    thessaly = resolve_for_region(common, load.overrides, "5")
    assert thessaly.procedure is common


def test_published_schemas_are_up_to_date() -> None:
    for name, schema in schemas().items():
        assert (resources_dir() / "schemas" / name).read_text("utf-8") == render(schema), name


def test_a_folder_with_invalid_utf8_deep_nesting_or_a_list_is_reported_file_by_file(
    tmp_path: Path,
) -> None:
    catalog = tmp_path / "catalog"
    shutil.copytree(sample_catalog_dir(), catalog)
    procedures = catalog / "procedures"
    (procedures / "latin1.json").write_bytes('{"id": "Αίτηση"}'.encode("iso-8859-7"))
    (procedures / "deep.json").write_text("[" * 100_000 + "]" * 100_000, "utf-8")
    (procedures / "list.json").write_text("[1, 2]", "utf-8")
    (catalog / "catalog.json").write_bytes(b"\xff\xfe")
    load = load_catalog(catalog)
    said = {p.procedure_id: p.message for p in load.problems}
    assert "not UTF-8 text" in said["latin1.json"]
    assert "nested deeper than" in said["deep.json"]
    assert "a list where a JSON object is expected" in said["list.json"]
    assert "not UTF-8 text" in said["catalog.json"]
    assert "taxi-driver-licence" in load.procedures  # the good ones still load


def test_reading_a_catalog_imports_no_pydantic() -> None:
    # A device's start reads its catalog: pydantic's import and per-model build were a
    # third of the imports behind the first screen (issue 24).
    code = (
        "import sys; import kiosk.catalog.loader, kiosk.catalog.check, kiosk.catalog.search, "
        "kiosk.catalog.regional; from kiosk.catalog.loader import load_catalog, "
        "sample_catalog_dir; load_catalog(sample_catalog_dir()); "
        "print(sorted(m for m in sys.modules if m.startswith('pydantic')))"
    )
    ran = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert ran.stdout.strip() == "[]"
