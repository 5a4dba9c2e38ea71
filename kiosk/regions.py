"""Reference data: the 13 Regions, the 74 Regional Units, and postcodes by NUTS-3.

Loaded once from resources/data/regions/ (official Kallikratis codes, Eurostat NUTS;
provenance in SOURCES.md there). A postcode maps to a NUTS-3 area, and a NUTS-3 area
can cover several Regional Units, so `postcode_area` returns every candidate."""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec

from kiosk.paths import resources_dir

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    # Every Region keeps Greek time: days, hours and receipts are counted in it.
    ATHENS: ZoneInfo

POSTCODE_MIN, POSTCODE_MAX = 10000, 85999  # Greek postcodes: five digits, 1xxxx-8xxxx


class Region(msgspec.Struct, frozen=True):
    code: str  # Kallikratis, "1".."13"
    name_el: str
    name_latin: str
    iso_code: str


class RegionalUnit(msgspec.Struct, frozen=True):
    code: str  # Kallikratis, e.g. "0901"
    name_el: str
    name_latin: str
    region_code: str
    nuts3: str


def _data_dir() -> Path:
    return resources_dir() / "data" / "regions"


def _rows(name: str) -> list[dict[str, str]]:
    with (_data_dir() / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@cache
def regions() -> dict[str, Region]:
    return {
        row["kallikratis_region_code"]: Region(
            code=row["kallikratis_region_code"],
            name_el=row["name_el_elstat"],
            name_latin=row["name_latin_iso"],
            iso_code=row["iso_3166_2"],
        )
        for row in _rows("gr_regions_13.csv")
    }


@cache
def regional_units() -> dict[str, RegionalUnit]:
    return {
        row["kallikratis_ru_code"]: RegionalUnit(
            code=row["kallikratis_ru_code"],
            name_el=row["name_el_elstat"],
            name_latin=row["name_latin_from_nuts3_label"],
            region_code=row["kallikratis_region_code"],
            nuts3=row["nuts3"],
        )
        for row in _rows("gr_regional_units_74.csv")
    }


@cache
def _postcode_nuts3() -> dict[str, str]:
    return {row["postcode"]: row["nuts3"] for row in _rows("gr_postcodes_to_nuts3_tercet.csv")}


def postcode_in_range(postcode: str) -> bool:
    return (
        len(postcode) == 5 and postcode.isdigit() and POSTCODE_MIN <= int(postcode) <= POSTCODE_MAX
    )


class PostcodeArea(msgspec.Struct, frozen=True):
    """Where a postcode lies, as far as the data can tell.

    The source maps postcodes to NUTS-3 areas, not to Regional Units: Greece has 74
    Regional Units but 52 NUTS-3 codes (Attica's 8 units share 4, the islands' units
    share their island group's). `units` lists every candidate; `exact` is True only
    when there is exactly one, and a screen should ask when it is False."""

    postcode: str
    nuts3: str
    units: tuple[RegionalUnit, ...]

    @property
    def exact(self) -> bool:
        return len(self.units) == 1

    @property
    def region_codes(self) -> frozenset[str]:
        return frozenset(unit.region_code for unit in self.units)


def postcode_area(postcode: str) -> PostcodeArea | None:
    """The NUTS-3 area and candidate Regional Units of a postcode; None when the postcode
    is not in the list (the list is not complete: a valid postcode may be missing)."""
    nuts3 = _postcode_nuts3().get(postcode.strip().replace(" ", ""))
    if nuts3 is None:
        return None
    units = tuple(unit for unit in regional_units().values() if unit.nuts3 == nuts3)
    return PostcodeArea(postcode, nuts3, units)


def __getattr__(name: str) -> Any:
    # ATHENS is made when first used (PEP 562): zoneinfo reads the time zone database and
    # imports sysconfig (~3 ms), and the app's start counts no day or hour.
    if name == "ATHENS":
        from zoneinfo import ZoneInfo

        athens = globals()["ATHENS"] = ZoneInfo("Europe/Athens")
        return athens
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
