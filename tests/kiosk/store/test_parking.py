"""Parking codes people can read aloud and type on a Greek keyboard, and the durable
queue that takes the sealed copies to the platform."""

from __future__ import annotations

import pytest

from kiosk.store import ParkingError, Store
from kiosk.store.parking import ALPHABET, format_code, new_code, normalise_code, parse_code


def test_a_code_typed_in_greek_look_alike_letters_reads_as_its_latin_letters() -> None:
    assert normalise_code("ΑΕΗΚ-ΜΝΡΤ") == "AEHKMNPT"
    assert normalise_code("χυ34 αε") == "XY34AE"
    assert normalise_code("κάμ-ή") == "KAMH"  # accents from the Greek keyboard dropped
    assert parse_code("Κ7Μ3 ΡΧ4Α") == parse_code("k7m3-px4a") == "K7M3PX4A"


def test_a_code_is_shown_grouped_and_read_back_with_or_without_the_separator() -> None:
    code = new_code()
    shown = format_code(code)
    assert shown[4] == "-" and shown.replace("-", "") == code
    assert parse_code(shown) == parse_code(code) == parse_code(f" {code[:4]} {code[4:]} ")


def test_every_letter_of_the_alphabet_that_has_a_greek_twin_is_read_from_it() -> None:
    twins = dict(zip("ΑΕΗΚΜΝΡΤΧΥ", "AEHKMNPTXY", strict=True))
    assert set(twins.values()) <= set(ALPHABET)
    for greek, latin in twins.items():
        assert normalise_code(greek) == normalise_code(greek.lower()) == latin


def test_something_that_cannot_be_a_code_is_refused_with_a_clear_reason() -> None:
    for typed in ("", "K7M3", "K7M3-PX4A-X", "K7M3-PX4Ψ", "K0M3-PX4A"):
        with pytest.raises(ParkingError) as refused:
            parse_code(typed)
        assert refused.value.reason == "malformed_code"
        assert "K7M3-PX4A" in refused.value.message("el")


def test_a_greek_typed_code_opens_its_draft_on_this_device(store: Store) -> None:
    draft = store.drafts.create("taxi-driver-licence", "1.0.0", "2", "kiosk")
    code, pin = store.parking.park(draft.submission_id)
    greek = code.translate(str.maketrans("AEHKMNPTXY", "ΑΕΗΚΜΝΡΤΧΥ"))
    assert store.parking.resume(greek, pin) == draft.submission_id


def test_refusals_speak_the_citizens_language() -> None:
    refused = ParkingError("wrong_pin", left=3)
    assert refused.message("el") == "Λάθος PIN. Προσπάθειες που απομένουν: 3."
    assert refused.message("en") == "Wrong PIN. Tries left: 3."
    assert str(refused) == "parking.wrong_pin"  # what a log keeps: the code, never the words


def test_a_sealed_copy_waits_until_sent_and_one_picked_up_here_is_withdrawn(
    store: Store,
) -> None:
    draft = store.drafts.create("taxi-driver-licence", "1.0.0", "2", "kiosk")
    code, pin = store.parking.park(draft.submission_id)
    store.parking.queue_upload(code, "lookup-id-0000000001", b'{"verifier": "v"}')
    assert [item.withdrawn for item in store.parking.pending_uploads()] == [False]
    store.parking.mark_parked_failed("lookup-id-0000000001", "link down")
    assert store.parking.upload_status(code) == "pending"
    assert store.parking.resume(code, pin) == draft.submission_id  # here, before it went up
    [withdrawn] = store.parking.pending_uploads()
    assert withdrawn.withdrawn and withdrawn.body == b'{"verifier": "v"}'
    store.parking.mark_parked_sent("lookup-id-0000000001")  # an upload in flight landed
    assert store.parking.upload_status(code) == "withdrawn"  # still to delete up there
    store.parking.mark_parked_discarded("lookup-id-0000000001")
    assert store.parking.upload_status(code) is None


def test_the_purge_drops_parked_drafts_past_their_life_and_their_queued_copies(
    store: Store,
) -> None:
    from datetime import UTC, datetime, timedelta

    draft = store.drafts.create("taxi-driver-licence", "1.0.0", "2", "kiosk")
    code, pin = store.parking.park(draft.submission_id)
    store.parking.queue_upload(code, "lookup-id-0000000002", b'{"verifier": "v"}')
    store.purge(30, 30, now=datetime.now(UTC) + timedelta(days=8))
    assert store.parking.upload_status(code) is None
    with pytest.raises(ParkingError) as gone:
        store.parking.resume(code, pin)
    assert gone.value.reason == "unknown_code"
