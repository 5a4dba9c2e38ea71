"""Definitions written by the pydantic models (before msgspec) load unchanged, and the
records write them back byte for byte: an office updating its devices one by one, an
author's folder from an older `from-sheet` or `import-mitos`, and the search index's
cached fingerprints all keep working. The captured files: written_by_pydantic.json."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import msgspec
import pytest

from kiosk.catalog.loader import load_catalog
from kiosk.catalog.model import Procedure, RegionOverride
from kiosk.catalog.regional import resolve_for_region
from kiosk.catalog.validation import convert, dump

WRITTEN = json.loads(Path(__file__).with_name("written_by_pydantic.json").read_text("utf-8"))
FORMS = ("json", "json_exclude_none", "json_exclude_defaults")


def _text(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


@pytest.mark.parametrize("form", FORMS)
def test_every_form_the_old_code_wrote_reads_as_the_same_definition(form: str) -> None:
    procedure = convert(WRITTEN["procedure"][form], Procedure)
    override = convert(WRITTEN["override"][form], RegionOverride)
    assert procedure == convert(WRITTEN["procedure"]["json"], Procedure)
    assert override == convert(WRITTEN["override"]["json"], RegionOverride)


def test_the_records_write_what_the_old_code_wrote_byte_for_byte() -> None:
    for kind, record in (("procedure", Procedure), ("override", RegionOverride)):
        written = WRITTEN[kind]
        value = convert(written["json"], record)
        assert _text(msgspec.to_builtins(value)) == _text(written["json"])
        assert _text(dump(value, exclude_none=True)) == _text(written["json_exclude_none"])
        assert _text(dump(value, exclude_defaults=True)) == _text(written["json_exclude_defaults"])
        assert msgspec.json.encode(value).decode() == written["model_dump_json"]


def test_decimals_keep_their_written_form_and_numbers_are_still_accepted() -> None:
    procedure = convert(WRITTEN["procedure"]["json"], Procedure)
    assert [str(fee.amount) for fee in procedure.fees] == ["30.00", "None", "12"]
    count = next(f for f in procedure.all_fields() if f.id == "count")
    assert (str(count.min_value), str(count.max_value)) == ("1", "10.5")


def test_a_folder_written_by_the_old_code_loads_without_problems(tmp_path: Path) -> None:
    for form in FORMS:
        folder = tmp_path / form
        (folder / "procedures").mkdir(parents=True)
        (folder / "overrides").mkdir()
        (folder / "procedures" / "every-part.json").write_text(
            _text(WRITTEN["procedure"][form]), "utf-8"
        )
        (folder / "overrides" / "every-part.13.json").write_text(
            _text(WRITTEN["override"][form]), "utf-8"
        )
        load = load_catalog(folder)
        assert load.problems == [], form
        resolved = resolve_for_region(load.procedures["every-part"], load.overrides, "13")
        assert [d.id for d in resolved.procedure.documents] == ["id_card", "extra"]
        assert resolved.procedure.fees[0].amount is not None
        assert str(resolved.procedure.fees[0].amount) == "35.5"
        shutil.rmtree(folder)
