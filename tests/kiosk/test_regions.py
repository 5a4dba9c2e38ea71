"""Reference data: 13 Regions, 74 Regional Units, postcodes by NUTS-3."""

from __future__ import annotations

from kiosk import regions


def test_thirteen_regions_and_seventy_four_regional_units_with_kallikratis_codes() -> None:
    assert len(regions.regions()) == 13
    units = regions.regional_units()
    assert len(units) == 74
    assert units["0202"].name_el == "ΘΕΣΣΑΛΟΝΙΚΗΣ" and units["0202"].region_code == "2"
    assert {unit.region_code for unit in units.values()} == set(regions.regions())


def test_a_postcode_maps_to_one_unit_only_when_its_nuts3_area_holds_one() -> None:
    thessaloniki = regions.postcode_area("54622")
    assert thessaloniki is not None and thessaloniki.exact
    assert [u.code for u in thessaloniki.units] == ["0202"]
    rhodes = regions.postcode_area("85100")
    assert rhodes is not None and not rhodes.exact and rhodes.nuts3 == "EL421"
    assert "1211" in {u.code for u in rhodes.units} and rhodes.region_codes == {"12"}


def test_a_postcode_in_range_but_not_listed_has_no_area() -> None:
    assert regions.postcode_in_range("11111") and regions.postcode_area("11111") is None
    assert not regions.postcode_in_range("09999") and not regions.postcode_in_range("86000")
