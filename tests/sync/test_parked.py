from __future__ import annotations

import pytest

from sync.parked import ParkedDrafts, WrongCodeOrPinError, lookup_id, open_sealed, seal
from tests.sync.conftest import Platform

DRAFT = '{"answers": {"surname": "ΔΟΚΙΜΑΣΤΙΚΗ"}}'.encode()
OFFICE = "office-thessaloniki"


def test_sealed_draft_opens_only_with_the_same_code_and_pin() -> None:
    sealed = seal(DRAFT, "ACDE-FHJK", "4821", OFFICE)
    assert DRAFT not in sealed.blob and "ACDE" not in sealed.lookup_id
    assert open_sealed(sealed.blob, "acdefhjk", "4821", OFFICE) == DRAFT
    with pytest.raises(WrongCodeOrPinError):
        open_sealed(sealed.blob, "ACDEFHJK", "4822", OFFICE)
    with pytest.raises(WrongCodeOrPinError):
        open_sealed(sealed.blob, "ACDEFHJK", "4821", "another-office")


def test_lookup_id_depends_on_code_and_office_only() -> None:
    assert lookup_id("ACDEFHJK", OFFICE) == lookup_id("acde fhjk", OFFICE)
    assert lookup_id("ACDEFHJK", OFFICE) != lookup_id("ACDEFHJM", OFFICE)
    assert lookup_id("ACDEFHJK", OFFICE) != lookup_id("ACDEFHJK", "another-office")


def test_draft_parked_at_a_kiosk_is_picked_up_at_a_counter(platform: Platform) -> None:
    kiosk_side = ParkedDrafts(platform.client(), OFFICE)
    code = kiosk_side.park(DRAFT, pin="4821")
    stored = platform.store.get_parked(OFFICE, lookup_id(code, OFFICE))
    assert stored is not None and DRAFT not in stored and code.encode() not in stored
    counter_side = ParkedDrafts(platform.client(), OFFICE)
    assert counter_side.pick_up(code, "4821") == DRAFT
    with pytest.raises(WrongCodeOrPinError):
        counter_side.pick_up(code, "0000")
    counter_side.discard(code)
    assert counter_side.pick_up(code, "4821") is None
