from __future__ import annotations

import pytest
from stdnum.gr import amka, vat

from kiosk.ports import RegistryUnavailableError
from sync.registry import PlatformRegistry
from sync.server import fixtures
from tests.sync.conftest import Platform


def test_taxpayer_is_found_by_afm_and_marked_fake(platform: Platform) -> None:
    record = PlatformRegistry(platform.client()).lookup("taxpayer", "099999999")
    assert record is not None
    assert record.attributes["surname"] == "ΔΟΚΙΜΑΣΤΙΚΟΣ" and record.attributes["fake"] == "true"


def test_vehicle_plate_in_latin_letters_is_found(platform: Platform) -> None:
    record = PlatformRegistry(platform.client()).lookup("vehicle", "zzz-0001")
    assert record is not None and record.attributes["make"] == "FAKE MOTORS"


def test_unknown_identity_is_none(platform: Platform) -> None:
    assert PlatformRegistry(platform.client()).lookup("identity", "15068899994") is not None
    assert PlatformRegistry(platform.client()).lookup("identity", "31129999996") is None


def test_registry_down_raises_unavailable(platform: Platform) -> None:
    platform.state.registry_down = True
    with pytest.raises(RegistryUnavailableError):
        PlatformRegistry(platform.client()).lookup("taxpayer", "099999999")


def test_link_down_raises_unavailable(platform: Platform) -> None:
    registry = PlatformRegistry(platform.client())
    platform.stop()
    with pytest.raises(RegistryUnavailableError):
        registry.lookup("taxpayer", "099999999")


def test_fake_identifiers_pass_their_checksums() -> None:
    assert all(vat.is_valid(afm) for afm in fixtures.TAXPAYERS)
    assert all(amka.is_valid(number) for number in fixtures.IDENTITIES)
